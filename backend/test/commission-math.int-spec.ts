import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { migrate } from '../src/bootstrap.js';
import { createTestDatabase, dropTestDatabase } from './support/test-app.js';

/** The commission arithmetic as PostgreSQL evaluates it on the payment path: the SQL function commission_amount (a migration). */
describe('commission amount (SQL)', () => {
  let client: pg.Client;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    await migrate(databaseUrl);
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await dropTestDatabase(databaseUrl);
  });

  const amount = async (profit: number | bigint, rateBasisPoints: number, rounding: 'RUPEE' | 'PAISE') => {
    const { rows } = await client.query<{ amount: string }>(`SELECT commission_amount($1::bigint, $2::int, $3::text)::text AS amount`, [
      String(profit),
      rateBasisPoints,
      rounding,
    ]);
    return BigInt(rows[0].amount);
  };

  /** The rule, written independently: profit × rate / 10,000 paise, rounded half up to the unit. */
  const expected = (profit: bigint, rateBasisPoints: bigint, rounding: 'RUPEE' | 'PAISE') => {
    const unit = rounding === 'RUPEE' ? 1_000_000n : 10_000n;
    return ((profit * rateBasisPoints + unit / 2n) / unit) * (unit / 10_000n);
  };

  it('gives ₹28 and ₹9 on the default ₹93 profit at 30% and 10%', async () => {
    expect(await amount(9300, 3000, 'RUPEE')).toBe(2800n);
    expect(await amount(9300, 1000, 'RUPEE')).toBe(900n);
  });

  it('keeps paise with PAISE rounding', async () => {
    expect(await amount(9300, 3000, 'PAISE')).toBe(2790n);
    expect(await amount(9300, 1000, 'PAISE')).toBe(930n);
    expect(await amount(9999, 3333, 'PAISE')).toBe(3333n); // 3332.6667 → 3333
  });

  it('rounds exactly half up', async () => {
    expect(await amount(5000, 100, 'RUPEE')).toBe(100n); // ₹0.50 → ₹1
    expect(await amount(4900, 100, 'RUPEE')).toBe(0n); // ₹0.49 → ₹0
    expect(await amount(50, 100, 'PAISE')).toBe(1n); // 0.5 paise → 1
    expect(await amount(49, 100, 'PAISE')).toBe(0n);
  });

  it('handles fractional percentages given as basis points', async () => {
    expect(await amount(10000, 1250, 'PAISE')).toBe(1250n); // 12.5%
  });

  it('is exact where profit × rate passes 64 bits', async () => {
    expect(await amount(999_999_999_999_999n, 10000, 'PAISE')).toBe(999_999_999_999_999n);
    expect(await amount(999_999_999_999_999n, 3000, 'PAISE')).toBe(300_000_000_000_000n);
    expect(await amount(9_223_372_036_854_775_807n, 9999, 'RUPEE')).toBe(expected(9_223_372_036_854_775_807n, 9999n, 'RUPEE'));
  });

  it('gives zero for a zero rate or profit, and nothing positive for a loss', async () => {
    expect(await amount(9300, 0, 'RUPEE')).toBe(0n);
    expect(await amount(0, 3000, 'RUPEE')).toBe(0n);
    expect(await amount(-9300, 3000, 'RUPEE') <= 0n).toBe(true);
  });

  it('agrees with the rule over a grid of profits, rates and both roundings', async () => {
    const profits = [1n, 49n, 50n, 99n, 100n, 4999n, 5000n, 9300n, 12345n, 99_999n, 1_000_000n, 123_456_789n];
    const rates = [1n, 50n, 333n, 1000n, 1250n, 3000n, 3333n, 5000n, 9999n, 10000n];
    const cases = profits.flatMap((profit) => rates.flatMap((rate) => (['RUPEE', 'PAISE'] as const).map((rounding) => ({ profit, rate, rounding }))));
    const { rows } = await client.query<{ amount: string }>(
      `SELECT commission_amount(c.profit, c.rate, c.rounding)::text AS amount
       FROM unnest($1::bigint[], $2::int[], $3::text[]) WITH ORDINALITY AS c(profit, rate, rounding, n) ORDER BY n`,
      [cases.map((c) => String(c.profit)), cases.map((c) => Number(c.rate)), cases.map((c) => c.rounding)],
    );
    expect(rows.map((row) => BigInt(row.amount))).toEqual(cases.map((c) => expected(c.profit, c.rate, c.rounding)));
  });
});
