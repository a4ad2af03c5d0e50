// Several instances behind PgBouncer in transaction mode (see .ci/multi-instance.sh, which
// installs PgBouncer and builds the backend first). Proves, and prints the counts:
//   - every commission is released exactly once while releases are triggered on all instances at once;
//   - zero ledger drift after payments, withdrawals and releases;
//   - zero report drift, with the worker's fold moving the payments into the reports' rollups as they come;
//   - no prepared-statement errors (DATABASE_PREPARED_STATEMENTS=false) in any log;
//   - the login throttle counts failures across instances (5 wrong passwords over 3 instances lock the account);
//   - a SIGTERM to one instance under load loses no acknowledged request.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_URL = process.env.SYSTEM_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PGBOUNCER = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';
const LOAD_SECONDS = Number(process.env.MULTI_LOAD_SECONDS ?? 20);
const PAYMENT_CLIENTS = Number(process.env.MULTI_PAYMENT_CLIENTS ?? 12);
const CHAINS = 20;
const BUYERS_PER_CHAIN = 5;
const DEADLINE = setTimeout(() => fail('the multi-instance test took longer than 5 minutes'), 300_000);

const BOT_API_KEY = 'multi-instance-bot-api-key-0123456789';
const SUPER = { telegramId: '770000001', password: 'multi-super-password-1' };
const children = [];
const cleanups = [];
let failed = false;

function fail(message) {
  failed = true;
  console.error(`\nFAILED: ${message}`);
  shutdownAll().finally(() => process.exit(1));
}

async function shutdownAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}

/** Ports handed out so far: the processes bind them seconds later, so the OS may offer one again. */
const givenPorts = new Set();

