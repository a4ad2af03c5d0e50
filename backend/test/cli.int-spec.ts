import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { RECONCILE } from './support/money.js';
import { codeOf, createAdmin, createTestDatabase, dropTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

const BACKEND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(BACKEND_DIR, 'dist', 'cli.js');

function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<{ status: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: BACKEND_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), LOG_LEVEL: 'log', LOG_FORMAT: 'json', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (status) => done({ status, output }));
    child.stdin.end(stdin ?? '');
  });
}

/** A URL nothing listens on: a command that got as far as the database would exit 1. */
const NO_DATABASE = 'postgres://postgres@127.0.0.1:1/nothing_here';
const MIGRATION_NAMES = MIGRATIONS.map((Migration) => new Migration().name);

describe('arguments and help', () => {
  it('prints help and exits 0 without running anything, for the whole CLI and for each command', async () => {
    const cases = [['--help'], ['-h'], ['help'], [], ['help', 'seed-demo'], ['release-commissions', '--help'], ['reconcile-reports', '-h'], ['seed-demo', '--users', '5', '--help'], ['migrate', '--help']];
    const results = await Promise.all(cases.map((args) => runCli(args, { DATABASE_URL: NO_DATABASE })));
    cases.forEach((args, i) => {
      expect({ args, status: results[i].status }).toEqual({ args, status: 0 });
      expect(results[i].output).toMatch(/^Usage: node dist\/cli.js /);
      expect(results[i].output).not.toMatch(/ERROR|Embedded|Applied/);
    });
    expect(results[0].output).toMatch(/reconcile-reports +Recompute/);
    expect(results[4].output).toMatch(/^Usage: node dist\/cli.js seed-demo \[--users N\] \[--seed S\]\n[\s\S]*--users N: demo users, 20 to 1,000,000/);
    expect(results[5].output).toMatch(/Refuses to run while migrations are pending/);
  });

  it('refuses unknown commands and options, missing or out-of-range values and extra arguments with exit 64 before anything starts', async () => {
    const cases: [string[], RegExp][] = [
      [['bogus'], /Unknown command: bogus/],
      [['help', 'bogus'], /Unknown command: bogus/],
      [['reconcile-reports', '--bogus'], /Unknown option '--bogus'/],
      [['reconcile-reports', '--repiar'], /Unknown option '--repiar'/],
      [['release-commissions', '--force'], /Unknown option '--force'/],
      [['seed-demo', '--users'], /--users <value>' argument missing/],
      [['seed-demo', '--users', '--seed', '5'], /--users/],
      [['seed-demo', '--users', '0'], /--users must be a whole number from 20 to 1000000, not 0/],
      [['seed-demo', '--users', '99999999999'], /--users must be a whole number from 20 to 1000000/],
      [['seed-demo', '--users', '-5'], /--users/],
      [['seed-demo', '--seed', '1234567890'], /--seed must be a whole number from 0 to 999999999, not 1234567890/],
      [['reconcile-wallets', 'now'], /reconcile-wallets takes no argument/],
      [['reset-admin-password'], /takes 1 argument/],
      [['reset-admin-password', '12', '34'], /takes 1 argument/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, { DATABASE_URL: NO_DATABASE })));
    cases.forEach(([args, message], i) => {
      expect({ args, status: results[i].status }).toEqual({ args, status: 64 });
      expect(results[i].output).toMatch(message);
      // refused before config, database or migrations: nothing tried to connect
      expect(results[i].output).not.toMatch(/ECONNREFUSED|Cannot use the database|Applied/);
    });
    expect(results[2].output).toMatch(/Usage: node dist\/cli.js reconcile-reports \[--repair\]/);
  });
});

