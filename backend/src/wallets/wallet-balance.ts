import { BalanceBucket } from './wallet.entity.js';

/**
 * What a ledger entry did to the money the user holds in the wallet (pending + available +
 * locked; WITHDRAWN has left it): a commission credit adds, a clawback or payout takes away, a
 * move between held buckets (release, withdrawal lock) changes nothing.
 */
export function walletChange(entry: { bucket: string; fromBucket: string | null; amount: number }): number {
  const held = (bucket: string) => bucket !== BalanceBucket.WITHDRAWN;
  const amount = Number(entry.amount);
  if (!entry.fromBucket) return held(entry.bucket) ? amount : -amount;
  if (held(entry.fromBucket) === held(entry.bucket)) return 0;
  return held(entry.bucket) ? amount : -amount;
}

/** The same rule in SQL, for the running balance. */
export const WALLET_CHANGE_SQL = `CASE
  WHEN w.from_bucket IS NULL THEN CASE WHEN w.bucket = 'WITHDRAWN' THEN -w.amount ELSE w.amount END
  WHEN (w.from_bucket = 'WITHDRAWN') = (w.bucket = 'WITHDRAWN') THEN 0
  WHEN w.bucket = 'WITHDRAWN' THEN -w.amount
  ELSE w.amount END`;

/**
 * The user's wallet balance (pending + available + locked) right after each of the given
 * entries: one pass over the ledgers of the users involved, up to the newest entry asked for.
 */
export const BALANCE_AFTER_SQL = `
WITH asked AS (SELECT id, user_id FROM wallet_transactions WHERE id = ANY($1::bigint[])),
running AS (
  SELECT w.id, sum(${WALLET_CHANGE_SQL}) OVER (PARTITION BY w.user_id ORDER BY w.id) AS balance
    FROM wallet_transactions w
   WHERE w.user_id IN (SELECT user_id FROM asked) AND w.id <= (SELECT max(id) FROM asked)
)
SELECT running.id, running.balance::bigint AS balance FROM running JOIN asked ON asked.id = running.id`;
