import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SETTING_DEFINITIONS, type SettingKey } from '../src/settings/setting-definitions.js';
import { REQUEST_WITHDRAWAL, seedUser } from './support/money.js';
import { codeOf, createAdmin, startTestApp, type TestApp } from './support/test-app.js';

const UPDATE = 'mutation($key: String!, $value: JSON!) { updateSetting(key: $key, value: $value) { id key value valueType updatedAt } }';

describe('settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is seeded with the contract defaults', async () => {
    const result = await t.admin('{ allSettings(perPage: 100) { id key value valueType } _allSettingsMeta { count } }');
    const values = Object.fromEntries(result.data!.allSettings.map((s: { key: string; value: unknown }) => [s.key, s.value]));
    expect(values).toMatchObject({
      product_name: 'Combo OTT Plan',
      product_price: 13500,
      product_cost: 4200,
      level1_commission_percent: 30,
      level2_commission_percent: 10,
      commission_rounding: 'RUPEE',
      commission_hold_hours: 24,
      min_withdrawal_amount: 50000,
      referrals_enabled: true,
      withdrawals_enabled: true,
      fraud_checks_enabled: true,
    });
    expect(result.data!._allSettingsMeta.count).toBe(result.data!.allSettings.length);
    const one = await t.admin('{ Setting(id: "product_price") { id value valueType } }');
    expect(one.data!.Setting).toEqual({ id: 'product_price', value: 13500, valueType: 'MONEY' });
  });

  it('lets the super admin change a setting and logs it with before and after', async () => {
    const result = await t.admin(UPDATE, { key: 'commission_hold_hours', value: 48 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateSetting).toMatchObject({ id: 'commission_hold_hours', value: 48 });
    const { rows } = await t.db.query(`SELECT action, target_type, target_id, before, after, admin_id FROM admin_logs WHERE action = 'updateSetting'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      target_type: 'Setting',
      target_id: 'commission_hold_hours',
      before: { key: 'commission_hold_hours', value: 24 },
      after: { key: 'commission_hold_hours', value: 48 },
    });
    expect(rows[0].admin_id).not.toBeNull();
  });

  it.each([
    ['level1_commission_percent', 101],
    ['level1_commission_percent', -5],
    ['level1_commission_percent', '30'],
    ['commission_hold_hours', 721],
    ['commission_hold_hours', 2.5],
    ['min_withdrawal_amount', -1],
    ['product_price', 4200],
    ['product_cost', 13500],
    ['product_cost', -1],
    ['referrals_enabled', 'no'],
    ['commission_rounding', 'DOLLAR'],
    ['level2_commission_percent', 75],
  ])('refuses %s = %p with BAD_USER_INPUT and changes nothing', async (key, value) => {
    const before = await t.db.query('SELECT key, value, updated_at FROM system_settings ORDER BY key');
    const logsBefore = await t.db.query('SELECT count(*)::int AS n FROM admin_logs');
    const result = await t.admin(UPDATE, { key, value });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
    expect((await t.db.query('SELECT key, value, updated_at FROM system_settings ORDER BY key')).rows).toEqual(before.rows);
    expect((await t.db.query('SELECT count(*)::int AS n FROM admin_logs')).rows[0].n).toBe(logsBefore.rows[0].n);
  });

  it('answers NOT_FOUND for an unknown key', async () => {
    const result = await t.admin(UPDATE, { key: 'no_such_setting', value: 1 });
    expect(codeOf(result)).toBe('NOT_FOUND');
  });

  it('lets an admin read but not change settings, and logs nothing for the refusal', async () => {
    const admin = await createAdmin(t, '700000001');
    const logsBefore = (await t.db.query('SELECT count(*)::int AS n FROM admin_logs')).rows[0].n;
    const read = await t.as(admin.token)('{ allSettings { key } }');
    expect(read.errors).toBeUndefined();
    const write = await t.as(admin.token)(UPDATE, { key: 'product_price', value: 20000 });
    expect(codeOf(write)).toBe('FORBIDDEN');
    expect((await t.db.query(`SELECT value FROM system_settings WHERE key = 'product_price'`)).rows[0].value).toBe(13500);
    expect((await t.db.query('SELECT count(*)::int AS n FROM admin_logs')).rows[0].n).toBe(logsBefore);
  });

  it('keeps price above cost when two changes race', async () => {
    await t.admin(UPDATE, { key: 'product_price', value: 13500 });
    await t.admin(UPDATE, { key: 'product_cost', value: 4200 });
    const [lowerPrice, raiseCost] = await Promise.all([
      t.admin(UPDATE, { key: 'product_price', value: 6000 }),
      t.admin(UPDATE, { key: 'product_cost', value: 8000 }),
    ]);
    const { rows } = await t.db.query(`SELECT key, value FROM system_settings WHERE key IN ('product_price', 'product_cost')`);
    const values = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    expect(values.product_price).toBeGreaterThan(values.product_cost);
    expect([lowerPrice, raiseCost].filter((r) => r.errors).length).toBe(1);
  });

  it('filters and sorts the settings list', async () => {
    const result = await t.admin('{ allSettings(filter: { q: "commission" }, sortField: "key", sortOrder: "DESC") { key } }');
    const keys = result.data!.allSettings.map((s: { key: string }) => s.key);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.every((key: string) => key.includes('commission'))).toBe(true);
    expect([...keys].sort().reverse()).toEqual(keys);
    const bad = await t.admin('{ allSettings(sortField: "value; DROP TABLE users") { key } }');
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });
  it("reads a setting whose row is missing as its definition's default wherever SQL reads settings", async () => {
    const saved = (await t.db.query(`SELECT value, description FROM system_settings WHERE key = 'min_withdrawal_amount'`)).rows[0];
    const user = await seedUser(t);
    const ask = () => t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: user.telegramId, amount: 100, upiId: 'missing@okaxis' } });
    try {
      await t.db.query(`DELETE FROM system_settings WHERE key = 'min_withdrawal_amount'`);
      // the contract's default minimum is ₹500: ₹1 is below it, before the empty wallet is even looked at
      const terms = await t.bot('{ programTerms { minWithdrawalAmount } }');
      expect(terms.data!.programTerms.minWithdrawalAmount).toBe(50000);
      expect((await ask()).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BELOW_MINIMUM' });
    } finally {
      await t.db.query(`INSERT INTO system_settings (key, value, description) VALUES ('min_withdrawal_amount', $1, $2)`, [JSON.stringify(saved.value), saved.description]);
    }
    await t.admin(UPDATE, { key: 'min_withdrawal_amount', value: 0 });
    expect((await t.bot('{ programTerms { minWithdrawalAmount } }')).data!.programTerms.minWithdrawalAmount).toBe(0);
    expect((await ask()).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INSUFFICIENT_FUNDS' });
    await t.admin(UPDATE, { key: 'min_withdrawal_amount', value: saved.value });
  });

  it('are read by SQL through one view, current_settings: a column per setting, its stored value typed, else its default', async () => {
    const keys = Object.keys(SETTING_DEFINITIONS) as SettingKey[];
    const columns = (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'current_settings' ORDER BY ordinal_position`)).rows;
    expect(columns.map((c) => c.column_name).sort()).toEqual([...keys].sort());
    const stored = await t.db.query(`SELECT key, value, description FROM system_settings`);
    const read = (await t.db.query(`SELECT * FROM current_settings`)).rows[0];
    for (const { key, value } of stored.rows) expect([key, Number.isFinite(Number(read[key])) && typeof value === 'number' ? Number(read[key]) : read[key]]).toEqual([key, value]);
    const saved = stored.rows;
    try {
      await t.db.query(`DELETE FROM system_settings`);
      const defaults = (await t.db.query(`SELECT * FROM current_settings`)).rows[0];
      for (const key of keys) {
        const expected = SETTING_DEFINITIONS[key].default;
        expect([key, typeof expected === 'number' ? Number(defaults[key]) : defaults[key]]).toEqual([key, expected]);
      }
    } finally {
      for (const row of saved) await t.db.query(`INSERT INTO system_settings (key, value, description) VALUES ($1, $2::jsonb, $3)`, [row.key, JSON.stringify(row.value), row.description]);
    }
  });
});
