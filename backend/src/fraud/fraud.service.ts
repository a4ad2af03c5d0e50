import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { CommonException } from '../common/errors/domain.exception.js';
import { parseId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { TransactionService } from '../database/transaction.service.js';
import { User, UserStatus } from '../users/user.entity.js';
import { WithdrawalsService } from '../withdrawals/withdrawals.service.js';
import type { CreateFraudFlagInput, FraudFlagFilter } from './dto/fraud-flag.inputs.js';
import { FraudCheckService } from './fraud-check.service.js';
import type { FraudCase } from './fraud-case.js';
import { FraudFlag, FraudFlagStatus, FraudSeverity } from './fraud-flag.entity.js';
import { FraudError, FraudException } from './fraud.errors.js';
import { FraudRepository, type ModeratedUser } from './fraud.repository.js';

/** An admin's flag is keyed by its reason: the same reason twice on one user is one open flag. */
const MANUAL_KEY_PREFIX = 'manual:';
const EVIDENCE_KEY_LENGTH = 256;

/**
 * Fraud flags and user moderation, for admins: the FraudFlag resource, manual flags, resolving
 * and dismissing, on-demand checks, blocking and unblocking, and the per-user exemption.
 *
 * The user's status follows their flags: an open flag makes them SUSPICIOUS (a BLOCKED user
 * stays BLOCKED), closing the last open flag makes them ACTIVE again. Every change here locks
 * the user's row first; the automatic checks lock it too after inserting a flag, so a flag
 * raised while an admin closes another one is never lost from the status.
 */
@Injectable()
export class FraudService {
  private readonly list = new ListQuery<FraudFlagFilter>({
    sortable: {
      id: 'f.id',
      createdAt: 'f.created_at',
      type: 'f.type',
      severity: 'f.severity',
      status: 'f.status',
      userId: 'f.user_id',
      resolvedAt: 'f.resolved_at',
    },
    defaultSort: { field: 'createdAt', order: 'DESC' },
    tieBreaker: 'f.id',
    applyFilter: (query, filter) => {
      if (filter.q) query.andWhere('(f.reason ILIKE :q OR f.evidence_key ILIKE :q)', { q: likePattern(filter.q) });
      if (filter.type) query.andWhere('f.type = :type', { type: filter.type });
      if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
      if (filter.severity) query.andWhere('f.severity = :severity', { severity: filter.severity });
      if (filter.userId) query.andWhere('f.user_id = :userId', { userId: filter.userId });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(FraudRepository) private readonly fraud: FraudRepository,
    @Inject(FraudCheckService) private readonly checks: FraudCheckService,
    @Inject(WithdrawalsService) private readonly withdrawals: WithdrawalsService,
  ) {}

  /** Open flags grouped by the evidence they share, most severe and widest first. */
  cases(page: number, perPage: number): Promise<FraudCase[]> {
    return this.fraud.cases(perPage, page * perPage);
  }

  findOne(id: string): Promise<FraudFlag | null> {
    return this.fraud.findFlag(this.transactions.manager, parseId(id));
  }

  findAll(args: ListArgsShape<FraudFlagFilter>): Promise<FraudFlag[]> {
    return this.list.rows(this.query(), args);
  }

  count(args: ListArgsShape<FraudFlagFilter>): Promise<number> {
    return this.list.count(this.query(), args);
  }

  private query() {
    return this.dataSource.getRepository(FraudFlag).createQueryBuilder('f');
  }

  /** An admin's flag: OPEN, and the user SUSPICIOUS unless BLOCKED. The same open reason twice is a CONFLICT. */
  create(input: CreateFraudFlagInput, admin: AdminPrincipal): Promise<FraudFlag> {
    const userId = parseId(input.userId, 'userId');
    const reason = input.reason.trim();
    const evidenceKey = `${MANUAL_KEY_PREFIX}${reason.toLowerCase()}`.slice(0, EVIDENCE_KEY_LENGTH);
    return this.transactions.run(async (manager) => {
      const before = await this.lockUser(manager, userId);
      const flag = await this.fraud.insertOpenFlag(manager, {
        userId,
        type: input.type,
        severity: input.severity ?? FraudSeverity.MEDIUM,
        reason,
        evidenceKey,
        evidence: { raisedBy: `admin:${admin.id}` },
        createdById: admin.id,
      });
      if (!flag) throw new FraudException(FraudError.DUPLICATE_FLAG, `User ${userId} already has an open ${input.type} flag for this reason`);
      const status = before.status === UserStatus.BLOCKED ? UserStatus.BLOCKED : UserStatus.SUSPICIOUS;
      await this.fraud.setStatus(manager, userId, status);
      this.audit.describe({ targetType: 'FraudFlag', targetId: flag.id, before: null, after: { ...flag, userStatus: status } });
      return flag;
    });
  }

  /** OPEN → RESOLVED (the suspicion was confirmed and dealt with) or DISMISSED (a false alarm), with the admin's note. */
  close(id: string, to: FraudFlagStatus.RESOLVED | FraudFlagStatus.DISMISSED, note: string, admin: AdminPrincipal): Promise<FraudFlag> {
    const flagId = parseId(id);
    return this.transactions.run(async (manager) => {
      const owner = await this.fraud.findFlag(manager, flagId);
      if (!owner) throw CommonException.notFound('FraudFlag', flagId);
      const user = await this.lockUser(manager, owner.userId);
      const before = (await this.fraud.findFlag(manager, flagId))!;
      const after = await this.fraud.closeFlag(manager, flagId, to, admin.id, note.trim());
      if (!after) throw new FraudException(FraudError.INVALID_TRANSITION, `Fraud flag ${flagId} is ${before.status} and cannot become ${to}`);
      const status = (await this.fraud.releaseIfClear(manager, user.id)) ?? user.status;
      this.audit.describe({
        targetType: 'FraudFlag',
        targetId: flagId,
        before: { ...before, userStatus: user.status },
        after: { ...after, userStatus: status },
      });
      return after;
    });
  }

  /** Runs every rule for the user now and answers their open flags. */
  runChecks(userId: string): Promise<FraudFlag[]> {
    const id = parseId(userId, 'userId');
    return this.transactions.run(async (manager) => {
      const before = await this.requireUser(manager, id);
      const result = await this.checks.checkUser(id);
      const open = await this.fraud.openFlagsOf(manager, id);
      const after = await this.requireUser(manager, id);
      this.audit.describe({
        targetType: 'User',
        targetId: id,
        before: { status: before.status },
        after: { status: after.status, flagsCreated: result.flagged, openFlagIds: open.map((flag) => String(flag.id)) },
      });
      return open;
    });
  }

  /**
   * BLOCKED: no new commissions, nothing released, no withdrawal (enforced where money moves);
   * an open withdrawal request is rejected and its money returned to available. The user's row
   * is locked before the wallet, the order a withdrawal request takes them in: a request either
   * commits before the block reads the open requests (and is rejected here) or waits on the
   * user's row and then sees BLOCKED, so a blocked user never keeps an open request.
   */
  block(id: string, reason: string, admin: AdminPrincipal): Promise<User> {
    const userId = parseId(id);
    return this.transactions.run(async (manager) => {
      const before = await this.lockUser(manager, userId);
      if (before.status === UserStatus.BLOCKED) throw new FraudException(FraudError.ALREADY_BLOCKED, `User ${userId} is already blocked`);
      await this.fraud.block(manager, userId, reason.trim());
      const rejected = await this.withdrawals.rejectOpenForUser(userId, `Account blocked: ${reason.trim()}`, admin);
      const after = await this.requireUser(manager, userId);
      this.audit.describe({
        targetType: 'User',
        targetId: userId,
        before: moderation(before),
        after: { ...moderation(after), rejectedWithdrawalId: rejected ? String(rejected.id) : null },
      });
      return after;
    });
  }

  /** BLOCKED → SUSPICIOUS while open flags remain, else ACTIVE. */
  unblock(id: string): Promise<User> {
    const userId = parseId(id);
    return this.transactions.run(async (manager) => {
      const before = await this.lockUser(manager, userId);
      if (before.status !== UserStatus.BLOCKED) throw new FraudException(FraudError.NOT_BLOCKED, `User ${userId} is ${before.status}, not blocked`);
      await this.fraud.unblock(manager, userId);
      const after = await this.requireUser(manager, userId);
      this.audit.describe({ targetType: 'User', targetId: userId, before: moderation(before), after: moderation(after) });
      return after;
    });
  }

  /** Exempt: the automatic checks skip the user from now on (their open flags stay until an admin closes them). */
  setExemption(id: string, exempt: boolean, note: string | null | undefined): Promise<User> {
    const userId = parseId(id, 'userId');
    return this.transactions.run(async (manager) => {
      const before = await this.lockUser(manager, userId);
      await this.fraud.setExempt(manager, userId, exempt);
      const after = await this.requireUser(manager, userId);
      this.audit.describe({
        targetType: 'User',
        targetId: userId,
        before: { fraudExempt: before.fraudExempt },
        after: { fraudExempt: after.fraudExempt, note: note?.trim() || null },
      });
      return after;
    });
  }

  /** Locks the user's row (as the automatic checks do after flagging) and answers their moderation state. */
  private async lockUser(manager: EntityManager, userId: number): Promise<ModeratedUser> {
    const user = await this.fraud.lockUser(manager, userId);
    if (!user) throw CommonException.notFound('User', userId);
    return user;
  }

  private async requireUser(manager: EntityManager, userId: number): Promise<User> {
    const user = await this.fraud.findUser(manager, userId);
    if (!user) throw CommonException.notFound('User', userId);
    return user;
  }
}

function moderation(user: ModeratedUser) {
  return { status: user.status, blockedReason: user.blockedReason, blockedAt: user.blockedAt, fraudExempt: user.fraudExempt };
}