/** A free port, never one handed out before in this run (the worker once got api-3's: EADDRINUSE). */
async function freePort() {
  for (;;) {
    const port = await new Promise((done, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: offered } = server.address();
        server.close(() => done(offered));
      });
    });
    if (!givenPorts.has(port)) {
      givenPorts.add(port);
      return port;
    }
  }
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function start(name, script, env) {
  const log = { name, text: '' };
  const child = spawn(process.execPath, [join(ROOT, 'backend/dist', script)], {
    cwd: join(ROOT, 'backend'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (log.text += chunk));
  child.stderr.on('data', (chunk) => (log.text += chunk));
  child.exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
  children.push(child);
  return { child, log };
}

async function gql(base, query, variables, headers = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  return { status: response.status, ...body };
}

async function main() {
  // ---- database and PgBouncer (transaction mode) in front of the machine's PostgreSQL
  const databaseName = `ott_multi_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  });
  const server = new URL(SERVER_URL);
  const bouncerPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ott-pgbouncer-'));
  chmodSync(dir, 0o755);
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(join(dir, 'userlist.txt'), `"${server.username || 'postgres'}" ""\n`);
  writeFileSync(
    ini,
    [
      '[databases]',
      `${databaseName} = host=${server.hostname} port=${server.port || 5432} dbname=${databaseName} user=${server.username || 'postgres'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${bouncerPort}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 400',
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: it drops to the postgres user, who must own its files.
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { uid, gid } = await new Promise((done, reject) => {
      const id = spawn('id', ['-u', 'postgres']);
      let out = '';
      id.stdout.on('data', (chunk) => (out += chunk));
      id.on('exit', (code) => (code === 0 ? done({ uid: Number(out), gid: Number(out) }) : reject(new Error('no postgres user for PgBouncer'))));
    });
    for (const file of [dir, ini, join(dir, 'userlist.txt')]) chownSync(file, uid, gid);
  }
  const bouncer = spawn(PGBOUNCER, asRoot ? ['-u', 'postgres', ini] : [ini], { stdio: ['ignore', 'pipe', 'pipe'] });
  let bouncerOutput = '';
  bouncer.stdout.on('data', (chunk) => (bouncerOutput += chunk));
  bouncer.stderr.on('data', (chunk) => (bouncerOutput += chunk));
  children.push(bouncer);
  const databaseUrl = `postgres://${server.username || 'postgres'}@127.0.0.1:${bouncerPort}/${databaseName}`;
  await waitFor('PgBouncer', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.end();
    return true;
  }, 20_000);
  const poolMode = await (async () => {
    const client = new pg.Client({ connectionString: `postgres://${server.username || 'postgres'}@127.0.0.1:${bouncerPort}/pgbouncer` });
    await client.connect().catch(() => undefined);
    const version = await client.query({ text: 'SHOW VERSION', queryMode: 'simple' }).then((r) => Object.values(r.rows[0])[0], () => 'unknown');
    await client.end().catch(() => undefined);
    return version;
  })();
  console.log(`PgBouncer (${poolMode}) in transaction mode on port ${bouncerPort}, database ${databaseName}`);

  const common = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_PREPARED_STATEMENTS: process.env.MULTI_PREPARED_STATEMENTS ?? 'false',
    DATABASE_POOL_SIZE: '6',
    JWT_SECRET: 'multi-instance-jwt-secret-0123456789abcdef',
    BOT_API_KEY,
    SUPER_ADMIN_TELEGRAM_ID: SUPER.telegramId,
    SUPER_ADMIN_PASSWORD: SUPER.password,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'log',
    LOG_FORMAT: 'json',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    SHUTDOWN_TIMEOUT_MS: '20000',
  };

  // ---- migrations once, through the pooler; then three API instances and one worker
  const migration = spawn(process.execPath, [join(ROOT, 'backend/dist/cli.js'), 'migrate'], {
    cwd: join(ROOT, 'backend'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir(), ...common, JOBS_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let migrationOutput = '';
  migration.stdout.on('data', (chunk) => (migrationOutput += chunk));
  migration.stderr.on('data', (chunk) => (migrationOutput += chunk));
  const migrated = await new Promise((done) => migration.on('exit', done));
  if (migrated !== 0) throw new Error(`migrations through PgBouncer failed:\n${migrationOutput}`);

  const instances = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    instances.push({ ...start(`api-${i + 1}`, 'main.js', { ...common, PORT: String(port), JOBS_ENABLED: 'false' }), base: `http://127.0.0.1:${port}`, alive: true });
  }
  const workerPort = await freePort();
  const worker = start('worker', 'worker.js', { ...common, JOBS_ENABLED: 'true', WORKER_PORT: String(workerPort), METRICS_TOKEN: 'multi-instance-metrics-token-01' });
  const logs = [...instances.map((instance) => instance.log), worker.log];
  for (const target of [...instances.map((instance) => instance.base), `http://127.0.0.1:${workerPort}`]) {
    await waitFor(`${target}/health/ready`, async () => (await fetch(`${target}/health/ready`)).status === 200);
  }
  console.log(`3 API instances and 1 worker ready through PgBouncer`);

  // ---- the super admin, settings that make every commission mature at once
  const login = (base, telegramId, password) =>
    gql(base, 'mutation($t: String!, $p: String!) { login(telegramId: $t, password: $p) { accessToken } }', { t: telegramId, p: password });
  const superLogin = await login(instances[0].base, SUPER.telegramId, SUPER.password);
  const token = superLogin.data?.login?.accessToken;
  if (!token) throw new Error(`super admin login failed: ${JSON.stringify(superLogin.errors)}`);
  const asAdmin = (base, query, variables) => gql(base, query, variables, { authorization: `Bearer ${token}` });
  for (const [key, value] of [['commission_hold_hours', 0], ['min_withdrawal_amount', 1000], ['fraud_checks_enabled', false]]) {
    const result = await asAdmin(instances[0].base, 'mutation($k: String!, $v: JSON!) { updateSetting(key: $k, value: $v) { key } }', { k: key, v: value });
    if (result.errors) throw new Error(`updateSetting ${key}: ${JSON.stringify(result.errors)}`);
  }

  // ---- the login throttle is shared: five wrong passwords over three instances lock the account
  const created = await asAdmin(instances[1].base, 'mutation($i: CreateAdminInput!) { createAdmin(input: $i) { id } }', {
    i: { telegramId: '770000002', password: 'throttled-admin-password-1', role: 'ADMIN' },
  });
  if (created.errors) throw new Error(`createAdmin: ${JSON.stringify(created.errors)}`);
  const wrong = [];
  for (let i = 0; i < 5; i++) wrong.push((await login(instances[i % 3].base, '770000002', `wrong-password-${i}`)).errors?.[0]?.extensions?.reason);
  const afterFive = await login(instances[2].base, '770000002', 'throttled-admin-password-1');
  const locked = afterFive.errors?.[0]?.extensions?.reason === 'RATE_LIMITED';
  console.log(`login throttle: 5 wrong passwords over 3 instances (${wrong.join(', ')}); then the right password: ${locked ? 'RATE_LIMITED (locked)' : JSON.stringify(afterFive.errors ?? afterFive.data)}`);
  if (!locked || wrong.some((reason) => reason !== 'INVALID_CREDENTIALS')) throw new Error('the login throttle did not count failures across instances');

  // ---- users: A → B → five buyers, twenty times, registered through the bot API on every instance
  const bot = (base, query, variables) => gql(base, query, variables, { 'x-api-key': BOT_API_KEY });
  const REGISTER = 'mutation($i: RegisterUserInput!) { registerUser(input: $i) { id referralCode } }';
  const buyers = [];
  const earners = [];
  for (let c = 0; c < CHAINS; c++) {
    const base = instances[c % 3].base;
    const a = (await bot(base, REGISTER, { i: { telegramId: String(771000000 + c) } })).data.registerUser;
    const b = (await bot(base, REGISTER, { i: { telegramId: String(772000000 + c), referralCode: a.referralCode } })).data.registerUser;
    earners.push(String(772000000 + c), String(771000000 + c));
    for (let k = 0; k < BUYERS_PER_CHAIN; k++) {
      const telegramId = String(773000000 + c * BUYERS_PER_CHAIN + k);
      await bot(instances[k % 3].base, REGISTER, { i: { telegramId, referralCode: b.referralCode } });
      buyers.push(telegramId);
    }
  }

  // ---- the load: payments on every instance, withdrawals, releases on all instances at once; a SIGTERM half-way
  const counts = { acknowledged: 0, paymentErrors: 0, retriedAfterConnectionError: 0, withdrawalsRequested: 0, withdrawalsPaid: 0, withdrawalConflicts: 0, releaseCalls: 0, releasedByCalls: 0, inFlightAtSigterm: 0, completedAfterSigterm: 0 };
  const acknowledged = new Map();
  const stopAt = Date.now() + LOAD_SECONDS * 1000;
  let next = 0;
  const alive = () => instances.filter((instance) => instance.alive);
  const pick = () => alive()[next++ % alive().length];
  let sigtermSent = false;
  const inFlight = new Map();

  async function call(fn) {
    for (let attempt = 0; ; attempt++) {
      const instance = pick();
      const id = Symbol();
      inFlight.set(id, instance);
      try {
        const result = await fn(instance.base);
        if (sigtermSent && instance === instances[2]) counts.completedAfterSigterm += 1;
        return result;
      } catch (error) {
        // a connection refused or reset: not acknowledged, so the client retries elsewhere
        if (attempt >= 5) throw error;
        counts.retriedAfterConnectionError += 1;
        await sleep(50);
      } finally {
        inFlight.delete(id);
      }
    }
  }

  async function payer(clientIndex) {
    let n = 0;
    while (Date.now() < stopAt) {
      const buyer = buyers[(clientIndex * 7 + n++) % buyers.length];
      const order = await call((base) => bot(base, 'mutation($i: CreateOrderInput!) { createOrder(input: $i) { id } }', { i: { telegramId: buyer, paymentMethod: 'UPI', upiId: `b${buyer}@okaxis` } }));
      const orderId = order.data?.createOrder?.id;
      if (!orderId) {
        counts.paymentErrors += 1;
        continue;
      }
      const paid = await call((base) => bot(base, 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { id status } }', { i: { orderId, transactionId: `MI-${orderId}` } }));
      if (paid.data?.confirmPayment?.status === 'PAID') {
        counts.acknowledged += 1;
        acknowledged.set(orderId, true);
      } else counts.paymentErrors += 1;
    }
  }

  async function withdrawer() {
    let n = 0;
    while (Date.now() < stopAt) {
      const earner = earners[n++ % earners.length];
      const requested = await call((base) => bot(base, 'mutation($i: RequestWithdrawalInput!) { requestWithdrawal(input: $i) { id } }', { i: { telegramId: earner, amount: 1000, upiId: `e${earner}@okaxis` } }));
      const id = requested.data?.requestWithdrawal?.id;
      if (!id) {
        counts.withdrawalConflicts += 1;
        await sleep(100);
        continue;
      }
      counts.withdrawalsRequested += 1;
      await call((base) => asAdmin(base, 'mutation($id: ID!) { approveWithdrawal(id: $id) { id } }', { id }));
      const paid = await call((base) => asAdmin(base, 'mutation($id: ID!, $r: String!) { markWithdrawalPaid(id: $id, payoutReference: $r) { status } }', { id, r: `UTR-MI-${id}` }));
      if (paid.data?.markWithdrawalPaid?.status === 'PAID') counts.withdrawalsPaid += 1;
    }
  }

  async function releaser() {
    while (Date.now() < stopAt) {
      const results = await Promise.all(alive().map((instance) => asAdmin(instance.base, 'mutation { processPendingCommissions }').catch(() => null)));
      for (const result of results) {
        if (result?.data) {
          counts.releaseCalls += 1;
          counts.releasedByCalls += result.data.processPendingCommissions;
        }
      }
      await sleep(300);
    }
  }

  async function sigterm() {
    await sleep((LOAD_SECONDS * 1000) / 2);
    const victim = instances[2];
    counts.inFlightAtSigterm = [...inFlight.values()].filter((instance) => instance === victim).length;
    sigtermSent = true;
    victim.child.kill('SIGTERM');
    const started = Date.now();
    const { code } = await victim.child.exited;
    victim.alive = false;
    counts.sigtermExitCode = code;
    counts.sigtermDrainMs = Date.now() - started;
  }

  await Promise.all([...Array.from({ length: PAYMENT_CLIENTS }, (_, i) => payer(i)), withdrawer(), withdrawer(), releaser(), sigterm()]);
  // one last release after the load, on both remaining instances at once
  const last = await Promise.all(alive().map((instance) => asAdmin(instance.base, 'mutation { processPendingCommissions }')));
  counts.releasedByCalls += last.reduce((sum, result) => sum + (result.data?.processPendingCommissions ?? 0), 0);

  // ---- checks, straight from the database (not through the pooler)
  const direct = new pg.Client({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${databaseName}`) });
  await direct.connect();
  cleanups.push(() => direct.end());
  const one = async (text, values) => (await direct.query(text, values)).rows[0];
  const commissionCounts = await one(`SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'AVAILABLE')::int AS available, count(*) FILTER (WHERE status = 'PENDING')::int AS pending FROM commissions`);
  const releases = await one(`SELECT count(*)::int AS rows, count(DISTINCT commission_id)::int AS distinct_commissions FROM wallet_transactions WHERE type = 'COMMISSION_RELEASE'`);
  const ackIds = [...acknowledged.keys()].map(Number);
  const ackCheck = await one(`SELECT count(*) FILTER (WHERE status = 'PAID')::int AS paid, count(*)::int AS found,
                                     (SELECT count(*)::int FROM commissions WHERE order_id = ANY($1::bigint[])) AS commissions
                              FROM orders WHERE id = ANY($1::bigint[])`, [ackIds]);
  const reconciliation = await asAdmin(alive()[0].base, '{ walletReconciliation { checkedWallets driftedWallets } }');
  const drift = reconciliation.data?.walletReconciliation;
  // the worker's fold moved the payments into the reports' rollups as they came (every second),
  // and the reports equal a recount: the rollups with the tail not yet folded
  const fold = await one(`SELECT (SELECT count(*)::int FROM orders WHERE paid_at < payments_folded_to) AS folded,
                                 (SELECT count(*)::int FROM orders WHERE paid_at >= payments_folded_to) AS tail FROM report_config`);
  const reportDrift = await asAdmin(alive()[0].base, '{ reportDrift { figure bucket expected actual } }');
  const prepared = [...logs.map((log) => log.text), bouncerOutput, readFileSync(join(dir, 'pgbouncer.log'), 'utf8')].join('\n').match(/prepared statement/gi) ?? [];
  const serverErrors = logs.flatMap((log) => log.text.split('\n').filter((line) => line.includes('"level":"error"')).map((line) => `${log.name}: ${line.slice(0, 300)}`));
  const skippedRuns = logs.reduce((sum, log) => sum + (log.text.match(/Commission release skipped/g) ?? []).length, 0);

  console.log('\ncounts');
  console.log(`  confirmPayment acknowledged (PAID answers): ${counts.acknowledged}; other payment answers: ${counts.paymentErrors}`);
  console.log(`  requests retried after a connection error (never acknowledged): ${counts.retriedAfterConnectionError}`);
  console.log(`  withdrawals requested: ${counts.withdrawalsRequested}, paid: ${counts.withdrawalsPaid}, refused while one was open: ${counts.withdrawalConflicts}`);
  console.log(`  release calls (3 instances at once, every 300 ms): ${counts.releaseCalls}; runs skipped because another held the lease: ${skippedRuns}; commissions released by them: ${counts.releasedByCalls}`);
  console.log(`  commissions: ${commissionCounts.total} (${commissionCounts.available} AVAILABLE, ${commissionCounts.pending} PENDING); release ledger rows: ${releases.rows} for ${releases.distinct_commissions} commissions`);
  console.log(`  acknowledged orders found PAID in the database: ${ackCheck.paid} of ${ackIds.length}; their commissions: ${ackCheck.commissions}`);
  console.log(`  SIGTERM to api-3: ${counts.inFlightAtSigterm} request(s) in flight, ${counts.completedAfterSigterm} answered after the signal; exit code ${counts.sigtermExitCode} after ${counts.sigtermDrainMs} ms`);
  console.log(`  wallet reconciliation: ${drift?.checkedWallets} wallets, ${drift?.driftedWallets} with drift`);
  console.log(`  reports: ${fold.folded} paid orders folded into the rollups by the worker, ${fold.tail} in the tail; report drift: ${reportDrift.data?.reportDrift?.length ?? 'error'}`);
  console.log(`  "prepared statement" in any log: ${prepared.length}; error lines in the instances' logs: ${serverErrors.length}`);

  const problems = [];
  if (commissionCounts.pending !== 0) problems.push(`${commissionCounts.pending} commissions left PENDING`);
  if (releases.rows !== releases.distinct_commissions || releases.rows !== commissionCounts.available) problems.push('a commission was released more or less than once');
  if (counts.releasedByCalls !== releases.rows) problems.push(`release calls reported ${counts.releasedByCalls} but the ledger holds ${releases.rows}`);
  if (ackCheck.paid !== ackIds.length || ackCheck.commissions !== 2 * ackIds.length) problems.push('an acknowledged payment is missing or lacks its commissions');
  if (!drift || drift.driftedWallets !== 0) problems.push(`ledger drift: ${JSON.stringify(reconciliation.errors ?? drift)}`);
  if (!reportDrift.data || reportDrift.data.reportDrift.length) problems.push(`report drift: ${JSON.stringify(reportDrift.errors ?? reportDrift.data.reportDrift.slice(0, 10))}`);
  if (fold.folded === 0) problems.push(`the worker folded no payment into the reports (${fold.tail} in the tail)`);
  if (prepared.length) problems.push('prepared-statement errors in the logs');
  if (counts.sigtermExitCode !== 0) problems.push(`the SIGTERMed instance exited with ${counts.sigtermExitCode}`);
  if (counts.acknowledged === 0 || counts.withdrawalsPaid === 0 || releases.rows === 0) problems.push('the load did nothing');
  if (serverErrors.length) problems.push(`errors logged:\n${serverErrors.slice(0, 10).join('\n')}`);
  if (problems.length) throw new Error(problems.join('\n'));
}

main()
  .then(async () => {
    clearTimeout(DEADLINE);
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((done) => child.on('exit', done)) : null)));
    await shutdownAll();
    if (!failed) console.log('\nmulti-instance test passed');
  })
  .catch((error) => fail(error instanceof Error ? error.message : String(error)));
