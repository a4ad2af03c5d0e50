import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { codeOf, createAdmin, SUPER_ADMIN, startTestApp, type TestApp } from './support/test-app.js';

const USER_AGENT = 'audit-test-agent/1.0 (integration)';
const UPDATE_SETTING = 'mutation($key: String!, $value: JSON!) { updateSetting(key: $key, value: $value) { key value } }';
const CREATE_ADMIN = 'mutation($input: CreateAdminInput!) { createAdmin(input: $input) { id telegramId role active } }';
const SET_ROLE = 'mutation($id: ID!, $role: AdminRole!) { updateAdminRole(id: $id, role: $role) { id role } }';
const DISABLE = 'mutation($id: ID!) { disableAdmin(id: $id) { id active } }';
const ENABLE = 'mutation($id: ID!) { enableAdmin(id: $id) { id active } }';
const CHANGE_PASSWORD = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const LOG_FIELDS = 'id adminId action targetType targetId before after ipAddress userAgent createdAt admin { id telegramId }';

interface LogRow {
  id: number;
  admin_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip_address: string | null;
  user_agent: string | null;
  created_at: Date;
}

describe('audit log', () => {
  let t: TestApp;
  let superToken: string;
  let superId: number;
  const secrets: string[] = [SUPER_ADMIN.password];

  beforeAll(async () => {
    t = await startTestApp();
    superToken = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
    superId = Number((await t.as(superToken)('{ me { id } }')).data!.me.id);
  });
  afterAll(() => t.close());

  /** A request as `token` with the test's user agent. */
  const call = (token: string, query: string, variables?: Record<string, unknown>) =>
    t.gql(query, variables, { authorization: `Bearer ${token}`, 'user-agent': USER_AGENT });

  const lastId = async () => (await t.db.query<{ id: number | null }>('SELECT max(id) AS id FROM admin_logs')).rows[0].id ?? 0;
  const rowsAfter = async (id: number) => (await t.db.query<LogRow>('SELECT * FROM admin_logs WHERE id > $1 ORDER BY id', [id])).rows;

  /** Runs `work` and returns the one admin_logs row it wrote (failing if it wrote none or several). */
  async function oneRow(work: () => Promise<{ errors?: unknown }>): Promise<LogRow> {
    const before = await lastId();
    const result = await work();
    expect(result.errors).toBeUndefined();
    const rows = await rowsAfter(before);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.ip_address).toMatch(/127\.0\.0\.1/);
    expect(row.user_agent).toBe(USER_AGENT);
    expect(row.created_at).toBeInstanceOf(Date);
    const text = JSON.stringify(row);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\$argon2|password_?hash|passwordHash/i);
    return row;
  }

  async function noRow(work: () => Promise<{ errors?: { extensions?: { code?: string } }[] }>, code: string) {
    const before = await lastId();
    const result = await work();
    expect(codeOf(result as never)).toBe(code);
    expect(await rowsAfter(before)).toEqual([]);
  }

  describe('each admin mutation writes exactly one row', () => {
    let adminId: string;
    const adminPassword = 'audited-admin-password';

    it('updateSetting', async () => {
      const row = await oneRow(() => call(superToken, UPDATE_SETTING, { key: 'commission_hold_hours', value: 48 }));
      expect(row).toMatchObject({
        admin_id: superId,
        action: 'updateSetting',
        target_type: 'Setting',
        target_id: 'commission_hold_hours',
        before: { key: 'commission_hold_hours', value: 24 },
        after: { key: 'commission_hold_hours', value: 48 },
      });
    });

    it('createAdmin, with no password in the row', async () => {
      secrets.push(adminPassword);
      const row = await oneRow(async () => {
        const result = await call(superToken, CREATE_ADMIN, { input: { telegramId: '780000001', password: adminPassword, role: 'ADMIN' } });
        adminId = result.data?.createAdmin?.id;
        return result;
      });
      expect(row).toMatchObject({ admin_id: superId, action: 'createAdmin', target_type: 'Admin', target_id: adminId, before: null });
      expect(row.after).toMatchObject({ id: Number(adminId), telegramId: '780000001', role: 'ADMIN', active: true });
    });

    it('updateAdminRole', async () => {
      const row = await oneRow(() => call(superToken, SET_ROLE, { id: adminId, role: 'SUPER_ADMIN' }));
      expect(row).toMatchObject({ admin_id: superId, action: 'updateAdminRole', target_type: 'Admin', target_id: adminId });
      expect(row.before).toMatchObject({ role: 'ADMIN' });
      expect(row.after).toMatchObject({ role: 'SUPER_ADMIN' });
      await oneRow(() => call(superToken, SET_ROLE, { id: adminId, role: 'ADMIN' }));
    });

    it('disableAdmin and enableAdmin', async () => {
      const disabled = await oneRow(() => call(superToken, DISABLE, { id: adminId }));
      expect(disabled).toMatchObject({ admin_id: superId, action: 'disableAdmin', target_type: 'Admin', target_id: adminId });
      expect(disabled.before).toMatchObject({ active: true });
      expect(disabled.after).toMatchObject({ active: false });
      const enabled = await oneRow(() => call(superToken, ENABLE, { id: adminId }));
      expect(enabled).toMatchObject({ action: 'enableAdmin', target_id: adminId });
      expect(enabled.before).toMatchObject({ active: false });
      expect(enabled.after).toMatchObject({ active: true });
    });

    it('changePassword, by the admin themselves, with neither password in the row', async () => {
      const token = await t.login('780000001', adminPassword);
      secrets.push('a-changed-audited-password');
      const row = await oneRow(() => call(token, CHANGE_PASSWORD, { c: adminPassword, n: 'a-changed-audited-password' }));
      expect(row).toMatchObject({ admin_id: Number(adminId), action: 'changePassword', target_type: 'Admin', target_id: adminId });
    });
  });

  describe('a refused mutation writes none', () => {
    let admin: { id: string; token: string; password: string };
    beforeAll(async () => {
      admin = await createAdmin(t, '780000002');
    });

    it('on a validation error', async () => {
      await noRow(() => call(superToken, UPDATE_SETTING, { key: 'level1_commission_percent', value: 101 }), 'BAD_USER_INPUT');
      await noRow(() => call(superToken, CREATE_ADMIN, { input: { telegramId: '780000003', password: 'short', role: 'ADMIN' } }), 'BAD_USER_INPUT');
      await noRow(() => call(superToken, CREATE_ADMIN, { input: { telegramId: 'abc', password: 'long-enough-password', role: 'ADMIN' } }), 'BAD_USER_INPUT');
      await noRow(() => call(admin.token, CHANGE_PASSWORD, { c: 'not-my-password', n: 'a-brand-new-password' }), 'BAD_USER_INPUT');
      await noRow(() => call(superToken, DISABLE, { id: 'abc' }), 'BAD_USER_INPUT');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE telegram_id = 780000003`)).rows[0].n).toBe(0);
    });

    it('when FORBIDDEN or UNAUTHENTICATED', async () => {
      await noRow(() => call(admin.token, UPDATE_SETTING, { key: 'product_price', value: 20000 }), 'FORBIDDEN');
      await noRow(() => call(admin.token, CREATE_ADMIN, { input: { telegramId: '780000004', password: 'long-enough-password', role: 'ADMIN' } }), 'FORBIDDEN');
      await noRow(() => call(admin.token, DISABLE, { id: String(superId) }), 'FORBIDDEN');
      await noRow(() => t.gql(UPDATE_SETTING, { key: 'product_price', value: 20000 }), 'UNAUTHENTICATED');
      await noRow(() => t.bot(UPDATE_SETTING, { key: 'product_price', value: 20000 }), 'FORBIDDEN');
    });

    it('on CONFLICT or NOT_FOUND', async () => {
      await noRow(() => call(superToken, CREATE_ADMIN, { input: { telegramId: '780000002', password: 'long-enough-password', role: 'ADMIN' } }), 'CONFLICT');
      await noRow(() => call(superToken, DISABLE, { id: String(superId) }), 'CONFLICT');
      await noRow(() => call(superToken, SET_ROLE, { id: String(superId), role: 'ADMIN' }), 'CONFLICT');
      await noRow(() => call(superToken, DISABLE, { id: '999999' }), 'NOT_FOUND');
      await noRow(() => call(superToken, UPDATE_SETTING, { key: 'no_such_setting', value: 1 }), 'NOT_FOUND');
    });

    it('for sign-ins, which are not admin actions', async () => {
      const before = await lastId();
      await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
      await t.gql('mutation { login(telegramId: "780000002", password: "wrong-password") { accessToken } }');
      expect(await rowsAfter(before)).toEqual([]);
    });

    it('and the change is rolled back when its audit row cannot be written', async () => {
      const before = await lastId();
      await t.db.query('ALTER TABLE admin_logs ADD CONSTRAINT audit_test_refuse_all CHECK (false) NOT VALID');
      // TypeORM prints the failed query with console.log: expected here.
      const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        const result = await call(superToken, UPDATE_SETTING, { key: 'product_name', value: 'Never Saved' });
        expect(result.errors).toBeDefined();
        expect(result.data).toBeNull();
      } finally {
        quiet.mockRestore();
        await t.db.query('ALTER TABLE admin_logs DROP CONSTRAINT audit_test_refuse_all');
      }
      expect((await t.db.query(`SELECT value FROM system_settings WHERE key = 'product_name'`)).rows[0].value).toBe('Combo OTT Plan');
      expect(await rowsAfter(before)).toEqual([]);
    });
  });

  describe('reading the log', () => {
    let all: LogRow[];
    let reader: string;

    beforeAll(async () => {
      // A few more rows, from two admins, so filters have something to tell apart.
      const other = await createAdmin(t, '780000010', 'SUPER_ADMIN');
      for (const value of [30, 31, 32]) await call(superToken, UPDATE_SETTING, { key: 'commission_hold_hours', value });
      await call(other.token, UPDATE_SETTING, { key: 'min_withdrawal_amount', value: 60000 });
      // Any admin may read the log.
      reader = (await createAdmin(t, '780000011')).token;
      all = (await t.db.query<LogRow>('SELECT * FROM admin_logs ORDER BY id')).rows;
      expect(all.length).toBeGreaterThanOrEqual(10);
    });

    interface ListArgs {
      page?: number;
      perPage?: number;
      sortField?: string;
      sortOrder?: string;
      filter?: Record<string, unknown>;
    }
    const list = async (args: ListArgs) => {
      const result = await t.as(reader)(
        `query($page: Int, $perPage: Int, $sortField: String, $sortOrder: String, $filter: AdminLogFilter) {
          allAdminLogs(page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder, filter: $filter) { ${LOG_FIELDS} }
          _allAdminLogsMeta(page: $page, perPage: $perPage, filter: $filter) { count }
        }`,
        { ...args },
      );
      expect(result.errors).toBeUndefined();
      return { rows: result.data!.allAdminLogs as Record<string, any>[], count: result.data!._allAdminLogsMeta.count as number };
    };
    const ids = (rows: readonly object[]) => rows.map((row) => String((row as { id: unknown }).id));

    it('lists newest first by default, with the count', async () => {
      const { rows, count } = await list({ perPage: 1000 });
      expect(count).toBe(all.length);
      expect(ids(rows)).toEqual(ids([...all].sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id - a.id)));
    });

    it('filters by admin, action, target type and target id', async () => {
      const byAdmin = await list({ perPage: 1000, filter: { adminId: String(superId) } });
      expect(ids(byAdmin.rows).sort()).toEqual(ids(all.filter((row) => row.admin_id === superId)).sort());
      expect(byAdmin.count).toBe(byAdmin.rows.length);
      expect(byAdmin.rows.every((row) => row.admin.id === String(superId) && row.admin.telegramId === SUPER_ADMIN.telegramId)).toBe(true);

      const byAction = await list({ perPage: 1000, filter: { action: 'createAdmin' } });
      expect(ids(byAction.rows).sort()).toEqual(ids(all.filter((row) => row.action === 'createAdmin')).sort());
      expect(byAction.count).toBeGreaterThanOrEqual(3);

      const byTarget = await list({ perPage: 1000, filter: { targetType: 'Setting', targetId: 'commission_hold_hours' } });
      const expected = all.filter((row) => row.target_type === 'Setting' && row.target_id === 'commission_hold_hours');
      expect(ids(byTarget.rows).sort()).toEqual(ids(expected).sort());
      expect(byTarget.count).toBe(4);

      const byType = await list({ perPage: 1000, filter: { targetType: 'Admin' } });
      expect(byType.rows.every((row) => row.targetType === 'Admin')).toBe(true);
      expect(byType.count).toBe(all.filter((row) => row.target_type === 'Admin').length);

      const none = await list({ filter: { action: 'noSuchAction' } });
      expect(none).toEqual({ rows: [], count: 0 });
    });

    it('filters by a time range', async () => {
      const middle = all[Math.floor(all.length / 2)].created_at;
      const later = all.at(-2)!.created_at;
      const gte = await list({ perPage: 1000, filter: { createdAtGte: middle.toISOString() } });
      // Compare with the database at millisecond precision (what DateTime carries).
      const { rows: expectedGte } = await t.db.query(`SELECT id FROM admin_logs WHERE created_at >= $1`, [middle]);
      expect(ids(gte.rows).sort()).toEqual(ids(expectedGte).sort());
      expect(gte.count).toBe(expectedGte.length);
      const range = await list({ perPage: 1000, filter: { createdAtGte: middle.toISOString(), createdAtLte: later.toISOString() } });
      const { rows: expectedRange } = await t.db.query(`SELECT id FROM admin_logs WHERE created_at >= $1 AND created_at <= $2`, [middle, later]);
      expect(ids(range.rows).sort()).toEqual(ids(expectedRange).sort());
      const empty = await list({ filter: { createdAtGte: '2100-01-01T00:00:00.000Z' } });
      expect(empty.count).toBe(0);
      const bad = await t.as(reader)('{ allAdminLogs(filter: { createdAtGte: "yesterday" }) { id } }');
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    });

    it('sorts by an allowed field in either order', async () => {
      const asc = await list({ perPage: 1000, sortField: 'action', sortOrder: 'ASC' });
      const actions = asc.rows.map((row) => row.action as string);
      expect(actions).toEqual([...actions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const desc = await list({ perPage: 1000, sortField: 'id', sortOrder: 'DESC' });
      expect(ids(desc.rows)).toEqual(ids([...all].sort((a, b) => b.id - a.id)));
    });

    it('pages from 0 without overlap', async () => {
      const full = ids((await list({ perPage: 1000, sortField: 'id', sortOrder: 'ASC' })).rows);
      const page0 = await list({ page: 0, perPage: 3, sortField: 'id', sortOrder: 'ASC' });
      const page1 = await list({ page: 1, perPage: 3, sortField: 'id', sortOrder: 'ASC' });
      expect(ids(page0.rows)).toEqual(full.slice(0, 3));
      expect(ids(page1.rows)).toEqual(full.slice(3, 6));
      expect(page0.count).toBe(all.length); // the count ignores paging
      const beyond = await list({ page: 1000, perPage: 3 });
      expect(beyond.rows).toEqual([]);
    });

    it('reads one entry by id with its admin', async () => {
      const row = all.find((candidate) => candidate.action === 'updateSetting')!;
      const result = await t.as(reader)(`query($id: ID!) { AdminLog(id: $id) { ${LOG_FIELDS} } }`, { id: String(row.id) });
      expect(result.errors).toBeUndefined();
      expect(result.data!.AdminLog).toMatchObject({
        id: String(row.id),
        adminId: String(row.admin_id),
        action: 'updateSetting',
        targetType: 'Setting',
        targetId: row.target_id,
        before: row.before,
        after: row.after,
        userAgent: USER_AGENT,
        createdAt: row.created_at.toISOString(),
        admin: { id: String(superId), telegramId: SUPER_ADMIN.telegramId },
      });
      expect(result.data!.AdminLog.ipAddress).toMatch(/127\.0\.0\.1/);
      const missing = await t.as(reader)('{ AdminLog(id: "999999") { id } }');
      expect(missing.data!.AdminLog).toBeNull();
    });

    it('is not readable anonymously or by the bot', async () => {
      expect(codeOf(await t.gql('{ allAdminLogs { id } }'))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.bot('{ allAdminLogs { id } }'))).toBe('FORBIDDEN');
    });
  });

  it('is append-only in the database: UPDATE and DELETE are refused', async () => {
    const [row] = (await t.db.query<LogRow>('SELECT * FROM admin_logs ORDER BY id LIMIT 1')).rows;
    await expect(t.db.query(`UPDATE admin_logs SET action = 'tampered' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM admin_logs WHERE id = $1', [row.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM admin_logs')).rejects.toThrow(/append-only/);
    expect((await t.db.query('SELECT action FROM admin_logs WHERE id = $1', [row.id])).rows[0].action).toBe(row.action);
  });
});
