import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sql } from '../database/sql.js';
import { TransactionService } from '../database/transaction.service.js';
import { type CommissionRounding } from '../orders/order.entity.js';
import { commissionAmount } from './commission-math.js';

/** What the payment path knows about a just-paid order. */
export interface PaidOrder {
  id: number;
  userId: number;
  profit: number;
  level1RateBps: number;
  level2RateBps: number;
  commissionRounding: CommissionRounding;
  commissionHoldHours: number;
  paidAt: Date;
}

export interface ReleaseResult {
  released: number;
  amount: number;
  batches: number;
  skipped: boolean;
}

/** Small enough that a payment waiting on a wallet lock waits a fraction of a second. */
export const RELEASE_BATCH_SIZE = 5000;
/** Key of the session advisory lock that lets one release runner work at a time across instances. */
const RELEASE_LOCK_KEY = 0x07770001;

/** Locks the buyer's referrers' wallets and stats rows in ascending id order; answers who they are. */
export const LOCK_CHAIN_SQL = `WITH chain AS (
         SELECT l1.id AS l1_id, l1.referred_by_id AS l2_id
         FROM users buyer JOIN users l1 ON l1.id = buyer.referred_by_id
         WHERE buyer.id = $1
       )
       SELECT u.id AS user_id, CASE WHEN u.id = chain.l1_id THEN 1 ELSE 2 END AS level, u.status
       FROM chain
       JOIN users u ON u.id IN (chain.l1_id, chain.l2_id)
       JOIN wallets w ON w.user_id = u.id
       JOIN referral_stats s ON s.user_id = u.id
       ORDER BY u.id
       FOR UPDATE OF w, s`;

/** Inserts the commissions and ledger rows, credits the wallets, records the conversion, updates referral_stats. */
export const CREDIT_SQL = `WITH earners AS (
         SELECT * FROM unnest($3::bigint[], $4::smallint[], $5::bigint[]) AS e(user_id, level, amount)
       ), new_commissions AS (
         INSERT INTO commissions (order_id, beneficiary_id, source_user_id, level, amount, status, release_at)
         SELECT $1, user_id, $2, level, amount, 'PENDING', $6 FROM earners
         RETURNING id, beneficiary_id, level, amount
       ), ledger AS (
         INSERT INTO wallet_transactions (user_id, type, bucket, amount, order_id, commission_id, actor)
         SELECT beneficiary_id, 'COMMISSION_CREDIT', 'PENDING', amount, $1, id, $7 FROM new_commissions
       ), credited AS (
         UPDATE wallets w SET pending = w.pending + c.amount, total_earned = w.total_earned + c.amount, updated_at = now()
         FROM new_commissions c WHERE w.user_id = c.beneficiary_id
       ), converted AS (
         UPDATE referrals SET converted_at = now(), first_order_id = $1
         WHERE referred_id = $2 AND converted_at IS NULL
         RETURNING referrer_id
       ), stats_delta AS (
         SELECT beneficiary_id AS user_id,
                CASE WHEN level = 1 THEN amount ELSE 0 END AS level1,
                CASE WHEN level = 2 THEN amount ELSE 0 END AS level2,
                0 AS conversions
         FROM new_commissions
         UNION ALL
         SELECT referrer_id, 0, 0, 1 FROM converted
       )
       UPDATE referral_stats s
       SET level1_earned = s.level1_earned + d.level1, level2_earned = s.level2_earned + d.level2,
           conversions = s.conversions + d.conversions, updated_at = now()
       FROM (SELECT user_id, sum(level1) AS level1, sum(level2) AS level2, sum(conversions) AS conversions FROM stats_delta GROUP BY user_id) d
       WHERE s.user_id = d.user_id`;

export interface ChainMember {
  user_id: number;
  level: 1 | 2;
  status: string;
}

/** Who earns what on a paid order: each referrer in the chain not blocked, with a non-zero amount. */
export function commissionEarners(chain: ChainMember[], order: PaidOrder): { userId: number; level: 1 | 2; amount: number }[] {
  return chain
    .filter((member) => member.status !== 'BLOCKED')
    .map((member) => ({
      userId: member.user_id,
      level: member.level,
      amount: commissionAmount(order.profit, member.level === 1 ? order.level1RateBps : order.level2RateBps, order.commissionRounding),
    }))
    .filter((earner) => earner.amount > 0);
}

/** The parameters of CREDIT_SQL. The hold runs from the moment of payment. */
export function creditValues(order: PaidOrder, earners: ReturnType<typeof commissionEarners>, actor: string): unknown[] {
  const releaseAt = new Date(order.paidAt.getTime() + order.commissionHoldHours * 3_600_000);
  return [order.id, order.userId, earners.map((e) => e.userId), earners.map((e) => e.level), earners.map((e) => e.amount), releaseAt, actor];
}

/**
 * Commissions: credited when an order is paid, released after the hold, reversed on refund.
 * Every movement is ledger rows plus the cached wallet buckets in one transaction, with wallets
 * (and their referral_stats rows) locked in ascending user id order everywhere, so payments,
 * releases and refunds never deadlock one another.
 */
@Injectable()
export class CommissionsService {
  private readonly logger = new Logger(CommissionsService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
  ) {}

