import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
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
    expect(short.status).toBe(1);
    expect(short.output).toMatch(/12 to 256 characters/);
    expect((await runCli(['reset-admin-password', '999999999'], { DATABASE_URL: t.databaseUrl, NEW_ADMIN_PASSWORD: 'long-enough-password-1' })).status).toBe(1);
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
