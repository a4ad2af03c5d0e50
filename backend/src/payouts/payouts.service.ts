import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { BadInputException, ConflictException, NotFoundException } from '../common/errors/domain.exception.js';
import { parseId } from '../common/graphql/ids.js';
import { AppConfig } from '../config/app-config.js';
import { sqlStatement } from '../database/sql.js';
import { TransactionService } from '../database/transaction.service.js';
import { UPI_CHECK_SQL } from '../fraud/fraud-rules.js';
import { Withdrawal, WithdrawalStatus } from '../withdrawals/withdrawal.entity.js';
import { approvalRefusal } from '../withdrawals/withdrawal-risk.js';
import { type ProviderActor, WITHDRAWAL_COLUMNS, WithdrawalsService } from '../withdrawals/withdrawals.service.js';
import { payoutFileCsv, type PayoutFileRow } from './payout-file.js';
import { PayoutCallError, type ProviderPayout, RazorpayXClient, withdrawalIdOfReference } from './razorpayx.client.js';

/** Key of the transaction advisory lock that keeps one status check running across instances. */
const STATUS_CHECK_LOCK_KEY = 0x07770015;
/** A payout PROCESSING this long without news is asked about (a missed webhook must not strand money). */
export const STATUS_CHECK_AFTER = '1 hour';
/** A send whose answer never came (crash, timeouts) is sent again, with the same key, after this long. */
export const RESEND_AFTER = '5 minutes';
const STATUS_CHECK_BATCH = 200;

const RAZORPAYX: ProviderActor = { provider: 'razorpayx' };

/** What a provider status asks of the withdrawal. */
type Target = 'PAID' | 'FAILED' | 'REVERSED' | null;

const TARGET_OF_STATUS: Record<string, Target> = { processed: 'PAID', failed: 'FAILED', rejected: 'FAILED', cancelled: 'FAILED', reversed: 'REVERSED' };
const TARGET_OF_EVENT: Record<string, Target> = {
  'payout.processed': 'PAID',
  'payout.failed': 'FAILED',
  'payout.rejected': 'FAILED',
  'payout.reversed': 'REVERSED',
};

export type PayoutEventOutcome = 'PROCESSED' | 'IGNORED' | 'UNMATCHED' | 'DUPLICATE';

export interface ReceivedPayoutEvent {
  id: number | null;
  outcome: PayoutEventOutcome;
  withdrawalId: number | null;
}

/** An event (webhook or status poll) about one payout. */
export interface PayoutEvent {
  key: string;
  type: string;
  target: Target;
  payout: ProviderPayout;
  body: string;
}

interface SendRow {
  id: number;
  userId: number;
  amount: number;
  upiId: string;
  contactName: string;
  status: WithdrawalStatus;
  userStatus: string;
  openFlags: number;
  providerPayoutId: string | null;
}

const CONTACT_NAME = `left(coalesce(nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''), 'User ' || u.telegram_id), 50)`;

const SEND_ROWS_SQL = `SELECT w.id, w.user_id AS "userId", w.amount, w.upi_id AS "upiId", w.status, w.provider_payout_id AS "providerPayoutId",
         ${CONTACT_NAME} AS "contactName", u.status AS "userStatus",
         (SELECT count(*)::int FROM fraud_flags f WHERE f.user_id = w.user_id AND f.status = 'OPEN') AS "openFlags"
    FROM withdrawals w JOIN users u ON u.id = w.user_id
   WHERE w.id = ANY($1::bigint[]) ORDER BY w.id`;

