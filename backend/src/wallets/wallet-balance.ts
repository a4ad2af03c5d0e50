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
