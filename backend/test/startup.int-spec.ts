import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { migrate } from '../src/bootstrap.js';
import { ADMIN_DIST_DIR } from '../src/common/paths.js';
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { codeOf, createAdmin, createTestDatabase, dropTestDatabase, SUPER_ADMIN, startTestApp, type TestApp } from './support/test-app.js';

const BACKEND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(BACKEND_DIR, 'dist', 'main.js');
const UPDATE = 'mutation($key: String!, $value: JSON!) { updateSetting(key: $key, value: $value) { key value } }';

describe('start on an empty database, then restart on the same one', () => {
  let databaseUrl: string;
  let t: TestApp | undefined;
  let adminPassword: string;
  let superToken: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('starts on an empty database and applies every migration', async () => {
    t = await startTestApp({ databaseUrl });
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((Migration) => new Migration().name));
  });

  it('answers /health with the database up', async () => {
    const response = await fetch(`${t!.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves an HTML page for GET /graphql in a browser (the playground, or how to build it)', async () => {
    const response = await fetch(`${t!.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/<html/i);
    expect(html).toMatch(/graphiql|playground|GraphQL/i);
    // Everything the page loads comes from this server: no CDN.
    const external = [...html.matchAll(/(?:src|href)=["'](https?:)?\/\/[^"']+/g)].map((match) => match[0]);
    expect(external).toEqual([]);
  });

  it('serves the admin panel at /admin once it is built, and a plain 404 before', async () => {
    const response = await fetch(`${t!.url}/admin/`);
    if (existsSync(ADMIN_DIST_DIR)) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(await response.text()).toMatch(/<html/i);
      expect((await fetch(`${t!.url}/admin`)).status).toBe(200);
    } else {
      expect(response.status).toBe(404);
    }
  });

  it('keeps data: an admin, a changed setting', async () => {
    adminPassword = (await createAdmin(t!, '760000001')).password;
    superToken = await t!.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
    const changed = await t!.admin(UPDATE, { key: 'commission_hold_hours', value: 36 });
    expect(changed.errors).toBeUndefined();
    await t!.close();
    t = undefined;

    // Nothing is left to apply on the next start.
    expect(await migrate(databaseUrl)).toEqual([]);
    t = await startTestApp({ databaseUrl });
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
    expect(rows[0].n).toBe(MIGRATIONS.length);

    await expect(t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password)).resolves.toEqual(expect.any(String));
    await expect(t.login('760000001', adminPassword)).resolves.toEqual(expect.any(String));
    // A token issued before the restart still works (same secret, account unchanged).
    const me = await t.as(superToken)('{ me { telegramId } }');
    expect(me.data!.me.telegramId).toBe(SUPER_ADMIN.telegramId);
    const setting = await t.admin('{ Setting(id: "commission_hold_hours") { value } }');
    expect(setting.data!.Setting.value).toBe(36);
    // The super admin was created once, not again on the second start.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE admin_role = 'SUPER_ADMIN'`)).rows[0].n).toBe(1);
  });
});

describe('the embedded PostgreSQL server', () => {
  let dataDir: string;
  let server: EmbeddedDatabase | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ott-embedded-'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: server!.serverUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('keeps its data across a stop and a start on the same folder', async () => {
    server = await startEmbeddedPostgres(dataDir);
    await query('CREATE TABLE kept (note text)');
    await query(`INSERT INTO kept VALUES ('still here')`);
    await server.stop();
    server = undefined;
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    server = await startEmbeddedPostgres(dataDir);
    expect(await query<{ note: string }>('SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    const [{ version }] = await query<{ version: number }>(`SELECT current_setting('server_version_num')::int AS version`);
    expect(version).toBeGreaterThanOrEqual(130000);
  });
});

describe('the server process (dist/main.js)', () => {
  /** The child's environment: nothing inherited but PATH and HOME, so a developer's own settings do not leak in. */
  const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), LOG_LEVEL: 'warn', ...extra });

  it('refuses to start on a bad value, naming the variable, with exit code 78', async () => {
    const cases: [string, Record<string, string>][] = [
      ['PORT', { PORT: 'abc' }],
      ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/ott' }],
      ['JWT_EXPIRES_IN', { JWT_EXPIRES_IN: 'forever' }],
      ['JWT_SECRET', { NODE_ENV: 'production' }],
    ];
    const results = await Promise.all(cases.map(([, extra]) => run(extra)));
    cases.forEach(([name], i) => {
      expect({ name, status: results[i].status }).toEqual({ name, status: 78 });
      expect(results[i].output).toContain(name);
    });
  });

  it('names DATABASE_URL (password masked), the server and what failed when the database cannot be used, in one line', async () => {
    const cases: [string, RegExp][] = [
      ['postgres://postgres:s3cret-pw@127.0.0.1:1/ott', /Cannot use the database in DATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/ott\): nothing accepts connections at 127\.0\.0\.1:1/],
      ['postgres://postgres@127.0.0.1:5432/h_no_such_database', /DATABASE_URL .*: the server at 127\.0\.0\.1:5432 has no database h_no_such_database/],
      ['postgres://h_no_such_role@127.0.0.1:5432/postgres', /DATABASE_URL .*: the server at 127\.0\.0\.1:5432 refused the connection: role \W*h_no_such_role\W* does not exist/],
      ['postgres://postgres@no-such-host.invalid:5432/ott', /DATABASE_URL .*: the host no-such-host\.invalid is not found/],
    ];
    const results = await Promise.all(cases.map(([url]) => run({ DATABASE_URL: url, LOG_FORMAT: 'json' })));
    cases.forEach(([url, message], i) => {
      expect({ url, status: results[i].status }).toEqual({ url, status: 1 });
      expect(results[i].output).toMatch(message);
      expect(results[i].output).not.toContain('s3cret-pw');
      expect(results[i].output).not.toMatch(/"stack"|\n\s+at /);
      expect(results[i].output.trim().split('\n')).toHaveLength(1);
    });
  });

  function run(extra: Record<string, string>): Promise<{ status: number | null; output: string }> {
    return new Promise((resolveRun, reject) => {
      const child = spawn(process.execPath, [MAIN], { cwd: BACKEND_DIR, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('exit', (status) => {
        clearTimeout(timer);
        resolveRun({ status, output });
      });
    });
  }

  it('starts on an empty database, answers /health, and exits cleanly on SIGTERM', async () => {
    const databaseUrl = await createTestDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: BACKEND_DIR,
      env: env({ DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', JOBS_ENABLED: 'false' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/health`, child);
      expect(health).toMatchObject({ status: 'ok', database: 'up' });
      const anonymous = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ allSettings { key } }' }),
      });
      expect(codeOf((await anonymous.json()) as never)).toBe('UNAUTHENTICATED');
      expect(output).toMatch(/JWT_SECRET is the development default/);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dropTestDatabase(databaseUrl);
    }
  });
});

