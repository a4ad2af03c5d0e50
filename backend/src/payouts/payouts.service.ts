import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { CommonError, CommonException } from '../common/errors/domain.exception.js';
import { parseId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import { type Withdrawal, WithdrawalStatus } from '../withdrawals/withdrawal.entity.js';
import { approvalRefusal } from '../withdrawals/withdrawal-risk.js';
import { type ProviderActor, WithdrawalsService } from '../withdrawals/withdrawals.service.js';
import type { PayoutEventFilter } from './dto/payout-event.inputs.js';
// the stored row (the PayoutEvent admin resource), not the event being received below
import { PayoutEvent as StoredPayoutEvent } from './payout-event.entity.js';
import { payoutFileCsv } from './payout-file.js';
import { PayoutError, PayoutException } from './payouts.errors.js';
import { type PayoutEventOutcome as StoredOutcome, PayoutsRepository, type SendRow } from './payouts.repository.js';
import { PayoutCallError, type ProviderPayout, RazorpayXClient, withdrawalIdOfReference } from './razorpayx.client.js';

const RAZORPAYX: ProviderActor = { provider: 'razorpayx' };

/** What a provider status asks of the withdrawal. */
type Target = 'PAID' | 'FAILED' | 'REVERSED' | null;

const TARGET_OF_STATUS: Record<string, Target> = { processed: 'PAID', failed: 'FAILED', rejected: 'FAILED', cancelled: 'FAILED', reversed: 'REVERSED' };

/** RazorpayX's webhooks that report a status we record without acting on it (INTEGRATIONS.md). */
const STATUS_EVENTS = new Set(['payout.queued', 'payout.initiated', 'payout.updated', 'payout.pending']);

/** Our own reads of a payout (`sent.…` after a send, `poll.…` from the status check) or a status webhook. */
function reportsStatus(type: string): boolean {
  return type.startsWith('sent.') || type.startsWith('poll.') || STATUS_EVENTS.has(type);
}

export type PayoutEventOutcome = StoredOutcome | 'DUPLICATE';

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
  private readonly eventList = new ListQuery<PayoutEventFilter>({
    sortable: { id: 'e.id', createdAt: 'e.created_at', type: 'e.type', outcome: 'e.outcome', withdrawalId: 'e.withdrawal_id' },
    defaultSort: { field: 'createdAt', order: 'DESC' },
    tieBreaker: 'e.id',
    applyFilter: (query, filter) => {
      if (filter.q) query.andWhere('(e.event_key ILIKE :q OR e.provider_payout_id ILIKE :q OR e.note ILIKE :q)', { q: likePattern(filter.q) });
      if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
      if (filter.type) query.andWhere('e.type = :type', { type: filter.type });
      if (filter.withdrawalId) query.andWhere('e.withdrawal_id = :withdrawalId', { withdrawalId: filter.withdrawalId });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(PayoutsRepository) private readonly payouts: PayoutsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(WithdrawalsService) private readonly withdrawals: WithdrawalsService,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
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
    if (this.config.PAYOUT_PROVIDER !== 'razorpayx') throw new PayoutException(PayoutError.PAYOUT_PROVIDER_MANUAL);
    const withdrawalIds = this.parseIds(ids);
    // Nothing here joins the audit's transaction: each step commits on its own, before anything is sent.
    return this.transactions.outside(async () => {
      // The DUPLICATE_UPI rule first, committed on its own: a flag it raises holds the send below
      // and stays raised although the send is refused.
      const approved = (await this.payouts.findSendRows(withdrawalIds)).filter((row) => row.status === WithdrawalStatus.APPROVED);
      for (const row of approved) await this.fraudChecks.afterUpiUse(row.userId, row.upiId);
      const claimed = await this.transactions.run(async () => {
        await this.payouts.lockForSending(withdrawalIds);
        const rows = await this.payouts.findSendRows(withdrawalIds);
        this.assertSendable(withdrawalIds, rows);
        await this.payouts.claimForSending(withdrawalIds, admin.id);
        return rows;
      });
      // each answer is recorded in a transaction of its own, at once
      for (const row of claimed) await this.sendOne(row);
      return this.payouts.findWithdrawals(withdrawalIds);
    });
  }

  /** CSV of APPROVED withdrawals in RazorpayX's bulk UPI layout; anything else is a CONFLICT. */
  async payoutFile(ids: string[]): Promise<string> {
    const withdrawalIds = this.parseIds(ids);
    const rows = await this.payouts.findSendRows(withdrawalIds);
    this.assertSendable(withdrawalIds, rows);
    return payoutFileCsv(rows);
  }

  /**
   * Stores a payout event once (per key) and applies it, in one transaction: the money moves at
   * most once, and events after a terminal state, or repeats, change nothing.
   */
  receive(event: PayoutEvent): Promise<ReceivedPayoutEvent> {
    return this.transactions.run(async () => {
      const stored = await this.payouts.recordEvent(event.key, event.type, event.payout.id, event.body);
      if (stored === undefined) return { id: null, outcome: 'DUPLICATE', withdrawalId: null };
      const withdrawalId = await this.payouts.matchWithdrawal(event.payout.id, withdrawalIdOfReference(event.payout.referenceId));
      const { outcome, note } = withdrawalId === null ? { outcome: 'UNMATCHED' as const, note: 'No withdrawal of ours has this payout' } : await this.apply(withdrawalId, event);
      await this.payouts.setEventOutcome(stored, outcome, withdrawalId, note);
      if (outcome !== 'PROCESSED') this.logger.log(`RazorpayX ${event.type} for ${event.payout.id}: ${outcome}${note ? ` (${note})` : ''}`);
      return { id: stored, outcome, withdrawalId };
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
    return this.transactions.outside(async () => {
      const due = await this.transactions.run(async () => ((await this.payouts.tryStatusCheckLock()) ? this.payouts.claimDueForStatusCheck() : null));
      if (due === null) return { checked: 0, changed: 0, skipped: true };
      let changed = 0;
      for (const row of await this.payouts.findSendRows(due)) {
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
    });
  }

  /**
   * Sends one claimed withdrawal (outside any transaction); true when its state changed (payout
   * id stored, or refused back to APPROVED).
   */
  private async sendOne(row: SendRow): Promise<boolean> {
    let payout: ProviderPayout;
    try {
      payout = await this.razorpayx.createPayout({ withdrawalId: row.id, userId: row.userId, amount: Number(row.amount), upiId: row.upiId, contactName: row.contactName });
    } catch (error) {
      if (!(error instanceof PayoutCallError)) throw error;
      if (error.retryable) {
        // the payout may exist: stays PROCESSING; the status check resends with the same key
        await this.payouts.noteUnconfirmedSend(row.id, `Not confirmed yet (${error.message}); resent with the same key by the status check`);
        return false;
      }
      // refused outright: no payout was made; the money stays locked, the admin decides
      await this.payouts.returnRefusedSend(row.id, `Not sent: ${error.message}`);
      return true;
    }
    const target = TARGET_OF_STATUS[payout.status] ?? null;
    await this.receive({ key: `sent:${payout.id}:${payout.status}`, type: `sent.${payout.status}`, target, payout, body: JSON.stringify(payout) });
    return true;
  }

  /** Applies an event to its withdrawal (wallet and withdrawal locked first, as every withdrawal change). */
  private async apply(withdrawalId: number, event: PayoutEvent): Promise<{ outcome: StoredOutcome; note: string | null }> {
    const before = await this.withdrawals.lockForChange(this.transactions.manager, withdrawalId);
    const { payout } = event;
    if ((event.target === 'PAID' || event.target === 'REVERSED') && payout.amount !== Number(before.amount)) {
      // a payout of another amount is not this withdrawal's: no money moves on its word
      const amount = payout.amount === null ? 'no amount' : `${payout.amount} paise`;
      const note = `RazorpayX reported ${payout.id} ${payout.status} with ${amount}, not the withdrawal's ${before.amount} paise: nothing changed; check the payout at RazorpayX`;
      this.logger.warn(`Withdrawal ${withdrawalId}: ${note}`);
      return { outcome: 'IGNORED', note };
    }
    if (before.status === WithdrawalStatus.PROCESSING) await this.payouts.recordProviderStatus(withdrawalId, payout.id, payout.status);
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
          await this.payouts.recordUtr(withdrawalId, payout.utr);
          return { outcome: 'PROCESSED', note: 'The UTR arrived' };
        }
        if (!reportsStatus(event.type)) return { outcome: 'IGNORED', note: `An event type we do not act on (${event.type})` };
        return { outcome: before.status === WithdrawalStatus.PROCESSING ? 'PROCESSED' : 'IGNORED', note: null };
    }
  }

  findEvent(id: string | number): Promise<StoredPayoutEvent | null> {
    return this.eventQuery().where('e.id = :id', { id: String(id) }).getOne();
  }

  findEvents(args: ListArgsShape<PayoutEventFilter>): Promise<StoredPayoutEvent[]> {
    return this.eventList.rows(this.eventQuery(), args);
  }

  countEvents(args: ListArgsShape<PayoutEventFilter>): Promise<number> {
    return this.eventList.count(this.eventQuery(), args);
  }

  private eventQuery() {
    return this.dataSource.getRepository(StoredPayoutEvent).createQueryBuilder('e');
  }

  /** Refuses the whole batch (nothing is sent) when any withdrawal is missing, not APPROVED, or its user is held. */
  private assertSendable(ids: number[], rows: SendRow[]): void {
    const found = new Set(rows.map((row) => Number(row.id)));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw CommonException.notFound('Withdrawal', missing);
    const notApproved = rows.filter((row) => row.status !== WithdrawalStatus.APPROVED);
    if (notApproved.length) {
      throw new PayoutException(
        PayoutError.INVALID_TRANSITION,
        `Only APPROVED withdrawals can be paid out: ${notApproved.map((row) => `${row.id} is ${row.status}`).join(', ')}; nothing was sent`,
        { ids: notApproved.map((row) => String(row.id)) },
      );
    }
    for (const row of rows) {
      const refusal = approvalRefusal(row.userStatus) ?? (row.openFlags > 0 ? { reason: 'USER_ON_HOLD' as const, message: 'The user has open fraud flags' } : null);
      if (refusal) {
        throw new PayoutException(PayoutError[refusal.reason], `Withdrawal ${row.id}: ${refusal.message.replace(/; .*$/, '')}; nothing was sent`, { ids: [String(row.id)] });
      }
    }
  }

  private parseIds(ids: string[]): number[] {
    if (!ids.length) throw new CommonException(CommonError.INVALID_INPUT, 'Give at least one withdrawal id');
    if (ids.length > 1000) throw new CommonException(CommonError.INVALID_INPUT, 'At most 1000 withdrawals at a time');
    return [...new Set(ids.map((id) => parseId(id)))];
  }
}