describe('migrations from the CLI', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });
  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  const appliedNames = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`SELECT name FROM migrations ORDER BY id`).catch(() => ({ rows: [] as { name: string }[] }));
      return rows.map((row) => row.name);
    } finally {
      await client.end();
    }
  };

  it('a read-only command refuses to run on a database with pending migrations, and applies none', async () => {
    for (const command of ['reconcile-wallets', 'reconcile-reports', 'release-commissions']) {
      const result = await runCli([command], { DATABASE_URL: databaseUrl });
      expect({ command, status: result.status }).toEqual({ command, status: 75 });
      expect(result.output).toMatch(new RegExp(`${MIGRATION_NAMES.length} migration\\(s\\) not applied .*run \`migrate\` first`));
    }
    expect(await appliedNames()).toEqual([]);
  });

  it('two migrate runs at once on a fresh database: one applies every migration, the other waits and finds nothing to do', async () => {
    const [first, second] = await Promise.all([runCli(['migrate'], { DATABASE_URL: databaseUrl }), runCli(['migrate'], { DATABASE_URL: databaseUrl })]);
    expect([first.status, second.status]).toEqual([0, 0]);
    const applied = [first, second].map((run) => [...run.output.matchAll(/Applied (\w+)/g)].map((match) => match[1]));
    expect(applied.flat()).toEqual(MIGRATION_NAMES);
    expect(applied.some((names) => names.length === 0)).toBe(true);
    expect(first.output + second.output).toMatch(/Schema is up to date/);
    expect(await appliedNames()).toEqual(MIGRATION_NAMES);
  });

  it('migrate:revert names what it reverted, the next command does not re-apply it, and migrate does', async () => {
    const last = MIGRATION_NAMES[MIGRATION_NAMES.length - 1];
    const reverted = await runCli(['migrate:revert'], { DATABASE_URL: databaseUrl });
    expect(reverted.status).toBe(0);
    expect(reverted.output).toMatch(new RegExp(`Reverted ${last}`));
    const refused = await runCli(['reconcile-wallets'], { DATABASE_URL: databaseUrl });
    expect(refused.status).toBe(75);
    expect(refused.output).toMatch(new RegExp(`1 migration\\(s\\) not applied to this database \\(${last}\\): run \`migrate\` first`));
    expect(await appliedNames()).toEqual(MIGRATION_NAMES.slice(0, -1));
    const migrated = await runCli(['migrate'], { DATABASE_URL: databaseUrl });
    expect(migrated.status).toBe(0);
    expect(migrated.output).toMatch(new RegExp(`Applied ${last}`));
    expect((await runCli(['reconcile-wallets'], { DATABASE_URL: databaseUrl })).status).toBe(0);
  });

  it('reconcile-reports words a daily figure as two rollups, and --repair rebuilds', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`INSERT INTO report_daily (day, new_users) VALUES ('2026-01-05T00:00:00+05:30', 5)`);
    } finally {
      await client.end();
    }
    const drift = await runCli(['reconcile-reports'], { DATABASE_URL: databaseUrl });
    expect(drift.status).toBe(1);
    expect(drift.output).toMatch(/daily:new_users at 2026-01-04T18:30:00.000Z: report_daily says 5, the compacted hours say 0/);
    expect(drift.output).not.toMatch(/source tables say/);
    const repaired = await runCli(['reconcile-reports', '--repair'], { DATABASE_URL: databaseUrl });
    expect(repaired.status).toBe(1);
    expect(repaired.output).toMatch(/Rebuilt: no drift now/);
    expect((await runCli(['reconcile-reports'], { DATABASE_URL: databaseUrl })).status).toBe(0);
  });
});