describe('the server process on its embedded PostgreSQL (no DATABASE_URL)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ott-data-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  /** Runs `node dist/main.js` on DATA_DIR until `work` is done, then stops it with SIGTERM and returns its exit code. */
  async function withServer(work: (base: string) => Promise<void>): Promise<number | null> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: BACKEND_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        JOBS_ENABLED: 'false',
        SUPER_ADMIN_TELEGRAM_ID: SUPER_ADMIN.telegramId,
        SUPER_ADMIN_PASSWORD: SUPER_ADMIN.password,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(`${base}/health`, child, 60_000);
      await work(base);
      child.kill('SIGTERM');
      return await exited;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  const gql = async (base: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  };
  const login = async (base: string) =>
    (await gql(base, 'mutation($t: String!, $p: String!) { login(telegramId: $t, password: $p) { accessToken } }', { t: SUPER_ADMIN.telegramId, p: SUPER_ADMIN.password }))
      .data!.login.accessToken as string;

  it('keeps its data across a restart and stops its database on SIGTERM', async () => {
    const first = await withServer(async (base) => {
      const token = await login(base);
      const changed = await gql(base, UPDATE, { key: 'min_withdrawal_amount', value: 60000 }, token);
      expect(changed.errors).toBeUndefined();
    });
    expect(first).toBe(0);
    // The embedded server was stopped with the app, not left running.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await withServer(async (base) => {
      const token = await login(base);
      const setting = await gql(base, '{ Setting(id: "min_withdrawal_amount") { value } }', {}, token);
      expect(setting.data!.Setting.value).toBe(60000);
    });
    expect(second).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

/** Polls until the child answers /health (it is starting), failing early if it exits. */
async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}
