import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JobLeases } from '../database/job-leases.service.js';
import { sql } from '../database/sql.js';
import { reportPaidOrderCtes } from '../reporting/report-figures.js';

export interface ReleaseResult {
  released: number;
  amount: number;
  batches: number;
  skipped: boolean;
}

/** Small enough that a payment waiting on a wallet lock waits a fraction of a second. */
export const RELEASE_BATCH_SIZE = 5000;
/** The release's lease (job_leases) and the transaction advisory lock each batch takes. */
const RELEASE_JOB = 'release-commissions';
const RELEASE_LOCK_KEY = 0x07770001;
/** A batch takes well under a second; a holder silent for this long has died. */
const RELEASE_LEASE_SECONDS = 120;

/**
 * One level's commission in paise, as SQL, integers only: profit × rate (basis points) / 10,000,
 * rounded half up to whole rupees (RUPEE) or to the paisa (PAISE). `numeric` keeps profit × rate
 * exact and `div` truncates exactly. With the defaults: 9300 × 3000 → 2790 paise → 2800 (₹28);
 * 9300 × 1000 → 930 → 900 (₹9).
 */
export function commissionAmountSql(profit: string, rateBasisPoints: string, rounding: string): string {
  const unit = `(CASE ${rounding} WHEN 'RUPEE' THEN 1000000 ELSE 10000 END)`;
  return `(div(${profit}::numeric * ${rateBasisPoints} + ${unit} / 2, ${unit}) * (${unit} / 10000))::bigint`;
}

/**
 * The CTEs that credit a just-paid order, to follow a CTE named `paid` holding the order's row
 * (as `orders` columns) in the same statement, `actor` being the statement's parameter for the
 * ledger's actor. In order:
 *  - `locked` locks the level-1 and level-2 referrers' wallets and stats rows in ascending id
 *    order (the order every money path uses, so none deadlocks another);
 *  - `chain` counts them: every later CTE joins it, and a join yields nothing before it has read
 *    both sides, so no row is written before the whole chain is locked;
 *  - the commissions (PENDING, released `commission_hold_hours` after payment; none for a
 *    blocked referrer or a zero amount), their ledger rows, the wallets' pending and earned, the
 *    referral's conversion and `referral_stats`;
 *  - the reports' rollups (reporting/report-figures.ts): every PENDING → PAID must come through
 *    here, as crediting the commissions must.
 */
export function creditPaidOrderCtes(actor: string, reported = true): string {
  return `locked AS MATERIALIZED (
         SELECT u.id AS user_id, CASE WHEN u.id = l1.id THEN 1 ELSE 2 END AS level, u.status
         FROM paid p
         JOIN users buyer ON buyer.id = p.user_id
         JOIN users l1 ON l1.id = buyer.referred_by_id
         JOIN users u ON u.id IN (l1.id, l1.referred_by_id)
         JOIN wallets w ON w.user_id = u.id
         JOIN referral_stats s ON s.user_id = u.id
         ORDER BY u.id
         FOR UPDATE OF w, s
       ), chain AS (
         SELECT count(*) AS members FROM locked
       ), earners AS (
         SELECT l.user_id, l.level,
                ${commissionAmountSql('p.profit', 'CASE l.level WHEN 1 THEN p.level1_rate_bps ELSE p.level2_rate_bps END', 'p.commission_rounding')} AS amount
         FROM locked l CROSS JOIN chain CROSS JOIN paid p
         WHERE l.status <> 'BLOCKED'
       ), new_commissions AS (
         INSERT INTO commissions (order_id, beneficiary_id, source_user_id, level, amount, status, release_at)
         SELECT p.id, e.user_id, p.user_id, e.level, e.amount, 'PENDING', p.paid_at + make_interval(hours => p.commission_hold_hours)
         FROM earners e CROSS JOIN paid p
         WHERE e.amount > 0
         RETURNING id, order_id, beneficiary_id, level, amount
       ), ledger AS (
         INSERT INTO wallet_transactions (user_id, type, bucket, amount, order_id, commission_id, actor)
         SELECT beneficiary_id, 'COMMISSION_CREDIT', 'PENDING', amount, order_id, id, ${actor} FROM new_commissions
       ), credited AS (
         UPDATE wallets w SET pending = w.pending + c.amount, total_earned = w.total_earned + c.amount, updated_at = now()
         FROM new_commissions c WHERE w.user_id = c.beneficiary_id
       ), converted AS (
         UPDATE referrals r SET converted_at = now(), first_order_id = p.id
         FROM paid p CROSS JOIN chain
         WHERE r.referred_id = p.user_id AND r.converted_at IS NULL AND chain.members > 0
         RETURNING r.referrer_id
       ), stats_delta AS (
         SELECT beneficiary_id AS user_id,
                CASE WHEN level = 1 THEN amount ELSE 0 END AS level1,
                CASE WHEN level = 2 THEN amount ELSE 0 END AS level2,
                0 AS conversions
         FROM new_commissions
         UNION ALL
         SELECT referrer_id, 0, 0, 1 FROM converted
       ), stats AS (
         UPDATE referral_stats s
         SET level1_earned = s.level1_earned + d.level1, level2_earned = s.level2_earned + d.level2,
             conversions = s.conversions + d.conversions, updated_at = now()
         FROM (SELECT user_id, sum(level1) AS level1, sum(level2) AS level2, sum(conversions) AS conversions FROM stats_delta GROUP BY user_id) d
         WHERE s.user_id = d.user_id
       )${reported ? `, ${reportPaidOrderCtes()}` : ''}`;
}

