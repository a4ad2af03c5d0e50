import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';

// A commission is credited by the payment statement itself (OrdersRepository.confirmPayment),
// so a payment stays one statement; its amount is the SQL function commission_amount.

const TRY_LOCK_RELEASE = defineStatement('commissions', 'tryLockRelease', ['lockKey: bigint'], `
  SELECT pg_try_advisory_xact_lock($1) AS locked
`);

const LOCK_RELEASE_BATCH = defineStatement(
  'commissions',
  'lockReleaseBatch',
  ['maturedBy: timestamptz', 'afterBeneficiaryId: bigint', 'afterId: bigint', 'batchSize: int'],
  `
  WITH batch AS MATERIALIZED (
    SELECT c.id, c.beneficiary_id FROM commissions c
    WHERE c.status = 'PENDING' AND (c.beneficiary_id, c.id) > ($2, $3) AND c.release_at <= $1
    ORDER BY c.beneficiary_id, c.id LIMIT $4
  ), locked AS (
    SELECT w.user_id FROM wallets w WHERE w.user_id IN (SELECT beneficiary_id FROM batch) ORDER BY w.user_id FOR UPDATE
  )
  SELECT array_agg(id ORDER BY beneficiary_id, id) AS ids, max(beneficiary_id) + 0 * (SELECT count(*) FROM locked) AS last_beneficiary
  FROM batch
`,
);

const RELEASE_BATCH = defineStatement('commissions', 'releaseBatch', ['commissionIds: bigint[]', 'actor: text'], `
  WITH released AS (
    UPDATE commissions c SET status = 'AVAILABLE', released_at = now()
    FROM users u
    WHERE c.id = ANY($1::bigint[]) AND c.status = 'PENDING' AND u.id = c.beneficiary_id AND u.status = 'ACTIVE'
    RETURNING c.id, c.beneficiary_id, c.amount
  ), ledger AS (
    INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, commission_id, actor)
    SELECT beneficiary_id, 'COMMISSION_RELEASE', 'PENDING', 'AVAILABLE', amount, id, $2 FROM released
  ), totals AS (
    SELECT beneficiary_id, sum(amount)::bigint AS amount FROM released GROUP BY beneficiary_id
  ), moved AS (
    UPDATE wallets w SET pending = w.pending - t.amount, available = w.available + t.amount, updated_at = now()
    FROM totals t WHERE w.user_id = t.beneficiary_id
  )
  SELECT count(*)::int AS count, sum(amount)::bigint AS amount FROM released
`);

const LOCK_BENEFICIARY_WALLETS = defineStatement('commissions', 'lockBeneficiaryWallets', ['orderId: bigint'], `
  SELECT 1 FROM wallets w JOIN referral_stats s ON s.user_id = w.user_id
  WHERE w.user_id IN (SELECT beneficiary_id FROM commissions WHERE order_id = $1)
  ORDER BY w.user_id FOR UPDATE OF w, s
`);

const REVERSE_FOR_ORDER = defineStatement('commissions', 'reverseForOrder', ['orderId: bigint', 'actor: text'], `
  WITH reversed AS (
    UPDATE commissions c SET status = 'REVERSED', reversed_at = now()
    FROM commissions before
    WHERE c.order_id = $1 AND before.id = c.id AND c.status IN ('PENDING', 'AVAILABLE')
    RETURNING c.id, c.beneficiary_id, c.level, c.amount, before.status AS previous_status
  ), ledger AS (
    INSERT INTO wallet_transactions (user_id, type, bucket, amount, order_id, commission_id, actor)
    SELECT beneficiary_id,
           CASE WHEN previous_status = 'PENDING' THEN 'COMMISSION_REVERSAL' ELSE 'CLAWBACK' END,
           CASE WHEN previous_status = 'PENDING' THEN 'PENDING' ELSE 'AVAILABLE' END,
           -amount, $1, id, $2
    FROM reversed
  ), totals AS (
    SELECT beneficiary_id,
           sum(amount) FILTER (WHERE previous_status = 'PENDING') AS from_pending,
           sum(amount) FILTER (WHERE previous_status = 'AVAILABLE') AS from_available,
           sum(amount) FILTER (WHERE level = 1) AS level1,
           sum(amount) FILTER (WHERE level = 2) AS level2
    FROM reversed GROUP BY beneficiary_id
  ), wallets_updated AS (
    UPDATE wallets w
    SET pending = w.pending - coalesce(t.from_pending, 0),
        available = w.available - coalesce(t.from_available, 0),
        total_earned = w.total_earned - coalesce(t.from_pending, 0) - coalesce(t.from_available, 0),
        updated_at = now()
    FROM totals t WHERE w.user_id = t.beneficiary_id
  )
  UPDATE referral_stats s
  SET level1_earned = s.level1_earned - coalesce(t.level1, 0), level2_earned = s.level2_earned - coalesce(t.level2, 0), updated_at = now()
  FROM totals t WHERE s.user_id = t.beneficiary_id
`);

/** The commissions table's statements: the release's batches and the reversal of a refunded order's commissions. */
@Injectable()
export class CommissionsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** The release's transaction advisory lock; false when another runner holds it. */
  async tryLockRelease(lockKey: number): Promise<boolean> {
    return (await this.transactions.row<{ locked: boolean }>(TRY_LOCK_RELEASE, [lockKey]))!.locked;
  }

  /**
   * The next keyset batch of matured PENDING commissions after (beneficiary, id), its wallets
   * locked in user id order: the ids in key order and the last beneficiary (null when none).
   */
  async lockReleaseBatch(maturedBy: Date, after: readonly [number, number], batchSize: number): Promise<{ ids: number[] | null; lastBeneficiary: number | null }> {
    const row = (await this.transactions.row<{ ids: number[] | null; last_beneficiary: number | null }>(LOCK_RELEASE_BATCH, [maturedBy, after[0], after[1], batchSize]))!;
    return { ids: row.ids, lastBeneficiary: row.last_beneficiary };
  }

  /** PENDING → AVAILABLE for those ids whose beneficiary is ACTIVE, with ledger rows and wallet moves: how many and how much. */
  async releaseBatch(commissionIds: readonly number[], actor: string): Promise<{ count: number; amount: number }> {
    const row = (await this.transactions.row<{ count: number; amount: number | null }>(RELEASE_BATCH, [commissionIds, actor]))!;
    return { count: row.count, amount: Number(row.amount ?? 0) };
  }

  /** Locks the wallets and stats rows of an order's beneficiaries, in user id order. */
  async lockBeneficiaryWallets(orderId: number): Promise<void> {
    await this.transactions.execute(LOCK_BENEFICIARY_WALLETS, [orderId]);
  }

  /** Reverses the order's PENDING and AVAILABLE commissions (ledger rows, wallets, stats). */
  async reverseForOrder(orderId: number, actor: string): Promise<void> {
    await this.transactions.execute(REVERSE_FOR_ORDER, [orderId, actor]);
  }
}
