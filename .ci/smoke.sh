#!/usr/bin/env bash
# Starts the built server the way `npm start` does (embedded PostgreSQL in a fresh DATA_DIR),
# checks it in a browser, stops it with SIGTERM, starts it again and checks the data survived.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATA_DIR="$(mktemp -d)"
export PORT="${SMOKE_PORT:-3399}"
export HOST=127.0.0.1
export SUPER_ADMIN_TELEGRAM_ID=424242
export SUPER_ADMIN_PASSWORD=smoke-test-password-1
export BOT_API_KEY=smoke-bot-api-key-0123456789
export JOBS_ENABLED=true
unset DATABASE_URL
BASE="http://127.0.0.1:$PORT"
LOG="$DATA_DIR/server.log"
chmod 755 "$DATA_DIR"

server_pid=""
start_server() {
  node backend/dist/main.js >>"$LOG" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if curl -sf "$BASE/health" >/dev/null; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$LOG"; echo "server exited during start-up"; return 1; fi
    sleep 0.5
  done
  cat "$LOG"; echo "server did not answer /health in 60 s"; return 1
}
stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || { echo "server exited with an error on SIGTERM"; cat "$LOG"; return 1; }
  if pgrep -f "postgres -D $DATA_DIR" >/dev/null; then echo "embedded PostgreSQL still running after shutdown"; return 1; fi
}
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true' EXIT

gql() {
  curl -sf -X POST "$BASE/graphql" -H 'content-type: application/json' ${2:+-H "$2"} -d "$1"
}

start_server
curl -sf "$BASE/health"; echo
grep -q "GraphQL playground" "$LOG" && grep -q "Admin panel" "$LOG"
grep -q "JWT_SECRET is the development default" "$LOG"
token=$(gql "{\"query\":\"mutation { login(telegramId: \\\"$SUPER_ADMIN_TELEGRAM_ID\\\", password: \\\"$SUPER_ADMIN_PASSWORD\\\") { accessToken } }\"}" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).data.login.accessToken))")
gql '{"query":"mutation { updateSetting(key: \"commission_hold_hours\", value: 36) { value } }"}' "authorization: Bearer $token" | grep -q '"value":36'
gql '{"query":"mutation { registerUser(input: { telegramId: \"111222333\", username: \"smoke\" }) { referralCode } }"}' "x-api-key: $BOT_API_KEY" | grep -q referralCode
curl -sf -H 'accept: text/html' "$BASE/graphql" | grep -qi '<html'
curl -sf "$BASE/admin/" | grep -qi '<html'
# a route of the panel is its page; a missing file under it is a 404, not that page (a rolling
# deploy's old page asking for its hashed bundles must not get HTML for JavaScript)
curl -sf "$BASE/admin/Withdrawal/12/show" | grep -qi '<html'
test "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/admin/assets/nope.js")" = 404

E2E_BASE_URL="$BASE" E2E_TELEGRAM_ID="$SUPER_ADMIN_TELEGRAM_ID" E2E_PASSWORD="$SUPER_ADMIN_PASSWORD" npm run test:e2e -w admin
E2E_BASE_URL="$BASE" E2E_TELEGRAM_ID="$SUPER_ADMIN_TELEGRAM_ID" E2E_PASSWORD="$SUPER_ADMIN_PASSWORD" E2E_BOT_API_KEY="$BOT_API_KEY" node admin/e2e/operations.mjs

stop_server
echo "stopped cleanly; starting again on the same DATA_DIR"
start_server
grep -q "Schema is up to date" "$LOG"
token=$(gql "{\"query\":\"mutation { login(telegramId: \\\"$SUPER_ADMIN_TELEGRAM_ID\\\", password: \\\"$SUPER_ADMIN_PASSWORD\\\") { accessToken } }\"}" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).data.login.accessToken))")
gql '{"query":"{ Setting(id: \"commission_hold_hours\") { value } }"}' "authorization: Bearer $token" | grep -q '"value":36'
gql '{"query":"{ userByTelegramId(telegramId: \"111222333\") { username } }"}' "x-api-key: $BOT_API_KEY" | grep -q '"username":"smoke"'
# Reporting screens on the restarted server: seeds through the API, checks the figures shown.
E2E_BASE_URL="$BASE" E2E_TELEGRAM_ID="$SUPER_ADMIN_TELEGRAM_ID" E2E_PASSWORD="$SUPER_ADMIN_PASSWORD" E2E_BOT_API_KEY="$BOT_API_KEY" npm run test:e2e:reporting -w admin
stop_server
echo "smoke test passed: start, browser, restart with data kept"
