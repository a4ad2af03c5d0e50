import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { migrate } from '../src/bootstrap.js';
import { ADMIN_DIST_DIR } from '../src/common/paths.js';
import { freePort } from '../src/database/embedded-postgres.js';
import { WorkerModule } from '../src/worker.module.js';
import { buy, expireHolds, seedChain } from './support/money.js';
import { BOT_API_KEY, createTestDatabase, dropTestDatabase, SUPER_ADMIN, startTestApp, testConfig, type TestApp } from './support/test-app.js';

const BACKEND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(BACKEND_DIR, 'dist', 'main.js');
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface LogLine {
  level: string;
  msg: string;
  reqId?: string;
  context?: string;
  operation?: string;
  operationName?: string;
  principal?: string;
  outcome?: string;
  responseTime?: number;
  res?: { statusCode: number };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { response, body: (await response.json()) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] } };
}

/** The built API as production runs it (JSON logs), on `databaseUrl` and `port`, with `extra` settings. */
function spawnProductionServer(databaseUrl: string, port: number, extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    cwd: BACKEND_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JOBS_ENABLED: 'false',
      JWT_SECRET: 'observability-jwt-secret-0123456789abcdef',
      BOT_API_KEY,
      SUPER_ADMIN_TELEGRAM_ID: SUPER_ADMIN.telegramId,
      SUPER_ADMIN_PASSWORD: SUPER_ADMIN.password,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The JSON log lines of a process's output (Nest's own plain lines skipped). */
function jsonLines<T>(output: string): T[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as T);
}

