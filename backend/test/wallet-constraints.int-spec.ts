import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedUser } from './support/money.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The database is the last guard of the wallets: whatever a bug in the code would write, a
 * bucket that may never go negative is refused below zero, and `available` goes below zero only
 * the way a clawback takes it there (together with what was earned).
 */
describe('wallet constraints in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A wallet with these buckets (they must sum to total_earned); answers its user id. */
  async function wallet(buckets: { pending?: number; available?: number; locked?: number; withdrawn?: number }) {
    const user = await seedUser(t);
    const { pending = 0, available = 0, locked = 0, withdrawn = 0 } = buckets;
    await t.db.query('UPDATE wallets SET pending = $2, available = $3, locked = $4, withdrawn = $5, total_earned = $2::bigint + $3::bigint + $4::bigint + $5::bigint WHERE user_id = $1', [
      user.id,
      pending,
      available,
      locked,
      withdrawn,
    ]);
    return user.id;
  }

  /** The constraint that refuses `update` on the wallet, or null when it is accepted (and rolled back). */
  async function refusedBy(userId: number, update: string): Promise<string | null> {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE wallets SET ${update} WHERE user_id = $1`, [userId]);
      return null;
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      expect(code).toBe('23514'); // check_violation
      return constraint ?? 'unnamed';
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it.each([
    ['pending', 'pending = pending - 1, available = available + 1', 'wallets_pending_nonnegative'],
    ['locked', 'locked = locked - 1, available = available + 1', 'wallets_locked_nonnegative'],
    ['withdrawn', 'withdrawn = withdrawn - 1, available = available + 1', 'wallets_withdrawn_nonnegative'],
    ['total earned', 'total_earned = total_earned - 1, available = available - 1', 'wallets_total_earned_nonnegative'],
  ])('refuses %s below zero', async (_bucket, update, constraint) => {
    const userId = await wallet({});
    expect(await refusedBy(userId, update)).toBe(constraint);
  });

  it('refuses buckets that no longer add up to what was earned', async () => {
    const userId = await wallet({ available: 500 });
    expect(await refusedBy(userId, 'available = available + 1')).toBe('wallets_buckets_balance');
  });

  it('refuses to lock more than is available, from zero or deeper into a clawback debt', async () => {
    expect(await refusedBy(await wallet({ available: 500 }), 'available = available - 501, locked = locked + 501')).toBe(
      'wallets_available_negative_only_by_clawback',
    );
    expect(await refusedBy(await wallet({ pending: 900 }), 'available = available - 1, pending = pending + 1')).toBe(
      'wallets_available_negative_only_by_clawback',
    );
    const indebted = await wallet({ pending: 2800 });
    await t.db.query('UPDATE wallets SET available = available - 900, total_earned = total_earned - 900 WHERE user_id = $1', [indebted]);
    expect(await refusedBy(indebted, 'available = available - 100, locked = locked + 100')).toBe('wallets_available_negative_only_by_clawback');
    expect(await refusedBy(indebted, 'available = available - 100, withdrawn = withdrawn + 100')).toBe('wallets_available_negative_only_by_clawback');
  });

  it('lets a clawback take available below zero, and a credit pay the debt back', async () => {
    // ₹28 earned and still pending, ₹9 released and already locked for a withdrawal: a refund claws ₹9 back
    const userId = await wallet({ pending: 2800, locked: 900 });
    expect(await refusedBy(userId, 'available = available - 900, total_earned = total_earned - 900')).toBeNull();
    // a clawback of released money and a reversal of pending money in one update
    expect(await refusedBy(userId, 'available = available - 900, pending = pending - 2800, total_earned = total_earned - 3700')).toBeNull();
    await t.db.query('UPDATE wallets SET available = available - 900, total_earned = total_earned - 900 WHERE user_id = $1', [userId]);
    expect(await refusedBy(userId, 'available = available + 2800, pending = pending - 2800')).toBeNull();
  });

  it('refuses a new wallet that starts in debt', async () => {
    const { rows } = await t.db.query(`INSERT INTO users (telegram_id, referral_code) VALUES (7700000001, 'NOWALLET1') RETURNING id`);
    await expect(t.db.query('INSERT INTO wallets (user_id, available, total_earned, pending) VALUES ($1, -1, 0, 1)', [rows[0].id])).rejects.toMatchObject({
      code: '23514',
      constraint: 'wallets_available_negative_only_by_clawback',
    });
    await t.db.query('INSERT INTO wallets (user_id) VALUES ($1)', [rows[0].id]);
  });
});