  /**
   * Credits the level-1 and level-2 referrers of a just-paid order (two statements): locks the
   * chain's wallets and stats rows in id order, then one statement inserts the commissions and
   * their ledger rows, adds to the wallets' pending and earned, records the referral's
   * conversion and updates referral_stats. Blocked referrers earn nothing.
   */
  async creditForOrder(manager: EntityManager, order: PaidOrder, actor: string): Promise<void> {
    const chain = await sql<ChainMember>(
      manager,
      'commission_lock_chain',
      LOCK_CHAIN_SQL,
      [order.userId],
    );
    if (!chain.rowCount) return;
    await sql(
      manager,
      'commission_credit',
      CREDIT_SQL,
      creditValues(order, commissionEarners(chain.rows, order), actor),
    );
  }

  /**
   * Releases every PENDING commission whose hold has passed, PENDING → AVAILABLE, in batches
   * (each its own short transaction, so live payments wait at most one batch). Only one
   * runner works at a time across all instances (a session advisory lock); a second caller
   * returns at once with `skipped`. Beneficiaries who are blocked or under review
   * (SUSPICIOUS) keep their commissions pending.
   */
  async releaseMatured(now = new Date(), batchSize = RELEASE_BATCH_SIZE, actor = 'system'): Promise<ReleaseResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RELEASE_LOCK_KEY]);
      if (!locked) {
        this.logger.log('Commission release skipped: another runner holds the lock');
        return { released: 0, amount: 0, batches: 0, skipped: true };
      }
      try {
        return await this.releaseInBatches(runner.manager, now, batchSize, actor);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RELEASE_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  private async releaseInBatches(manager: EntityManager, now: Date, batchSize: number, actor: string): Promise<ReleaseResult> {
    const started = Date.now();
    const result: ReleaseResult = { released: 0, amount: 0, batches: 0, skipped: false };
    // The matured commissions, numbered in beneficiary order, in a temporary table of this
    // session: each batch then covers a run of consecutive beneficiaries, so it locks and
    // updates each wallet once (a few hundred wallets, not one per commission), in id order.
    await manager.query('CREATE TEMPORARY TABLE release_queue (seq bigint PRIMARY KEY, commission_id bigint NOT NULL, beneficiary_id bigint NOT NULL)');
    try {
      const queued = await manager.transaction((queueManager) =>
        sql(
          queueManager,
          'release_queue_fill',
          `INSERT INTO release_queue (seq, commission_id, beneficiary_id)
           SELECT row_number() OVER (ORDER BY beneficiary_id, id), id, beneficiary_id
           FROM commissions WHERE status = 'PENDING' AND release_at <= $1`,
          [now],
        ),
      );
      const total = queued.rowCount ?? 0;
      if (total) this.logger.log(`Commission release: ${total} matured commissions to release`);
      for (let from = 0; from < total; from += batchSize) {
        const batch = await manager.transaction(async (batchManager) => {
          await sql(
            batchManager,
            'release_lock_wallets',
            `SELECT 1 FROM wallets WHERE user_id IN (SELECT beneficiary_id FROM release_queue WHERE seq > $1 AND seq <= $2)
             ORDER BY user_id FOR UPDATE`,
            [from, from + batchSize],
          );
          const released = await sql<{ count: number; amount: number | null }>(
            batchManager,
            'release_batch',
            `WITH released AS (
               UPDATE commissions c SET status = 'AVAILABLE', released_at = now()
               FROM release_queue q, users u
               WHERE q.seq > $1 AND q.seq <= $2 AND c.id = q.commission_id AND c.status = 'PENDING'
                 AND u.id = c.beneficiary_id AND u.status = 'ACTIVE'
               RETURNING c.id, c.beneficiary_id, c.amount
             ), ledger AS (
               INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, commission_id, actor)
               SELECT beneficiary_id, 'COMMISSION_RELEASE', 'PENDING', 'AVAILABLE', amount, id, $3 FROM released
             ), totals AS (
               SELECT beneficiary_id, sum(amount)::bigint AS amount FROM released GROUP BY beneficiary_id
             ), moved AS (
               UPDATE wallets w SET pending = w.pending - t.amount, available = w.available + t.amount, updated_at = now()
               FROM totals t WHERE w.user_id = t.beneficiary_id
             )
             SELECT count(*)::int AS count, sum(amount)::bigint AS amount FROM released`,
            [from, from + batchSize, actor],
          );
          return released.rows[0];
        });
        result.batches += 1;
        result.released += batch.count;
        result.amount += Number(batch.amount ?? 0);
        if (result.batches % 20 === 0) {
          this.logger.log(`Commission release: ${result.released} of ${total} released (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      }
    } finally {
      await manager.query('DROP TABLE IF EXISTS release_queue');
    }
    this.logger.log(
      `Commission release done: ${result.released} commissions, ₹${(result.amount / 100).toFixed(2)}, ${result.batches} batch(es), ${Date.now() - started} ms`,
    );
    return result;
  }

  /**
   * Reverses a refunded order's commissions: PENDING ones leave the pending bucket; AVAILABLE
   * ones are clawed back from available, which may go below zero (a debt that later
   * commissions repay). Locked and withdrawn money is never touched.
   */
  async reverseForOrder(manager: EntityManager, orderId: number, actor: string): Promise<void> {
    await sql(
      manager,
      'reversal_lock_wallets',
      `SELECT 1 FROM wallets w JOIN referral_stats s ON s.user_id = w.user_id
       WHERE w.user_id IN (SELECT beneficiary_id FROM commissions WHERE order_id = $1)
       ORDER BY w.user_id FOR UPDATE OF w, s`,
      [orderId],
    );
    await sql(
      manager,
      'reversal_apply',
      `WITH reversed AS (
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
       FROM totals t WHERE s.user_id = t.beneficiary_id`,
      [orderId, actor],
    );
  }
}