describe('request logs of the production server (JSON lines)', () => {
  let databaseUrl: string;
  let child: ChildProcess;
  let url: string;
  let output = '';
  const lines = () => jsonLines<LogLine>(output);

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // a drain delay of 1 s (a third of SHUTDOWN_TIMEOUT_MS)
    child = spawnProductionServer(databaseUrl, port, { METRICS_TOKEN, SHUTDOWN_TIMEOUT_MS: '3000' });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
      if (await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)) break;
      await new Promise((wait) => setTimeout(wait, 100));
    }
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.on('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await dropTestDatabase(databaseUrl);
  });

  it('writes every line as JSON, one line per request with its id, operation, principal, duration and outcome', async () => {
    const { response } = await post(url, { query: 'query WhoAmI { wallet(telegramId: "424242") { pending } }', operationName: 'WhoAmI' }, { 'x-api-key': BOT_API_KEY, 'x-request-id': 'caller-request-1' });
    expect(response.headers.get('x-request-id')).toBe('caller-request-1');
    await new Promise((wait) => setTimeout(wait, 300));
    const nonJson = output.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
    expect(nonJson).toEqual([]);
    const line = lines().find((entry) => entry.reqId === 'caller-request-1' && entry.res);
    expect(line).toMatchObject({ level: 'info', operation: 'wallet', operationName: 'WhoAmI', principal: 'bot', outcome: 'NOT_FOUND', res: { statusCode: 200 } });
    expect(typeof line!.responseTime).toBe('number');
  });

  it('gives a request without an id a new one, and tags every line the request causes with it', async () => {
    const login = await post(url, { query: `mutation { login(telegramId: "${SUPER_ADMIN.telegramId}", password: "${SUPER_ADMIN.password}") { accessToken admin { id } } }` });
    expect(login.response.headers.get('x-request-id')).toMatch(UUID);
    const token = login.body.data!.login.accessToken as string;
    const release = await post(url, { query: 'mutation { processPendingCommissions }' }, { authorization: `Bearer ${token}`, 'x-request-id': 'release-request-7' });
    expect(release.body.errors).toBeUndefined();
    await new Promise((wait) => setTimeout(wait, 300));
    const caused = lines().filter((entry) => entry.context === 'CommissionsService');
    expect(caused.length).toBeGreaterThan(0);
    expect(caused.every((entry) => entry.reqId === 'release-request-7')).toBe(true);
    const request = lines().find((entry) => entry.reqId === 'release-request-7' && entry.res);
    expect(request).toMatchObject({ operation: 'processPendingCommissions', principal: `admin:${login.body.data!.login.admin.id}`, outcome: 'OK' });
  });

  it('never writes the API key, a bearer token or a password', async () => {
    await post(url, { query: 'mutation($p: String!) { login(telegramId: "77", password: $p) { accessToken } }', variables: { p: 'hunter2-secret-password' } }, { authorization: 'Bearer not-a-real-token-xyz' });
    await new Promise((wait) => setTimeout(wait, 300));
    expect(output).not.toContain(BOT_API_KEY);
    expect(output).not.toContain('hunter2-secret-password');
    expect(output).not.toContain('not-a-real-token-xyz');
    expect(output).not.toContain(SUPER_ADMIN.password);
    const failed = lines().find((entry) => entry.operation === 'login' && entry.outcome === 'UNAUTHENTICATED');
    expect(failed).toMatchObject({ principal: 'anonymous' });
  });

  it('serves /metrics in production only with the token', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const scrape = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await scrape.text()).toMatch(/graphql_operation_duration_seconds_count\{operation="wallet",outcome="NOT_FOUND"\} 1/);
    // the scheme is case-insensitive (RFC 7235), as for GraphQL's bearer tokens
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `BEARER ${METRICS_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: METRICS_TOKEN } })).status).toBe(401);
  });

  it('does not log the readiness probes load balancers send every few seconds', async () => {
    // beforeAll polled /health/ready until the server was up; one more now
    expect((await fetch(`${url}/health/ready`, { headers: { 'x-request-id': 'probe-ready-1' } })).status).toBe(200);
    await new Promise((wait) => setTimeout(wait, 300));
    expect(lines().filter((entry) => entry.reqId === 'probe-ready-1' || /^GET \/health\/(ready|live)/.test(entry.msg))).toEqual([]);
  });

  it("writes TypeORM's messages (a pool losing its connections) as JSON lines too", async () => {
    // the TypeORM pool's idle connections, cut by the server: TypeORM reports each
    const login = await post(url, { query: `mutation { login(telegramId: "${SUPER_ADMIN.telegramId}", password: "${SUPER_ADMIN.password}") { accessToken } }` });
    await post(url, { query: 'mutation { processPendingCommissions }' }, { authorization: `Bearer ${login.body.data!.login.accessToken}` });
    const admin = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [new URL(databaseUrl).pathname.slice(1)]);
    } finally {
      await admin.end();
    }
    await new Promise((wait) => setTimeout(wait, 500));
    const nonJson = output.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
    expect(nonJson).toEqual([]);
    expect(lines().filter((entry) => entry.context === 'TypeORM')).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^Postgres pool raised an error/) })]),
    );
  });

  // last: it stops the server
  it('on SIGTERM answers /health/ready 503 at once but keeps serving through the drain delay, then exits 0', async () => {
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const signalled = Date.now();
    child.kill('SIGTERM');
    let ready: Response;
    for (;;) {
      ready = await fetch(`${url}/health/ready`);
      if (ready.status !== 200 || Date.now() - signalled > 900) break;
      await new Promise((wait) => setTimeout(wait, 20));
    }
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    // still accepting: new connections, each asked to close (the next request goes to another instance)
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get('connection')).toBe('close');
    const { body } = await post(url, { query: '{ wallet(telegramId: "424242") { pending } }' }, { 'x-api-key': BOT_API_KEY });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await exited).toBe(0);
    // a third of SHUTDOWN_TIMEOUT_MS=3000
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1000);
    expect(lines().find((entry) => entry.msg?.startsWith('SIGTERM received'))).toMatchObject({ level: 'info', msg: expect.stringContaining('requests are still served for 1000 ms') });
  });
});

describe('metrics and health of the API', () => {
  let t: TestApp;
  const scrape = async () => (await fetch(`${t.url}/metrics`)).text();

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_ENABLED: 'true', BUSINESS_METRICS_REFRESH_SECONDS: '0' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('labels durations by the schema operation the request ran, never by a name the client made up', async () => {
    await t.bot('query ClientChosenName123 { userByTelegramId(telegramId: "1") { id } }');
    await t.gql('query SomethingEvil456 { noSuchField_789 }', {}, { 'x-api-key': BOT_API_KEY });
    await t.gql('{ __typename }', {}, { 'x-api-key': BOT_API_KEY });
    // valid documents whose root field is no Query or Mutation of the schema, or an alias
    await t.gql('query Introspect { __schema { queryType { name } } }', {}, { 'x-api-key': BOT_API_KEY });
    await t.bot('query { aliasChosen42: userByTelegramId(telegramId: "2") { id } }');
    await fetch(`${t.url}/no/such/path-abc`);
    const text = await scrape();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",operation="userByTelegramId",status="200"\} 2/);
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation="__unknown",outcome="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{operation="__unknown",code="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",operation="__other",status="404"\} 1/);
    for (const invented of ['ClientChosenName123', 'SomethingEvil456', 'noSuchField_789', 'path-abc', '__typename', '__schema', 'Introspect', 'aliasChosen42']) {
      expect(text).not.toContain(invented);
    }
  });

  it('shows the pool, process defaults, the jobs and the business gauges', async () => {
    const { c } = await seedChain(t);
    await buy(t, c);
    await buy(t, c);
    await expireHolds(t);
    const released = await t.admin('mutation { processPendingCommissions }');
    expect(released.data!.processPendingCommissions).toBe(4);
    await buy(t, c);
    const text = await scrape();
    // both pools of the process: the repositories' (DatabasePool) and TypeORM's (idle connections close after 10 s)
    expect(text).toMatch(/^db_pool_connections\{pool="app",state="total"\} \d+$/m);
    expect(text).toMatch(/^db_pool_connections\{pool="app",state="waiting"\} 0$/m);
    expect(text).toMatch(/^db_pool_connections\{pool="typeorm",state="total"\} \d+$/m);
    expect(text).toMatch(/^db_pool_connections\{pool="typeorm",state="waiting"\} 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^job_runs_total\{job="release-commissions",outcome="success"\} 0$/m);
    // every scheduled job is measured; the fold runs every second (JOBS_ENABLED=true here)
    for (const job of ['release-commissions', 'fraud-low-conversion', 'report-fold', 'report-compaction', 'expire-orders', 'payout-status']) {
      for (const outcome of ['success', 'failure', 'skipped']) expect(text).toMatch(new RegExp(`^job_runs_total\\{job="${job}",outcome="${outcome}"\\} \\d+$`, 'm'));
      expect(text).toMatch(new RegExp(`^job_items_total\\{job="${job}"\\} \\d+$`, 'm'));
    }
    // the fold runs every second from the app's start: wait for its first run rather than race it
    let folded = text;
    for (let waited = 0; waited < 50 && !/^job_runs_total\{job="report-fold",outcome="success"\} [1-9]/m.test(folded); waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      folded = await scrape();
    }
    expect(folded).toMatch(/^job_runs_total\{job="report-fold",outcome="success"\} [1-9]\d*$/m);
    expect(folded).toMatch(/^job_last_success_timestamp_seconds\{job="report-fold"\} \d+(\.\d+)?$/m);
    // one unreleased payment: ₹28 + ₹9 pending; two released: 2 × (₹28 + ₹9) available
    expect(text).toMatch(/^ott_liabilities_paise\{bucket="pending"\} 3700$/m);
    expect(text).toMatch(/^ott_liabilities_paise\{bucket="available"\} 7400$/m);
    expect(text).toMatch(/^ott_pending_commissions 2$/m);
    expect(text).toMatch(/^ott_pending_commissions_amount_paise 3700$/m);
    expect(text).toMatch(/^ott_open_withdrawals 0$/m);
  });

  it('answers /health/live and /health/ready, and 503 when a migration is missing', async () => {
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: 'up' });
    const { rows } = await t.db.query<{ id: number; timestamp: string; name: string }>('DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING id, timestamp, name');
    try {
      const notReady = await fetch(`${t.url}/health/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ pendingMigrations: [rows[0].name] });
      expect((await fetch(`${t.url}/health`)).status).toBe(200);
    } finally {
      await t.db.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [rows[0].id, rows[0].timestamp, rows[0].name]);
    }
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);
  });

  it("answers 404 for a missing file of the admin panel, and its page for the panel's routes", async () => {
    for (const missing of ['/admin/assets/nope.js', '/admin/assets/index-0ldHash9.css', '/admin/logo.png', '/admin/users/7/nope.js']) {
      const response = await fetch(`${t.url}${missing}`);
      expect({ missing, status: response.status, type: response.headers.get('content-type') }).toEqual({ missing, status: 404, type: expect.stringMatching(/^application\/json/) });
    }
    // The panel's routes need its build, which `npm test` on a clean clone runs without (CI's
    // smoke test checks both on the built server)
    if (!existsSync(join(ADMIN_DIST_DIR, 'index.html'))) return;
    for (const route of ['/admin', '/admin/', '/admin/users', '/admin/Withdrawal/12/show']) {
      const response = await fetch(`${t.url}${route}`);
      expect({ route, status: response.status, type: response.headers.get('content-type') }).toEqual({ route, status: 200, type: expect.stringMatching(/^text\/html/) });
    }
  });

  it('echoes a caller request id and makes one up otherwise, on every response', async () => {
    const given = await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'lb-7f3a' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a');
    const fresh = await fetch(`${t.url}/health/live`);
    expect(fresh.headers.get('x-request-id')).toMatch(UUID);
    const unsafe = await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'a'.repeat(300) } });
    expect(unsafe.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('metrics switches', () => {
  it('answers 404 in production without METRICS_TOKEN, and when metrics are off', async () => {
    for (const env of [{ NODE_ENV: 'production' }, { METRICS_ENABLED: 'false' }] as Record<string, string>[]) {
      const t = await startTestApp({ env });
      try {
        expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
      } finally {
        await t.close();
      }
    }
  });
});

describe('metrics of the worker', () => {
  it('exports the business gauges even with JOBS_ENABLED=false (an env file shared with the API servers): the worker runs the jobs', async () => {
    const databaseUrl = await createTestDatabase();
    try {
      await migrate(databaseUrl);
      const worker = await NestFactory.create(WorkerModule.register(testConfig({ JOBS_ENABLED: 'false' }), databaseUrl), { logger: false });
      try {
        await worker.listen(0, '127.0.0.1');
        const { port } = worker.getHttpServer().address() as { port: number };
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        // a new database: nothing owed, nothing open
        expect(text).toMatch(/^ott_liabilities_paise\{bucket="available"\} 0$/m);
        expect(text).toMatch(/^ott_open_withdrawals 0$/m);
        expect(text).toMatch(/^ott_business_figures_last_success_timestamp_seconds \d+(\.\d+)?$/m);
        expect(text).toMatch(/^job_runs_total\{job="report-fold",outcome="success"\} \d+$/m);
      } finally {
        await worker.close();
      }
    } finally {
      await dropTestDatabase(databaseUrl);
    }
  });
});

describe('a server whose port is taken', () => {
  it('exits 1 with one line naming PORT and HOST, and no stack', async () => {
    const databaseUrl = await createTestDatabase();
    const port = await freePort();
    const holder = createServer();
    await new Promise<void>((listening) => holder.listen(port, '127.0.0.1', listening));
    try {
      const child = spawnProductionServer(databaseUrl, port);
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null>((done) => child.on('exit', (exitCode) => done(exitCode)));
      expect(code).toBe(1);
      const errors = jsonLines<LogLine & { err?: unknown }>(output).filter((line) => line.level === 'error');
      // (Nest's own "Error: listen EADDRINUSE ..." line comes first)
      expect(errors.at(-1)).toMatchObject({ context: 'Main', msg: `Port ${port} on 127.0.0.1 is already in use (another process listens there): stop it, or set PORT (and HOST) to a free port` });
      expect(errors.filter((line) => line.err !== undefined)).toEqual([]);
    } finally {
      await new Promise((closed) => holder.close(closed));
      await dropTestDatabase(databaseUrl);
    }
  });
});
