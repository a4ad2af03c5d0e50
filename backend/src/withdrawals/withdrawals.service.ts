import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { BadInputException, ConflictException, ForbiddenException, NotFoundException } from '../common/errors/domain.exception.js';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { formatRupees } from '../common/money.js';
import { sql } from '../database/sql.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import type { RequestWithdrawalInput, WithdrawalFilter } from './dto/withdrawal.inputs.js';
import { Withdrawal, WithdrawalStatus } from './withdrawal.entity.js';
import { approvalRefusal } from './withdrawal-risk.js';

export const WITHDRAWAL_COLUMNS = `id, user_id AS "userId", amount, upi_id AS "upiId", status, reject_reason AS "rejectReason",
  payout_reference AS "payoutReference", approved_by_id AS "approvedById", decided_by_id AS "decidedById",
  approved_at AS "approvedAt", rejected_at AS "rejectedAt", paid_at AS "paidAt", created_at AS "createdAt", updated_at AS "updatedAt",
  provider_payout_id AS "providerPayoutId", provider_status AS "providerStatus", failure_reason AS "failureReason", sent_at AS "sentAt",
  failed_at AS "failedAt", reversed_at AS "reversedAt"`;

/** A change the payout provider reported (webhook or status poll), not an admin. */
export interface ProviderActor {
  provider: string;
}

