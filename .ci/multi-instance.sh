#!/usr/bin/env bash
# Several API instances and a worker behind PgBouncer (transaction mode) on this machine's
# PostgreSQL: releases single-runner, no ledger drift, no prepared-statement errors, a shared
# login throttle, a SIGTERM that loses nothing acknowledged. Needs the built backend and a
# PostgreSQL at SYSTEM_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PG_URL="${SYSTEM_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! node -e "const pg=require('pg');const c=new pg.Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).catch(()=>process.exit(1))" "$SYSTEM_PG_URL"; then
  echo "No PostgreSQL answers at $SYSTEM_PG_URL: multi-instance test skipped"
  exit 0
fi
export SYSTEM_PG_URL

if [ ! -x "${PGBOUNCER_BIN:-/usr/sbin/pgbouncer}" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
  else
    sudo -n apt-get update -qq && sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
  fi
fi
[ -f backend/dist/main.js ] || npm run build -w backend
timeout 360 node .ci/multi-instance.mjs