/**
 * Commissions: credited when an order is paid, released after the hold, reversed on refund.
 * Every movement is ledger rows plus the cached wallet buckets in one transaction, with wallets
 * (and their referral_stats rows) locked in ascending user id order everywhere, so payments,
 * releases and refunds never deadlock one another.
 */
@Injectable()
export class CommissionsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CommissionsService.name);

  /** Set on shutdown: a running release stops after its current batch. */
  private stopping = false;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(JobLeases) private readonly leases: JobLeases,
  ) {}

  /**
   * Releases every PENDING commission whose hold has passed, PENDING → AVAILABLE, in keyset
   * batches (each its own short transaction, so live payments wait at most one batch). One
   * runner at a time across all instances, with nothing that outlives a transaction (so it
   * works behind a transaction-mode pooler): the run holds the `job_leases` row, renewed by
   * every batch, and each batch also takes a transaction advisory lock. A second caller returns
   * at once with `skipped`. Beneficiaries who are blocked or under review (SUSPICIOUS) keep
   * their commissions pending.
   */
  async releaseMatured(now = new Date(), batchSize = RELEASE_BATCH_SIZE, actor = 'system'): Promise<ReleaseResult> {
    if (this.stopping || !(await this.leases.acquire(RELEASE_JOB, RELEASE_LEASE_SECONDS))) {
      this.logger.log('Commission release skipped: another runner holds the lease');
      return { released: 0, amount: 0, batches: 0, skipped: true };
    }
    const run = this.releaseInBatches(now, batchSize, actor);
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
      await this.leases.release(RELEASE_JOB);
    }
  }

  /** Shutdown: no new batch starts; waits for the current one to commit. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private async releaseInBatches(now: Date, batchSize: number, actor: string): Promise<ReleaseResult> {
    const started = Date.now();
    const result: ReleaseResult = { released: 0, amount: 0, batches: 0, skipped: false };
    // Keyset over (beneficiary_id, id) on the PENDING index: each batch covers a run of
    // consecutive beneficiaries, so it locks and updates each wallet once (a few hundred
    // wallets, not one per commission), in id order, and resumes after the last key.
    let after: [number, number] = [0, 0];
    while (!this.stopping) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELEASE_LOCK_KEY]);
        if (!locked || !(await this.leases.renew(manager, RELEASE_JOB, RELEASE_LEASE_SECONDS))) return null;
        // The batch: its commission ids in key order, its wallets locked in user id order.
        const picked = await sql<{ ids: number[] | null; last_beneficiary: number | null }>(
          manager,
          'release_lock_batch',
          `WITH batch AS MATERIALIZED (
             SELECT c.id, c.beneficiary_id FROM commissions c
             WHERE c.status = 'PENDING' AND (c.beneficiary_id, c.id) > ($2, $3) AND c.release_at <= $1
             ORDER BY c.beneficiary_id, c.id LIMIT $4
           ), locked AS (
             SELECT w.user_id FROM wallets w WHERE w.user_id IN (SELECT beneficiary_id FROM batch) ORDER BY w.user_id FOR UPDATE
           )
           SELECT array_agg(id ORDER BY beneficiary_id, id) AS ids, max(beneficiary_id) + 0 * (SELECT count(*) FROM locked) AS last_beneficiary
           FROM batch`,
          [now, after[0], after[1], batchSize],
        );
        const { ids, last_beneficiary: lastBeneficiary } = picked.rows[0];
        if (!ids?.length || lastBeneficiary === null) return { count: 0, amount: 0, last: null };
        const released = await sql<{ count: number; amount: number | null }>(
          manager,
          'release_batch',
          `WITH released AS (
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
           SELECT count(*)::int AS count, sum(amount)::bigint AS amount FROM released`,
          [ids, actor],
        );
        return { count: released.rows[0].count, amount: Number(released.rows[0].amount ?? 0), last: [Number(lastBeneficiary), Number(ids[ids.length - 1])] as [number, number] };
      });
      if (batch === null) {
        this.logger.warn('Commission release stopped: the lease or the batch lock went to another runner');
        break;
      }
      if (batch.last === null) break;
      after = batch.last;
      result.batches += 1;
      result.released += batch.count;
      result.amount += batch.amount;
      if (result.batches % 20 === 0) {
        this.logger.log(`Commission release: ${result.released} released so far (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
    this.logger.log(
      `Commission release ${this.stopping ? 'stopped for shutdown' : 'done'}: ${result.released} commissions, ₹${(result.amount / 100).toFixed(2)}, ${result.batches} batch(es), ${Date.now() - started} ms`,
    );
    return result;
  }

  /**
   * Locks the wallets and stats of an order's beneficiaries, in user order. A refund takes these
   * before it changes the order: the order's report trigger writes a `report_hourly` row, which
   * a withdrawal's change (wallet first, then its own report row) may need too when the two
   * sessions share a report shard; rows the other way round deadlocked (found by the bank test).
   */
  async lockBeneficiaries(manager: EntityManager, orderId: number): Promise<void> {
    await sql(
      manager,
      'reversal_lock_wallets',
      `SELECT 1 FROM wallets w JOIN referral_stats s ON s.user_id = w.user_id
       WHERE w.user_id IN (SELECT beneficiary_id FROM commissions WHERE order_id = $1)
       ORDER BY w.user_id FOR UPDATE OF w, s`,
      [orderId],
    );
  }

  /**
   * Reverses a refunded order's commissions: PENDING ones leave the pending bucket; AVAILABLE
   * ones are clawed back from available, which may go below zero (a debt that later
   * commissions repay). Locked and withdrawn money is never touched.
   */
  async reverseForOrder(manager: EntityManager, orderId: number, actor: string): Promise<void> {
    await this.lockBeneficiaries(manager, orderId);
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
