import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditService } from '../audit/audit.service.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { CommonException } from '../common/errors/domain.exception.js';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { formatRupees } from '../common/money.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import type { RequestWithdrawalInput, WithdrawalFilter } from './dto/withdrawal.inputs.js';
import { Withdrawal, WithdrawalStatus } from './withdrawal.entity.js';
import { approvalRefusal, toWithdrawalRisk, type WithdrawalRisk } from './withdrawal-risk.js';
import { WithdrawalApprovalRefused, WithdrawalError, WithdrawalException } from './withdrawals.errors.js';
import { WithdrawalMoneyMove, WithdrawalsRepository } from './withdrawals.repository.js';

/** A change the payout provider reported (webhook or status poll), not an admin. */
export interface ProviderActor {
  provider: string;
}

const NOW = () => 'now()';

interface Movement {
  /** Statuses the withdrawal may leave from. */
  from: WithdrawalStatus[];
  to: WithdrawalStatus;
  /** The money it moves (with its ledger row), or null. */
  money: WithdrawalMoneyMove | null;
  /** The columns the change sets besides status, decided_by_id and updated_at. */
  set: QueryDeepPartialEntity<Withdrawal>;
}

/**
 * Withdrawals: a request moves money available → locked; approval moves none; rejection returns
 * it locked → available; payment sends it locked → withdrawn. The wallet row is locked before
 * the withdrawal row everywhere, so two admins acting on one request end in one outcome.
 */