interface Movement {
  /** Statuses the withdrawal may leave from. */
  from: WithdrawalStatus[];
  to: WithdrawalStatus;
  /** The ledger transfer: money leaves `debit` and enters `credit`; null moves no money. */
  money: { type: string; debit: string; credit: string } | null;
  set: string;
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
    if (input.amount <= 0) throw new BadInputException('amount must be a positive number of paise', 'INVALID_AMOUNT');
    const withdrawal = await this.transactions.run(async (manager) => {
      const locked = await sql<{ user_id: number }>(
        manager,
        'withdrawal_request_lock',
        `WITH owner AS MATERIALIZED (SELECT id FROM users WHERE telegram_id = $1 FOR SHARE)
         SELECT w.user_id FROM owner JOIN wallets w ON w.user_id = owner.id FOR UPDATE OF w`,
        [telegramId],
      );
      if (!locked.rowCount) throw new NotFoundException('User with telegramId', input.telegramId);
      const state = await sql<{ user_id: number; status: string; available: number; minimum: number; enabled: boolean; open_requests: number }>(
        manager,
        'withdrawal_request_state',
        `SELECT u.id AS user_id, u.status, w.available,
                (SELECT (value #>> '{}')::bigint FROM system_settings WHERE key = 'min_withdrawal_amount') AS minimum,
                (SELECT (value #>> '{}')::boolean FROM system_settings WHERE key = 'withdrawals_enabled') AS enabled,
                (SELECT count(*)::int FROM withdrawals o WHERE o.user_id = u.id AND o.status IN ('PENDING', 'APPROVED', 'PROCESSING')) AS open_requests
         FROM users u JOIN wallets w ON w.user_id = u.id
         WHERE u.id = $1`,
        [locked.rows[0].user_id],
      );
      const user = state.rows[0];
      if (user.enabled === false) throw new ForbiddenException('Withdrawals are switched off for now', 'WITHDRAWALS_DISABLED');
      if (user.status === 'BLOCKED') throw new ForbiddenException('This account is blocked and cannot withdraw', 'USER_BLOCKED');
      if (user.open_requests > 0) throw new ConflictException('A withdrawal request is already open for this user', 'OPEN_REQUEST_EXISTS');
      if (input.amount < user.minimum) {
        throw new BadInputException(`The minimum withdrawal is ${formatRupees(user.minimum)}`, 'BELOW_MINIMUM', { minimum: user.minimum });
      }
      const created = await sql<Withdrawal>(
        manager,
        'withdrawal_request_create',
        `WITH moved AS (
           UPDATE wallets SET available = available - $2, locked = locked + $2, updated_at = now()
           WHERE user_id = $1 AND available >= $2
           RETURNING user_id
         ), created AS (
           INSERT INTO withdrawals (user_id, amount, upi_id, status) SELECT user_id, $2, $3, 'PENDING' FROM moved
           RETURNING *
         ), ledger AS (
           INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, withdrawal_id, actor)
           SELECT user_id, 'WITHDRAWAL_LOCK', 'AVAILABLE', 'LOCKED', amount, id, 'bot' FROM created
         )
         SELECT ${WITHDRAWAL_COLUMNS} FROM created`,
        [user.user_id, input.amount, input.upiId],
      ).catch((error: { constraint?: string }) => {
        // the one-open-request index: the last guard, should a request ever get past the check above
        if (error.constraint === 'withdrawals_one_open_per_user') {
          throw new ConflictException('A withdrawal request is already open for this user', 'OPEN_REQUEST_EXISTS');
        }
        throw error;
      });
      if (!created.rowCount) {
        throw new BadInputException(`Only ${formatRupees(Math.max(user.available, 0))} is available to withdraw`, 'INSUFFICIENT_FUNDS', {
          available: user.available,
        });
      }
      return created.rows[0];
    });
    await this.fraudChecks.afterUpiUse(withdrawal.userId, withdrawal.upiId);
    return withdrawal;
  }

  approve(id: string, admin: AdminPrincipal): Promise<Withdrawal> {
    return this.move(id, admin, {
      from: [WithdrawalStatus.PENDING],
      to: WithdrawalStatus.APPROVED,
      money: null,
      set: `approved_by_id = $2, approved_at = now()`,
    });
  }

  reject(id: string, reason: string, admin: AdminPrincipal): Promise<Withdrawal> {
    return this.move(
      id,
      admin,
      {
        from: [WithdrawalStatus.PENDING, WithdrawalStatus.APPROVED],
        to: WithdrawalStatus.REJECTED,
        money: { type: 'WITHDRAWAL_UNLOCK', debit: 'LOCKED', credit: 'AVAILABLE' },
        set: `reject_reason = $3, rejected_at = now()`,
      },
      [reason.trim()],
    );
  }

  /**
   * Rejects the user's open request (PENDING or APPROVED), if any, its money returning locked →
   * available: for blocking a user, whose transaction already holds the user's row (see
   * FraudService.block). The wallet is locked first, as everywhere, so no request can open or
   * change in between.
   */
  rejectOpenForUser(userId: number, reason: string, admin: AdminPrincipal): Promise<Withdrawal | null> {
    return this.transactions.run(async (manager) => {
      await manager.query('SELECT 1 FROM wallets WHERE user_id = $1 FOR UPDATE', [userId]);
      const [open] = await manager.query<{ id: number }[]>(`SELECT id FROM withdrawals WHERE user_id = $1 AND status IN ('PENDING', 'APPROVED')`, [userId]);
      return open ? this.reject(String(open.id), reason, admin) : null;
    });
  }

  markPaid(id: string, payoutReference: string, admin: AdminPrincipal): Promise<Withdrawal> {
    return this.move(
      id,
      admin,
      {
        from: [WithdrawalStatus.APPROVED],
        to: WithdrawalStatus.PAID,
        money: { type: 'WITHDRAWAL_PAYOUT', debit: 'LOCKED', credit: 'WITHDRAWN' },
        set: `payout_reference = $3, paid_at = now()`,
      },
      [payoutReference],
    );
  }

  /** PROCESSING → PAID on the provider's word: locked → withdrawn, as markWithdrawalPaid does. */
  markPaidByProvider(id: number, payoutReference: string, providerStatus: string, by: ProviderActor): Promise<Withdrawal> {
    return this.move(
      String(id),
      by,
      {
        from: [WithdrawalStatus.PROCESSING],
        to: WithdrawalStatus.PAID,
        money: { type: 'WITHDRAWAL_PAYOUT', debit: 'LOCKED', credit: 'WITHDRAWN' },
        set: `payout_reference = $3, provider_status = $4, paid_at = now()`,
      },
      [payoutReference, providerStatus],
    );
  }

  /** PROCESSING → FAILED (the provider failed or rejected it): locked → available. */
  markFailed(id: number, reason: string, providerStatus: string, by: ProviderActor): Promise<Withdrawal> {
    return this.move(
      String(id),
      by,
      {
        from: [WithdrawalStatus.PROCESSING],
        to: WithdrawalStatus.FAILED,
        money: { type: 'WITHDRAWAL_UNLOCK', debit: 'LOCKED', credit: 'AVAILABLE' },
        set: `failure_reason = $3, provider_status = $4, failed_at = now()`,
      },
      [reason, providerStatus],
    );
  }

  /** PAID → REVERSED (the bank returned it): withdrawn → available. paid_at stays: it was paid then. */
  markReversed(id: number, reason: string, providerStatus: string, by: ProviderActor): Promise<Withdrawal> {
    return this.move(
      String(id),
      by,
      {
        from: [WithdrawalStatus.PAID],
        to: WithdrawalStatus.REVERSED,
        money: { type: 'WITHDRAWAL_REVERSAL', debit: 'WITHDRAWN', credit: 'AVAILABLE' },
        set: `failure_reason = $3, provider_status = $4, reversed_at = now()`,
      },
      [reason, providerStatus],
    );
  }

  /**
   * One state change with its money movement: wallet row locked first, then the withdrawal moved
   * only from an allowed status; a wrong or lost race is a CONFLICT and changes nothing.
   */
  private move(id: string, by: AdminPrincipal | ProviderActor, movement: Movement, extra: unknown[] = []): Promise<Withdrawal> {
    const adminId = 'provider' in by ? null : by.id;
    const actor = 'provider' in by ? `provider:${by.provider}` : `admin:${by.id}`;
    const withdrawalId = parseId(id);
    return this.transactions.run(async (manager) => {
      const before = await this.lockForChange(manager, withdrawalId);
      if (!movement.from.includes(before.status)) {
        throw new ConflictException(`Withdrawal ${withdrawalId} is ${before.status} and cannot become ${movement.to}`, 'INVALID_TRANSITION');
      }
      if (movement.to === WithdrawalStatus.APPROVED) await this.assertNotOnHold(manager, before.userId);
      const buckets = movement.money ? [movement.money.debit, movement.money.credit] : [];
      const column = (bucket: string) => (bucket === 'WITHDRAWN' ? 'withdrawn' : bucket.toLowerCase());
      const walletUpdate = movement.money
        ? `, moved AS (UPDATE wallets wa SET ${column(buckets[0])} = wa.${column(buckets[0])} - u.amount, ${column(buckets[1])} = wa.${column(buckets[1])} + u.amount, updated_at = now()
             FROM updated u WHERE wa.user_id = u.user_id),
           ledger AS (INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, withdrawal_id, actor)
             SELECT user_id, '${movement.money.type}', '${buckets[0]}', '${buckets[1]}', amount, id, $${extra.length + 4}::text FROM updated)`
        : '';
      const result = await manager.query<Withdrawal[]>(
        `WITH updated AS (
           UPDATE withdrawals w SET status = '${movement.to}', decided_by_id = coalesce($2::bigint, w.decided_by_id), updated_at = now(), ${movement.set}
           WHERE w.id = $1 AND w.status = ANY($${extra.length + 3}::varchar[])
           RETURNING *
         )${walletUpdate}
         SELECT ${WITHDRAWAL_COLUMNS} FROM updated`,
        [withdrawalId, adminId, ...extra, movement.from, ...(movement.money ? [actor] : [])],
      );
      const after = result[0];
      if (!after) throw new ConflictException(`Withdrawal ${withdrawalId} changed at the same time; reload it`, 'INVALID_TRANSITION');
      this.audit.describe({ targetType: 'Withdrawal', targetId: withdrawalId, before, after });
      return after;
    });
  }

  /** Locks the owner's wallet, then the withdrawal row, and answers the withdrawal as it stands. */
  async lockForChange(manager: EntityManager, withdrawalId: number): Promise<Withdrawal> {
    const [owner] = await manager.query<{ user_id: number }[]>(
      `SELECT wa.user_id FROM wallets wa WHERE wa.user_id = (SELECT user_id FROM withdrawals WHERE id = $1) FOR UPDATE`,
      [withdrawalId],
    );
    if (!owner) throw new NotFoundException('Withdrawal', withdrawalId);
    const [withdrawal] = await manager.query<Withdrawal[]>(`SELECT ${WITHDRAWAL_COLUMNS} FROM withdrawals WHERE id = $1 FOR UPDATE`, [withdrawalId]);
    return withdrawal;
  }

  /** A blocked user, or one under review for fraud, cannot be paid out. */
  private async assertNotOnHold(manager: EntityManager, userId: number): Promise<void> {
    const [user] = await manager.query<{ status: string }[]>('SELECT status FROM users WHERE id = $1', [userId]);
    // The same rule answers WithdrawalRisk.approvalBlockedReason, so the panel disables Approve.
    const refusal = approvalRefusal(user?.status);
    if (refusal) throw new ConflictException(refusal.message, refusal.reason);
  }

  async findOne(id: string): Promise<Withdrawal | null> {
    const [row] = await this.dataSource.query<Withdrawal[]>(`SELECT ${WITHDRAWAL_COLUMNS} FROM withdrawals WHERE id = $1`, [parseId(id)]);
    return row ?? null;
  }

  findAll(args: ListArgsShape<WithdrawalFilter>): Promise<Withdrawal[]> {
    return this.list.rows(this.dataSource.getRepository(Withdrawal).createQueryBuilder('w'), args);
  }

  count(args: ListArgsShape<WithdrawalFilter>): Promise<number> {
    return this.list.count(this.dataSource.getRepository(Withdrawal).createQueryBuilder('w'), args);
  }
}
