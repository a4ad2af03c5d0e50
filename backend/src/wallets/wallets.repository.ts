import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';

/** Reconciliation lists at most this many differences. */
export const DRIFT_LIMIT = 1000;

const NEXT_RELEASE_AT = defineStatement('wallets', 'nextReleaseAt', ['userId: bigint'], `
  SELECT min(release_at) AS at FROM commissions WHERE beneficiary_id = $1 AND status = 'PENDING'
`);

/**
 * Every wallet recomputed from the ledger (each bucket is the sum of its entries less the
 * transfers out of it; earned is credits less reversals and clawbacks), and pending against the
 * PENDING commissions: one row per difference, with the number of wallets checked.
 */
const FIND_DRIFT = defineStatement('wallets', 'findDrift', ['limit: int'], `
  WITH ledger AS (
    SELECT user_id,
           sum(CASE WHEN bucket = 'PENDING' THEN amount WHEN from_bucket = 'PENDING' THEN -amount END) AS pending,
           sum(CASE WHEN bucket = 'AVAILABLE' THEN amount WHEN from_bucket = 'AVAILABLE' THEN -amount END) AS available,
           sum(CASE WHEN bucket = 'LOCKED' THEN amount WHEN from_bucket = 'LOCKED' THEN -amount END) AS locked,
           sum(CASE WHEN bucket = 'WITHDRAWN' THEN amount WHEN from_bucket = 'WITHDRAWN' THEN -amount END) AS withdrawn,
           sum(amount) FILTER (WHERE type IN ('COMMISSION_CREDIT', 'COMMISSION_REVERSAL', 'CLAWBACK')) AS earned
    FROM wallet_transactions GROUP BY user_id
  ), pending_commissions AS (
    SELECT beneficiary_id AS user_id, sum(amount) AS amount FROM commissions WHERE status = 'PENDING' GROUP BY beneficiary_id
  ), compared AS (
    SELECT w.user_id, f.field, f.cached, f.expected
    FROM wallets w
    LEFT JOIN ledger l ON l.user_id = w.user_id
    LEFT JOIN pending_commissions pc ON pc.user_id = w.user_id
    CROSS JOIN LATERAL (VALUES
      ('pending', w.pending::numeric, coalesce(l.pending, 0)),
      ('available', w.available::numeric, coalesce(l.available, 0)),
      ('locked', w.locked::numeric, coalesce(l.locked, 0)),
      ('withdrawn', w.withdrawn::numeric, coalesce(l.withdrawn, 0)),
      ('totalEarned', w.total_earned::numeric, coalesce(l.earned, 0)),
      ('pendingCommissions', w.pending::numeric, coalesce(pc.amount, 0))
    ) AS f(field, cached, expected)
    WHERE f.cached <> f.expected
  )
  SELECT user_id, field, cached::text, expected::text, (SELECT count(*)::int FROM wallets) AS wallets
  FROM compared ORDER BY user_id, field LIMIT $1
`);

const COUNT_WALLETS = defineStatement('wallets', 'countWallets', [], `
  SELECT count(*)::int AS n FROM wallets
`);

/**
 * The user's wallet balance (pending + available + locked) right after each of the given
 * entries: one pass over the ledgers of the users involved, up to the newest entry asked for.
 * An entry's change is walletChange (wallet-balance.ts) in SQL.
 */
export const BALANCES_AFTER = defineStatement('wallets', 'balancesAfter', ['entryIds: bigint[]'], `
  WITH asked AS (SELECT id, user_id FROM wallet_transactions WHERE id = ANY($1::bigint[])),
  running AS (
    SELECT w.id,
           sum(CASE
                 WHEN w.from_bucket IS NULL THEN CASE WHEN w.bucket = 'WITHDRAWN' THEN -w.amount ELSE w.amount END
                 WHEN (w.from_bucket = 'WITHDRAWN') = (w.bucket = 'WITHDRAWN') THEN 0
                 WHEN w.bucket = 'WITHDRAWN' THEN -w.amount
                 ELSE w.amount END) OVER (PARTITION BY w.user_id ORDER BY w.id) AS balance
    FROM wallet_transactions w
    WHERE w.user_id IN (SELECT user_id FROM asked) AND w.id <= (SELECT max(id) FROM asked)
  )
  SELECT running.id, running.balance::bigint AS balance FROM running JOIN asked ON asked.id = running.id
`);

export interface DriftRow {
  user_id: number;
  field: string;
  cached: string;
  expected: string;
  wallets: number;
}

/** The wallets' raw reads: the next release, the reconciliation against the ledger, running balances. */
@Injectable()
export class WalletsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** When the user's earliest PENDING commission is released (commissions_beneficiary_idx); null when none is pending. */
  async nextReleaseAt(userId: number | string): Promise<Date | null> {
    return (await this.transactions.row<{ at: Date | null }>(NEXT_RELEASE_AT, [userId]))?.at ?? null;
  }

  /** Up to DRIFT_LIMIT differences between the cached wallets and the ledger. */
  findDrift(): Promise<DriftRow[]> {
    return this.transactions.rows<DriftRow>(FIND_DRIFT, [DRIFT_LIMIT]);
  }

  async countWallets(): Promise<number> {
    return (await this.transactions.row<{ n: number }>(COUNT_WALLETS, []))!.n;
  }

  /** The balance after each of the given ledger entries. */
  balancesAfter(entryIds: readonly number[]): Promise<{ id: number; balance: number }[]> {
    return this.transactions.rows<{ id: number; balance: number }>(BALANCES_AFTER, [entryIds]);
  }
}
