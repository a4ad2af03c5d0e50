import type pg from 'pg';

/** Seeding shared by the benchmarks that pay orders (money, webhooks, observability). Buyers per level-1 referrer in their referral chains. */
export const BUYERS_PER_REFERRER = 5;

/** A → B → five buyers, `chains` times, with wallets, stats and referral rows, set-based. */
export async function seedUsers(db: pg.Pool, chains: number): Promise<void> {
  const buyers = chains * BUYERS_PER_REFERRER;
  await db.query(`INSERT INTO users (telegram_id, referral_code) SELECT 7000000000 + g, 'A' || lpad(g::text, 9, '0') FROM generate_series(1, $1) g`, [chains]);
  await db.query(
    `INSERT INTO users (telegram_id, referral_code, referred_by_id)
     SELECT 7100000000 + g, 'B' || lpad(g::text, 9, '0'), a.id FROM generate_series(1, $1) g JOIN users a ON a.telegram_id = 7000000000 + g`,
    [chains],
  );
  await db.query(
    `INSERT INTO users (telegram_id, referral_code, referred_by_id)
     SELECT 7200000000 + g, 'C' || lpad(g::text, 9, '0'), b.id FROM generate_series(1, $1) g JOIN users b ON b.telegram_id = 7100000000 + ((g - 1) % $2) + 1`,
    [buyers, chains],
  );
  await db.query('INSERT INTO wallets (user_id) SELECT id FROM users ON CONFLICT DO NOTHING');
  await db.query('INSERT INTO referral_stats (user_id) SELECT id FROM users ON CONFLICT DO NOTHING');
  await db.query(`INSERT INTO referrals (referrer_id, referred_id, code_used) SELECT referred_by_id, id, 'bench' FROM users WHERE referred_by_id IS NOT NULL`);
  await db.query(`UPDATE referral_stats s SET direct_referrals = d.n FROM (SELECT referred_by_id, count(*) AS n FROM users WHERE referred_by_id IS NOT NULL GROUP BY 1) d WHERE s.user_id = d.referred_by_id`);
  await db.query(
    `UPDATE referral_stats s SET level2_referrals = d.n
     FROM (SELECT p.referred_by_id, count(*) AS n FROM users c JOIN users p ON p.id = c.referred_by_id WHERE p.referred_by_id IS NOT NULL GROUP BY 1) d
     WHERE s.user_id = d.referred_by_id`,
  );
}

/** `count` PENDING orders spread over the buyers; returns their ids in order. */
export async function seedPendingOrders(db: pg.Pool, count: number, chains: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO orders (user_id, status, payment_method, upi_id, product_name, amount, cost, level1_rate_bps, level2_rate_bps, commission_rounding, commission_hold_hours)
     SELECT c.id, 'PENDING', 'UPI', 'buyer@okaxis', 'Combo OTT Plan', 13500, 4200, 3000, 1000, 'RUPEE', 24
     FROM generate_series(1, $1) g JOIN users c ON c.telegram_id = 7200000000 + ((g - 1) % $2) + 1
     RETURNING id`,
    [count, chains * BUYERS_PER_REFERRER],
  );
  return rows.map((row) => row.id).sort(() => Math.random() - 0.5);
}

export function queue(ids: number[]) {
  let next = 0;
  const take = () => (next < ids.length ? ids[next++] : undefined);
  /** Up to `count` ids for a load phase; `giveBack` returns those the phase did not use. */
  take.batch = (count: number) => ids.slice(next, (next += count));
  take.giveBack = (unused: number) => (next -= unused);
  return take;
}

/**
 * Vacuums the tables payments write and checkpoints before a measured phase, as pgbench does,
 * so that neither autovacuum nor a checkpoint lands at random in one phase of a comparison.
 */
export async function settle(db: pg.Pool): Promise<void> {
  await db.query('VACUUM ANALYZE orders, commissions, wallet_transactions, wallets, referral_stats, referrals');
  await db.query('CHECKPOINT');
}