describe('the CLI on a DATA_DIR whose embedded PostgreSQL another process runs (no DATABASE_URL)', () => {
  let dataDir: string;
  let server: EmbeddedDatabase | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ott-cli-data-'));
    // this test process plays the API: it owns the server
    server = await startEmbeddedPostgres(dataDir);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('uses the running server instead of starting a second one, and leaves it running', async () => {
    const migrated = await runCli(['migrate'], { DATA_DIR: dataDir });
    expect(migrated).toMatchObject({ status: 0 });
    expect(migrated.output).toMatch(/Using the embedded PostgreSQL another process \(pid \d+\) runs/);
    expect(migrated.output).not.toMatch(/another instance|did not start/);
    // the production warning: no DATABASE_URL means an embedded database, said loudly
    const production = await runCli(['reconcile-wallets'], {
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      JWT_SECRET: 'production-jwt-secret-0123456789abcdef',
      BOT_API_KEY: 'production-bot-api-key-0123456789',
      SUPER_ADMIN_PASSWORD: 'production-password-1',
    });
    expect(production).toMatchObject({ status: 0 });
    expect(production.output).toMatch(/"level":"?(warn|40)"?,.*DATABASE_URL is not set in production/);
    // still running, owned by this process, with the migrations applied in its database
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    const client = new pg.Client({ connectionString: server!.databaseUrl('ott') });
    await client.connect();
    try {
      expect((await client.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((row) => row.name)).toEqual(MIGRATION_NAMES);
    } finally {
      await client.end();
    }
  });
});

describe('reset-admin-password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets the password from NEW_ADMIN_PASSWORD, revokes earlier tokens, clears the lock-out and audits the CLI', async () => {
    const admin = await createAdmin(t, '610000001');
    expect((await t.as(admin.token)('{ me { id } }')).errors).toBeUndefined();
    await t.gql('mutation { login(telegramId: "610000001", password: "wrong-password-1") { accessToken } }');
    const result = await runCli(['reset-admin-password', '610000001'], { DATABASE_URL: t.databaseUrl, NEW_ADMIN_PASSWORD: 'brand-new-password-42' });
    expect(result.status).toBe(0);
    expect(result.output).not.toContain('brand-new-password-42');
    const old = await t.as(admin.token)('{ me { id } }');
    expect(codeOf(old)).toBe('UNAUTHENTICATED');
    expect(old.errors![0].extensions!.reason).toBe('TOKEN_REVOKED');
    await expect(t.login('610000001', admin.password)).rejects.toThrow();
    const fresh = await t.login('610000001', 'brand-new-password-42');
    expect((await t.as(fresh)('{ me { id } }')).errors).toBeUndefined();
    const { rows } = await t.db.query(`SELECT admin_id, action, target_type, target_id, user_agent FROM admin_logs WHERE action = 'cli:reset-admin-password'`);
    expect(rows).toEqual([{ admin_id: null, action: 'cli:reset-admin-password', target_type: 'Admin', target_id: admin.id, user_agent: expect.stringMatching(/^cli:/) }]);
  });

  it('reads the password from standard input without echoing it', async () => {
    await createAdmin(t, '610000002');
    const result = await runCli(['reset-admin-password', '610000002'], { DATABASE_URL: t.databaseUrl }, 'piped-password-12345\n');
    expect(result.status).toBe(0);
    expect(result.output).not.toContain('piped-password-12345');
    await t.login('610000002', 'piped-password-12345');
  });

  it('refuses a short password, an unknown admin and a malformed id, changing nothing', async () => {
    const admin = await createAdmin(t, '610000003');
    const short = await runCli(['reset-admin-password', '610000003'], { DATABASE_URL: t.databaseUrl, NEW_ADMIN_PASSWORD: 'short' });
    expect(short.status).toBe(65);
    expect(short.output).toMatch(/12 to 256 characters/);
    const unknown = await runCli(['reset-admin-password', '999999999'], { DATABASE_URL: t.databaseUrl, NEW_ADMIN_PASSWORD: 'long-enough-password-1' });
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/Admin 999999999 not found/);
    // one line, no stack trace
    expect(unknown.output).not.toMatch(/\n\s+at /);
    expect(unknown.output).not.toMatch(/"stack"/);
    expect((await runCli(['reset-admin-password', 'abc'], { DATABASE_URL: t.databaseUrl, NEW_ADMIN_PASSWORD: 'long-enough-password-1' })).status).toBe(64);
    expect((await t.as(admin.token)('{ me { id } }')).errors).toBeUndefined();
  });
});