/**
 * Payouts of approved withdrawals: sent through RazorpayX (sendPayouts; webhooks and a status
 * check bring the outcome) or exported as RazorpayX's bulk upload file (payoutFile). No database
 * transaction is open across a call to RazorpayX: the withdrawals are claimed (APPROVED →
 * PROCESSING) and committed first, and every attempt for one withdrawal carries the same
 * idempotency key (wd_<id>), so a crash or a lost answer is resent safely by the status check.
 */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger(PayoutsService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(WithdrawalsService) private readonly withdrawals: WithdrawalsService,
    @Inject(RazorpayXClient) private readonly razorpayx: RazorpayXClient,
  ) {}

  /**
   * APPROVED → PROCESSING through RazorpayX, one payout per withdrawal. Every id is checked
   * first: one that is not APPROVED, or whose user is blocked or under review, is a CONFLICT and
   * nothing is sent. A withdrawal RazorpayX refuses outright returns to APPROVED with the reason
   * in failureReason; one whose answer never came stays PROCESSING and is resent by the status
   * check with the same key.
   */
  async send(ids: string[], admin: AdminPrincipal): Promise<Withdrawal[]> {
    if (this.config.PAYOUT_PROVIDER !== 'razorpayx') {
      throw new ConflictException('Payouts are manual (PAYOUT_PROVIDER=manual): download the payout file instead', 'PAYOUT_PROVIDER_MANUAL');
    }
    const withdrawalIds = this.parseIds(ids);
    // The DUPLICATE_UPI rule first, committed on its own: a flag it raises holds the send below
    // and stays raised although the send is refused.
    const approved = (await this.readRows(this.dataSource.manager, withdrawalIds)).filter((row) => row.status === WithdrawalStatus.APPROVED);
    for (const row of approved) {
      await sqlStatement(this.dataSource, 'fraud_check_upi', UPI_CHECK_SQL, [row.userId, row.upiId]).catch((error: Error) =>
        this.logger.warn(`DUPLICATE_UPI check for withdrawal ${row.id} failed: ${error.message}`),
      );
    }
    // Its own transaction (not the audit's), committed before anything is sent.
    const claimed = await this.dataSource.transaction(async (manager) => {
      // user rows, then wallets, then withdrawals: the order blocking and requests take them
      await manager.query(
        `SELECT 1 FROM users WHERE id IN (SELECT user_id FROM withdrawals WHERE id = ANY($1::bigint[])) ORDER BY id FOR SHARE`,
        [withdrawalIds],
      );
      await manager.query(
        `SELECT 1 FROM wallets WHERE user_id IN (SELECT user_id FROM withdrawals WHERE id = ANY($1::bigint[])) ORDER BY user_id FOR UPDATE`,
        [withdrawalIds],
      );
      await manager.query(`SELECT 1 FROM withdrawals WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, [withdrawalIds]);
      const rows = await this.readRows(manager, withdrawalIds);
      this.assertSendable(withdrawalIds, rows);
      await manager.query(
        `UPDATE withdrawals SET status = 'PROCESSING', sent_at = now(), status_checked_at = NULL, failure_reason = NULL,
                decided_by_id = $2, updated_at = now()
          WHERE id = ANY($1::bigint[]) AND status = 'APPROVED'`,
        [withdrawalIds, admin.id],
      );
      return rows;
    });
    // each answer is recorded in a transaction of its own, at once, outside the audit's
    for (const row of claimed) await this.transactions.outside(() => this.sendOne(row));
    return this.findMany(withdrawalIds);
  }

  /** CSV of APPROVED withdrawals in RazorpayX's bulk UPI layout; anything else is a CONFLICT. */
  async payoutFile(ids: string[]): Promise<string> {
    const withdrawalIds = this.parseIds(ids);
    const rows = await this.readRows(this.dataSource.manager, withdrawalIds);
    this.assertSendable(withdrawalIds, rows);
    return payoutFileCsv(rows as PayoutFileRow[]);
  }

  /**
   * Stores a payout event once (per key) and applies it, in one transaction: the money moves at
   * most once, and events after a terminal state, or repeats, change nothing.
   */
  receive(event: PayoutEvent): Promise<ReceivedPayoutEvent> {
    return this.transactions.run(async (manager) => {
      const [stored] = await manager.query<{ id: number }[]>(
        `INSERT INTO payout_events (event_key, type, provider_payout_id, outcome, body) VALUES ($1, $2, $3, 'IGNORED', $4)
         ON CONFLICT (event_key) DO NOTHING RETURNING id`,
        [event.key, event.type, event.payout.id, event.body],
      );
      if (!stored) return { id: null, outcome: 'DUPLICATE', withdrawalId: null };
      const withdrawalId = await this.matchWithdrawal(manager, event.payout);
      const { outcome, note } = withdrawalId === null ? { outcome: 'UNMATCHED' as const, note: 'No withdrawal of ours has this payout' } : await this.apply(manager, withdrawalId, event);
      await manager.query(`UPDATE payout_events SET outcome = $2, withdrawal_id = $3, note = $4 WHERE id = $1`, [stored.id, outcome, withdrawalId, note]);
      if (outcome !== 'PROCESSED') this.logger.log(`RazorpayX ${event.type} for ${event.payout.id}: ${outcome}${note ? ` (${note})` : ''}`);
      return { id: stored.id, outcome, withdrawalId };
    });
  }

  /**
   * The status check: payouts PROCESSING for longer than an hour are asked about
   * (GET /v1/payouts/:id) and their status applied; sends whose answer never came are resent
   * with the same key. One runner at a time: the rows are claimed (status_checked_at) under a
   * transaction advisory lock, and the calls are made after that transaction committed.
   */
  async checkProcessing(): Promise<{ checked: number; changed: number; skipped: boolean }> {
    if (this.config.PAYOUT_PROVIDER !== 'razorpayx') return { checked: 0, changed: 0, skipped: true };
    const due = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [STATUS_CHECK_LOCK_KEY]);
      if (!locked) return null;
      return manager.query<{ id: number }[]>(
        // (a SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count])
        `WITH claimed AS (UPDATE withdrawals SET status_checked_at = now() WHERE id IN (
           SELECT id FROM withdrawals WHERE status = 'PROCESSING' AND (
             (provider_payout_id IS NOT NULL AND coalesce(status_checked_at, sent_at) < now() - interval '${STATUS_CHECK_AFTER}')
             OR (provider_payout_id IS NULL AND coalesce(status_checked_at, sent_at) < now() - interval '${RESEND_AFTER}'))
           ORDER BY coalesce(status_checked_at, sent_at) LIMIT ${STATUS_CHECK_BATCH})
         RETURNING id)
         SELECT id FROM claimed`,
      );
    });
    if (due === null) return { checked: 0, changed: 0, skipped: true };
    let changed = 0;
    for (const row of await this.readRows(this.dataSource.manager, due.map((d) => Number(d.id)))) {
      if (row.status !== WithdrawalStatus.PROCESSING) continue;
      try {
        if (!row.providerPayoutId) {
          if (await this.sendOne(row)) changed += 1;
          continue;
        }
        const payout = await this.razorpayx.fetchPayout(row.providerPayoutId);
        const target = TARGET_OF_STATUS[payout.status] ?? null;
        const received = await this.receive({ key: `poll:${payout.id}:${payout.status}`, type: `poll.${payout.status}`, target, payout, body: JSON.stringify(payout) });
        if (received.outcome === 'PROCESSED') changed += 1;
      } catch (error) {
        this.logger.warn(`Status check of withdrawal ${row.id}: ${(error as Error).message}`);
      }
    }
    return { checked: due.length, changed, skipped: false };
  }

  /** Sends one claimed withdrawal; true when its state changed (payout id stored, or refused back to APPROVED). */
  private async sendOne(row: SendRow): Promise<boolean> {
    let payout: ProviderPayout;
    try {
      payout = await this.razorpayx.createPayout({ withdrawalId: row.id, userId: row.userId, amount: Number(row.amount), upiId: row.upiId, contactName: row.contactName });
    } catch (error) {
      if (!(error instanceof PayoutCallError)) throw error;
      if (error.retryable) {
        // the payout may exist: stays PROCESSING; the status check resends with the same key
        await this.dataSource.query(`UPDATE withdrawals SET failure_reason = $2 WHERE id = $1 AND status = 'PROCESSING' AND provider_payout_id IS NULL`, [
          row.id,
          `Not confirmed yet (${error.message}); resent with the same key by the status check`,
        ]);
        return false;
      }
      // refused outright: no payout was made; the money stays locked, the admin decides
      await this.dataSource.query(
        `UPDATE withdrawals SET status = 'APPROVED', sent_at = NULL, failure_reason = $2, updated_at = now()
          WHERE id = $1 AND status = 'PROCESSING' AND provider_payout_id IS NULL`,
        [row.id, `Not sent: ${error.message}`],
      );
      return true;
    }
    const target = TARGET_OF_STATUS[payout.status] ?? null;
    await this.receive({ key: `sent:${payout.id}:${payout.status}`, type: `sent.${payout.status}`, target, payout, body: JSON.stringify(payout) });
    return true;
  }

  /** The withdrawal a payout is for: by its payout id, else by its reference (wd_<id>) when that withdrawal has no other payout. */
  private async matchWithdrawal(manager: EntityManager, payout: ProviderPayout): Promise<number | null> {
    const byReference = withdrawalIdOfReference(payout.referenceId);
    const [row] = await manager.query<{ id: number }[]>(
      `SELECT id FROM withdrawals WHERE provider_payout_id = $1
       UNION ALL
       SELECT id FROM withdrawals WHERE id = $2 AND (provider_payout_id IS NULL OR provider_payout_id = $1)
       LIMIT 1`,
      [payout.id, byReference],
    );
    return row ? Number(row.id) : null;
  }

  /** Applies an event to its withdrawal (wallet and withdrawal locked first, as every withdrawal change). */
  private async apply(manager: EntityManager, withdrawalId: number, event: PayoutEvent): Promise<{ outcome: PayoutEventOutcome; note: string | null }> {
    const before = await this.withdrawals.lockForChange(manager, withdrawalId);
    const { payout } = event;
    if (before.status === WithdrawalStatus.PROCESSING) {
      await manager.query(
        `UPDATE withdrawals SET provider_payout_id = coalesce(provider_payout_id, $2), provider_status = $3, failure_reason = NULL, updated_at = now() WHERE id = $1`,
        [withdrawalId, payout.id, payout.status],
      );
    }
    const reason = payout.reason ?? `RazorpayX reported the payout ${payout.status}`;
    switch (event.target) {
      case 'PAID':
        if (before.status !== WithdrawalStatus.PROCESSING) return { outcome: 'IGNORED', note: `The withdrawal is already ${before.status}` };
        await this.withdrawals.markPaidByProvider(withdrawalId, payout.utr ?? payout.id, payout.status, RAZORPAYX);
        return { outcome: 'PROCESSED', note: null };
      case 'FAILED':
        if (before.status !== WithdrawalStatus.PROCESSING) return { outcome: 'IGNORED', note: `The withdrawal is already ${before.status}` };
        await this.withdrawals.markFailed(withdrawalId, reason, payout.status, RAZORPAYX);
        return { outcome: 'PROCESSED', note: null };
      case 'REVERSED':
        if (before.status === WithdrawalStatus.PROCESSING) {
          // the reversal overtook the processed event: paid, then reversed, each moving its money once
          await this.withdrawals.markPaidByProvider(withdrawalId, payout.utr ?? payout.id, 'processed', RAZORPAYX);
        } else if (before.status !== WithdrawalStatus.PAID) {
          return { outcome: 'IGNORED', note: `The withdrawal is already ${before.status}` };
        }
        await this.withdrawals.markReversed(withdrawalId, reason, payout.status, RAZORPAYX);
        return { outcome: 'PROCESSED', note: null };
      default:
        // payout.updated may bring the UTR after payout.processed did not
        if (before.status === WithdrawalStatus.PAID && payout.utr && before.payoutReference === payout.id) {
          await manager.query(`UPDATE withdrawals SET payout_reference = $2, updated_at = now() WHERE id = $1`, [withdrawalId, payout.utr]);
          return { outcome: 'PROCESSED', note: 'The UTR arrived' };
        }
        return { outcome: before.status === WithdrawalStatus.PROCESSING ? 'PROCESSED' : 'IGNORED', note: null };
    }
  }

  /** Refuses the whole batch (nothing is sent) when any withdrawal is missing, not APPROVED, or its user is held. */
  private assertSendable(ids: number[], rows: SendRow[]): void {
    const found = new Set(rows.map((row) => Number(row.id)));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new NotFoundException('Withdrawal', missing);
    const notApproved = rows.filter((row) => row.status !== WithdrawalStatus.APPROVED);
    if (notApproved.length) {
      throw new ConflictException(
        `Only APPROVED withdrawals can be paid out: ${notApproved.map((row) => `${row.id} is ${row.status}`).join(', ')}; nothing was sent`,
        'INVALID_TRANSITION',
        { ids: notApproved.map((row) => String(row.id)) },
      );
    }
    for (const row of rows) {
      const refusal = approvalRefusal(row.userStatus) ?? (row.openFlags > 0 ? { reason: 'USER_ON_HOLD' as const, message: 'The user has open fraud flags' } : null);
      if (refusal) {
        throw new ConflictException(`Withdrawal ${row.id}: ${refusal.message.replace(/; .*$/, '')}; nothing was sent`, refusal.reason, { ids: [String(row.id)] });
      }
    }
  }

  private parseIds(ids: string[]): number[] {
    if (!ids.length) throw new BadInputException('Give at least one withdrawal id', 'INVALID_INPUT');
    if (ids.length > 1000) throw new BadInputException('At most 1000 withdrawals at a time', 'INVALID_INPUT');
    return [...new Set(ids.map((id) => parseId(id)))];
  }

  private readRows(manager: EntityManager, ids: number[]): Promise<SendRow[]> {
    return manager.query<SendRow[]>(SEND_ROWS_SQL, [ids]);
  }

  private findMany(ids: number[]): Promise<Withdrawal[]> {
    return this.dataSource.query<Withdrawal[]>(`SELECT ${WITHDRAWAL_COLUMNS} FROM withdrawals WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]);
  }
}
