import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/data-source.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { createTestDatabase, dropTestDatabase } from './support/test-app.js';

/** The tables the product needs (issue 2, item 4); later migrations may add more. */
const PRODUCT_TABLES = [
  'users',
  'referrals',
  'referral_stats',
  'orders',
  'commissions',
  'wallets',
  'wallet_transactions',
  'withdrawals',
  'fraud_flags',
  'admin_logs',
  'system_settings',
];

const SETTING_DEFAULTS = {
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
};

describe('migrations', () => {
  let databaseUrl: string;
  let dataSource: DataSource;
  let firstSchema: string[];

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    databaseUrl = await createTestDatabase();
    // No query logging: the refused UPDATE/DELETE below are expected.
    dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, 2), logging: false });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  /** Every relation, view, sequence, function, type and trigger the schema holds, but TypeORM's own. */
  async function schemaObjects(): Promise<string[]> {
    const rows = await dataSource.query<{ object: string }[]>(`
      SELECT 'relation ' || c.relname AS object FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname NOT IN ('migrations', 'migrations_id_seq')
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = c.oid AND i.indrelid = to_regclass('public.migrations'))
      UNION ALL
      SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
      UNION ALL
      SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)
      UNION ALL
      SELECT 'trigger ' || tg.tgname FROM pg_trigger tg WHERE NOT tg.tgisinternal
      ORDER BY 1`);
    return rows.map((row) => row.object);
  }

  /** Objects plus every column with its type, nullability and default, and every constraint. */
  async function schemaSnapshot(): Promise<string[]> {
    const columns = await dataSource.query<{ line: string }[]>(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'
       UNION ALL
       SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid <> coalesce(to_regclass('public.migrations'), 0)
       ORDER BY 1`,
    );
    return [...(await schemaObjects()), ...columns.map((row) => row.line)];
  }

  async function tables(): Promise<string[]> {
    const rows = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
    );
    return rows.map((row) => row.table_name);
  }

  async function expectFullSchema() {
    expect(await tables()).toEqual(expect.arrayContaining(PRODUCT_TABLES));
    const settings = await dataSource.query<{ key: string; value: unknown }[]>('SELECT key, value FROM system_settings');
    expect(Object.fromEntries(settings.map((row) => [row.key, row.value]))).toMatchObject(SETTING_DEFAULTS);

    // The ledger is append-only: a row can be inserted, never changed or removed.
    const [user] = await dataSource.query<{ id: number }[]>(`INSERT INTO users (telegram_id, referral_code) VALUES (42, 'LEDGER42') RETURNING id`);
    await dataSource.query('INSERT INTO wallets (user_id, available, total_earned) VALUES ($1, 100, 100)', [user.id]);
    const [withdrawal] = await dataSource.query<{ id: number }[]>(
      `INSERT INTO withdrawals (user_id, amount, upi_id) VALUES ($1, 100, 'ledger@upi') RETURNING id`,
      [user.id],
    );
    const [entry] = await dataSource.query<{ id: number }[]>(
      `INSERT INTO wallet_transactions (user_id, type, bucket, amount, withdrawal_id, actor) VALUES ($1, 'COMMISSION_CREDIT', 'AVAILABLE', 100, $2, 'test') RETURNING id`,
      [user.id, withdrawal.id],
    );
    await expect(dataSource.query('UPDATE wallet_transactions SET amount = 1000000 WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM wallet_transactions WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE wallet_transactions CASCADE')).rejects.toThrow(/append-only/);
    expect((await dataSource.query('SELECT amount FROM wallet_transactions WHERE id = $1', [entry.id]))[0].amount).toBe(100);
  }

  it('runs every migration up on an empty database', async () => {
    expect(await schemaObjects()).toEqual([]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((Migration) => new Migration().name));
    expect(await dataSource.showMigrations()).toBe(false);
    firstSchema = await schemaSnapshot();
    expect(firstSchema.length).toBeGreaterThan(100);
    await expectFullSchema();
  });

  it('reverts them one by one down to none, leaving no product object behind', async () => {
    const remaining = async () => (await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM migrations'))[0].n;
    expect(await remaining()).toBe(MIGRATIONS.length);
    for (let left = MIGRATIONS.length; left > 0; left--) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await remaining()).toBe(left - 1);
    }
    expect(await tables()).toEqual([]);
    expect(await schemaObjects()).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(true);
  });

  it('runs them all up again to the same schema, seeded and guarded', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await schemaSnapshot()).toEqual(firstSchema);
    await expectFullSchema();
  });
});