describe('seed-demo', () => {
  const databases: string[] = [];
  afterAll(async () => {
    for (const url of databases) await dropTestDatabase(url);
  });

  async function seeded(seed: string) {
    const databaseUrl = await createTestDatabase();
    databases.push(databaseUrl);
    const started = Date.now();
    const result = await runCli(['seed-demo', '--users', '2000', '--seed', seed], { DATABASE_URL: databaseUrl });
    expect(result.status).toBe(0);
    // it says it migrates, and reports each phase with its rows
    expect(result.output).toMatch(/seed-demo writes with the current schema: applying pending migrations first/);
    expect(result.output).toMatch(/"msg":"users: 2,000 rows, \d+ ms"/);
    expect(result.output).toMatch(/"msg":"orders: [\d,]+ rows, \d+ ms"/);
    expect(result.output).toMatch(/"msg":"reports: \d+ ms"/);
    return { databaseUrl, seconds: (Date.now() - started) / 1000 };
  }

  it('builds a balanced, realistic data set: deep referral forest, every order and withdrawal state, flags, no drift', async () => {
    const { databaseUrl } = await seeded('3');
    const t = await startTestApp({ databaseUrl });
    try {
      const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0].n;
      expect(await count(`SELECT count(*)::int AS n FROM users WHERE telegram_id > 8000000000`)).toBe(2000);
      const depth = await count(`WITH RECURSIVE tree AS (SELECT id, 1 AS depth FROM users WHERE telegram_id > 8000000000 AND referred_by_id IS NULL
                                   UNION ALL SELECT u.id, t.depth + 1 FROM users u JOIN tree t ON u.referred_by_id = t.id) SELECT max(depth)::int AS n FROM tree`);
      expect(depth).toBeGreaterThanOrEqual(4);
      const statuses = async (table: string) => (await t.db.query<{ status: string }>(`SELECT DISTINCT status FROM ${table} ORDER BY status`)).rows.map((row) => row.status);
      expect(await statuses('orders')).toEqual(['FAILED', 'PAID', 'PENDING', 'REFUNDED']);
      expect(await statuses('commissions')).toEqual(['AVAILABLE', 'PENDING', 'REVERSED']);
      expect(await statuses('withdrawals')).toEqual(['APPROVED', 'PAID', 'PENDING', 'REJECTED']);
      expect(await statuses('fraud_flags')).toEqual(['DISMISSED', 'OPEN', 'RESOLVED']);
      expect(await count(`SELECT count(*)::int AS n FROM orders WHERE created_at < now() - interval '91 days' OR created_at > now()`)).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM orders WHERE created_at < now() - interval '60 days'`)).toBeGreaterThan(0);
      // every commission is 30% / 10% of ₹93 profit rounded to rupees: ₹28 or ₹9
      expect(await count(`SELECT count(*)::int AS n FROM commissions WHERE (level = 1 AND amount <> 2800) OR (level = 2 AND amount <> 900)`)).toBe(0);
      // wallets equal the ledger and the commissions; referral stats equal their source rows
      const reconciliation = await t.admin(RECONCILE);
      expect(reconciliation.data!.walletReconciliation).toMatchObject({ checkedWallets: 2001, driftedWallets: 0 });
      const rebuild = await t.admin('mutation { rebuildReferralStats { checkedUsers driftedUsers } }');
      expect(rebuild.data!.rebuildReferralStats).toEqual({ checkedUsers: 2001, driftedUsers: 0 });
      // the dashboard's rollups equal a recount of what was seeded
      const drift = await t.admin('{ reportDrift { figure } }');
      expect(drift.errors).toBeUndefined();
      expect(drift.data!.reportDrift).toEqual([]);
      // the books add up: money in wallets = commissions not reversed
      const [books] = (await t.db.query(`SELECT (SELECT sum(pending + available + locked + withdrawn) FROM wallets)::bigint AS wallets,
                                               (SELECT sum(amount) FROM commissions WHERE status <> 'REVERSED')::bigint AS earned`)).rows;
      expect(books.wallets).toBe(books.earned);
    } finally {
      await t.close();
    }
  });

  it('is deterministic: the same seed gives the same data', async () => {
    const first = databases[0];
    const { databaseUrl: second } = await seeded('3');
    const fingerprint = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT
            (SELECT md5(string_agg(telegram_id || ':' || coalesce((SELECT telegram_id FROM users p WHERE p.id = u.referred_by_id)::text, '-') || ':' || status, ',' ORDER BY telegram_id)) FROM users u WHERE telegram_id > 8000000000) AS forest,
            (SELECT md5(string_agg(status || ':' || amount, ',' ORDER BY user_id, status, amount)) FROM (SELECT u.telegram_id AS user_id, o.status, o.amount FROM orders o JOIN users u ON u.id = o.user_id) x) AS orders,
            (SELECT md5(string_agg(status || ':' || amount, ',' ORDER BY user_id, status, amount)) FROM (SELECT u.telegram_id AS user_id, w.status, w.amount FROM withdrawals w JOIN users u ON u.id = w.user_id) x) AS withdrawals`);
        return rows[0];
      } finally {
        await client.end();
      }
    };
    expect(await fingerprint(second)).toEqual(await fingerprint(first));
  });

  it('is refused in production and on a database that already has demo data', async () => {
    const production = await runCli(['seed-demo', '--users', '100'], {
      DATABASE_URL: databases[0],
      NODE_ENV: 'production',
      JWT_SECRET: 'production-jwt-secret-0123456789abcdef',
      BOT_API_KEY: 'production-bot-api-key-0123456789',
      SUPER_ADMIN_PASSWORD: 'production-password-1',
    });
    expect(production.status).toBe(64);
    expect(production.output).toMatch(/refused in production/);
    const again = await runCli(['seed-demo', '--users', '100'], { DATABASE_URL: databases[0] });
    expect(again.status).toBe(65);
    expect(again.output).toMatch(/already holds 2000 demo users/);
  });
});