@Injectable()
export class WithdrawalsService {
  private readonly list = new ListQuery<WithdrawalFilter>({
    sortable: { id: 'w.id', createdAt: 'w.created_at', amount: 'w.amount', status: 'w.status', userId: 'w.user_id' },
    defaultSort: { field: 'createdAt', order: 'DESC' },
    tieBreaker: 'w.id',
    applyFilter: (query, filter) => {
      if (filter.q) query.andWhere('(w.upi_id ILIKE :q OR w.payout_reference ILIKE :q)', { q: likePattern(filter.q) });
      if (filter.status) query.andWhere('w.status = :status', { status: filter.status });
      if (filter.userId) query.andWhere('w.user_id = :userId', { userId: filter.userId });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(WithdrawalsRepository) private readonly withdrawals: WithdrawalsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
  ) {}

  /**
   * available → locked. First two locks, in the order blocking takes them: the user's row (FOR
   * SHARE: a concurrent block either commits first, or waits until this request has committed
   * and then rejects it) and the wallet's. Only then the state is read, in a statement of its
   * own, so it sees every change committed before the locks were granted (one statement would
   * mix its older snapshot with the locked row's newer version): a racing request gets the
   * answer it would get after the other. The balance guard is the money statement's
   * `available >= amount`; no row moved means too little available.
   */
  async request(input: RequestWithdrawalInput): Promise<Withdrawal> {
    const telegramId = parseTelegramId(input.telegramId);
    if (input.amount <= 0) throw new WithdrawalException(WithdrawalError.INVALID_AMOUNT, 'amount must be a positive number of paise');
    const withdrawal = await this.transactions.run(async () => {
      const userId = await this.withdrawals.lockForRequest(telegramId);
      if (userId === undefined) throw CommonException.notFound('User with telegramId', input.telegramId);
      const user = (await this.withdrawals.requestState(userId))!;
      if (user.enabled === false) throw new WithdrawalException(WithdrawalError.WITHDRAWALS_DISABLED);
      if (user.status === 'BLOCKED') throw new WithdrawalException(WithdrawalError.USER_BLOCKED);
      if (user.open_requests > 0) throw new WithdrawalException(WithdrawalError.OPEN_REQUEST_EXISTS);
      if (input.amount < user.minimum) {
        throw new WithdrawalException(WithdrawalError.BELOW_MINIMUM, `The minimum withdrawal is ${formatRupees(user.minimum)}`, { minimum: user.minimum });
      }
      const created = await this.withdrawals.createRequest(user.user_id, input.amount, input.upiId).catch((error: { constraint?: string }) => {
        // the one-open-request index: the last guard, should a request ever get past the check above
        if (error.constraint === 'withdrawals_one_open_per_user') throw new WithdrawalException(WithdrawalError.OPEN_REQUEST_EXISTS);
        throw error;
      });
      if (!created) {
        throw new WithdrawalException(WithdrawalError.INSUFFICIENT_FUNDS, `Only ${formatRupees(Math.max(user.available, 0))} is available to withdraw`, {
          available: user.available,
        });
      }
      return created;
    });
    await this.fraudChecks.afterUpiUse(withdrawal.userId, withdrawal.upiId);
    return withdrawal;
  }

  approve(id: string, admin: AdminPrincipal): Promise<Withdrawal> {
    return this.move(id, admin, {
      from: [WithdrawalStatus.PENDING],
      to: WithdrawalStatus.APPROVED,
      money: null,
      set: { approvedById: admin.id, approvedAt: NOW },
    });
  }

  reject(id: string, reason: string, admin: AdminPrincipal): Promise<Withdrawal> {
    return this.move(id, admin, {
      from: [WithdrawalStatus.PENDING, WithdrawalStatus.APPROVED],
      to: WithdrawalStatus.REJECTED,
      money: WithdrawalMoneyMove.WITHDRAWAL_UNLOCK,
      set: { rejectReason: reason.trim(), rejectedAt: NOW },
    });
  }

  /**
   * Rejects the user's open request (PENDING or APPROVED), if any, its money returning locked →
   * available: for blocking a user, whose transaction already holds the user's row (see
   * FraudService.block). The wallet is locked first, as everywhere, so no request can open or
   * change in between.
   */
  rejectOpenForUser(userId: number, reason: string, admin: AdminPrincipal): Promise<Withdrawal | null> {
    return this.transactions.run(async (manager) => {
      await this.withdrawals.lockWallet(manager, userId);
      const open = await this.withdrawals.findDecidableOfUser(manager, userId);
      return open ? this.reject(String(open.id), reason, admin) : null;
    });
  }

  markPaid(id: string, payoutReference: string, admin: AdminPrincipal): Promise<Withdrawal> {
    return this.move(id, admin, {
      from: [WithdrawalStatus.APPROVED],
      to: WithdrawalStatus.PAID,
      money: WithdrawalMoneyMove.WITHDRAWAL_PAYOUT,
      set: { payoutReference, paidAt: NOW },
    });
  }

  /** PROCESSING → PAID on the provider's word: locked → withdrawn, as markWithdrawalPaid does. */
  markPaidByProvider(id: number, payoutReference: string, providerStatus: string, by: ProviderActor): Promise<Withdrawal> {
    return this.move(String(id), by, {
      from: [WithdrawalStatus.PROCESSING],
      to: WithdrawalStatus.PAID,
      money: WithdrawalMoneyMove.WITHDRAWAL_PAYOUT,
      set: { payoutReference, providerStatus, paidAt: NOW },
    });
  }

  /** PROCESSING → FAILED (the provider failed or rejected it): locked → available. */
  markFailed(id: number, reason: string, providerStatus: string, by: ProviderActor): Promise<Withdrawal> {
    return this.move(String(id), by, {
      from: [WithdrawalStatus.PROCESSING],
      to: WithdrawalStatus.FAILED,
      money: WithdrawalMoneyMove.WITHDRAWAL_UNLOCK,
      set: { failureReason: reason, providerStatus, failedAt: NOW },
    });
  }

  /** PAID → REVERSED (the bank returned it): withdrawn → available. paid_at stays: it was paid then. */
  markReversed(id: number, reason: string, providerStatus: string, by: ProviderActor): Promise<Withdrawal> {
    return this.move(String(id), by, {
      from: [WithdrawalStatus.PAID],
      to: WithdrawalStatus.REVERSED,
      money: WithdrawalMoneyMove.WITHDRAWAL_REVERSAL,
      set: { failureReason: reason, providerStatus, reversedAt: NOW },
    });
  }

  /**
   * One state change with its money movement: wallet row locked first, then the withdrawal moved
   * only from an allowed status; a wrong or lost race is a CONFLICT and changes nothing. An
   * admin's decision records them as its decider; the provider's keeps the last admin's.
   */
  private move(id: string, by: AdminPrincipal | ProviderActor, movement: Movement): Promise<Withdrawal> {
    const admin = 'provider' in by ? null : by;
    const actor = admin ? `admin:${admin.id}` : `provider:${(by as ProviderActor).provider}`;
    const withdrawalId = parseId(id);
    return this.transactions.run(async (manager) => {
      const before = await this.lockForChange(manager, withdrawalId);
      if (!movement.from.includes(before.status)) {
        throw new WithdrawalException(WithdrawalError.INVALID_TRANSITION, `Withdrawal ${withdrawalId} is ${before.status} and cannot become ${movement.to}`);
      }
      if (movement.to === WithdrawalStatus.APPROVED) await this.assertNotOnHold(manager, before.userId);
      const after = await this.withdrawals.changeStatus(manager, withdrawalId, movement.from, {
        ...movement.set,
        status: movement.to,
        ...(admin ? { decidedById: admin.id } : {}),
      });
      if (!after) throw new WithdrawalException(WithdrawalError.INVALID_TRANSITION, `Withdrawal ${withdrawalId} changed at the same time; reload it`);
      if (movement.money) await this.withdrawals.moveMoney(movement.money, after, actor);
      this.audit.describe({ targetType: 'Withdrawal', targetId: withdrawalId, before, after });
      return after;
    });
  }

  /** Locks the owner's wallet, then the withdrawal row, and answers the withdrawal as it stands (in `manager`'s open transaction). */
  async lockForChange(manager: EntityManager, withdrawalId: number): Promise<Withdrawal> {
    const owner = await this.withdrawals.lockOwnerWallet(manager, withdrawalId);
    if (owner === undefined) throw CommonException.notFound('Withdrawal', withdrawalId);
    return (await this.withdrawals.lockWithdrawal(manager, withdrawalId))!;
  }

  /** A blocked user, or one under review for fraud, cannot be paid out. */
  private async assertNotOnHold(manager: EntityManager, userId: number): Promise<void> {
    // The same rule answers WithdrawalRisk.approvalBlockedReason, so the panel disables Approve.
    const refusal = approvalRefusal(await this.withdrawals.userStatus(manager, userId));
    if (refusal) throw new WithdrawalApprovalRefused(refusal);
  }

  findOne(id: string): Promise<Withdrawal | null> {
    return this.withdrawals.findOne(parseId(id));
  }

  findAll(args: ListArgsShape<WithdrawalFilter>): Promise<Withdrawal[]> {
    return this.list.rows(this.dataSource.getRepository(Withdrawal).createQueryBuilder('w'), args);
  }

  count(args: ListArgsShape<WithdrawalFilter>): Promise<number> {
    return this.list.count(this.dataSource.getRepository(Withdrawal).createQueryBuilder('w'), args);
  }

  /** The risk at a glance of a page of withdrawals, by withdrawal id (one statement). */
  async risksOf(withdrawalIds: number[]): Promise<Map<number, WithdrawalRisk>> {
    const rows = await this.withdrawals.risks(withdrawalIds);
    return new Map(rows.map((row) => [Number(row.id), toWithdrawalRisk(row)]));
  }
}
