import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { ConflictException, NotFoundException } from '../common/errors/domain.exception.js';
import { parseId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { TransactionService } from '../database/transaction.service.js';
import { User, UserStatus } from '../users/user.entity.js';
import { WithdrawalsService } from '../withdrawals/withdrawals.service.js';
import type { CreateFraudFlagInput, FraudFlagFilter } from './dto/fraud-flag.inputs.js';
import { FraudCheckService } from './fraud-check.service.js';
import { FRAUD_CASES_SQL, type FraudCase } from './fraud-case.js';
import { FraudFlag, FraudFlagStatus, FraudSeverity } from './fraud-flag.entity.js';

const FLAG_COLUMNS = `id, user_id AS "userId", type, severity, status, reason, evidence_key AS "evidenceKey", evidence,
  created_by_id AS "createdById", resolved_by_id AS "resolvedById", resolution_note AS "resolutionNote",
  resolved_at AS "resolvedAt", created_at AS "createdAt"`;

/** An admin's flag is keyed by its reason: the same reason twice on one user is one open flag. */
const MANUAL_KEY_PREFIX = 'manual:';
const EVIDENCE_KEY_LENGTH = 256;

type ModeratedUser = Pick<User, 'id' | 'status' | 'blockedReason' | 'blockedAt' | 'fraudExempt'>;

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
    @Inject(FraudCheckService) private readonly checks: FraudCheckService,
    @Inject(WithdrawalsService) private readonly withdrawals: WithdrawalsService,
  ) {}

  /** Open flags grouped by the evidence they share, most severe and widest first. */
  cases(page: number, perPage: number): Promise<FraudCase[]> {
    return this.dataSource.query<FraudCase[]>(FRAUD_CASES_SQL, [perPage, page * perPage]);
  }

  async findOne(id: string): Promise<FraudFlag | null> {
    const [flag] = await this.dataSource.query<FraudFlag[]>(`SELECT ${FLAG_COLUMNS} FROM fraud_flags WHERE id = $1`, [parseId(id)]);
    return flag ?? null;
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
      const [flag] = await manager.query<FraudFlag[]>(
        `INSERT INTO fraud_flags (user_id, type, severity, status, reason, evidence_key, evidence, created_by_id)
         VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7)
         ON CONFLICT (user_id, type, evidence_key) WHERE status = 'OPEN' DO NOTHING
         RETURNING ${FLAG_COLUMNS}`,
        [userId, input.type, input.severity ?? FraudSeverity.MEDIUM, reason, evidenceKey, { raisedBy: `admin:${admin.id}` }, admin.id],
      );
      if (!flag) throw new ConflictException(`User ${userId} already has an open ${input.type} flag for this reason`, 'DUPLICATE_FLAG');
      const status = await this.setStatus(manager, userId, before.status === UserStatus.BLOCKED ? UserStatus.BLOCKED : UserStatus.SUSPICIOUS);
      this.audit.describe({ targetType: 'FraudFlag', targetId: flag.id, before: null, after: { ...flag, userStatus: status } });
      return flag;
    });
  }

  /** OPEN → RESOLVED (the suspicion was confirmed and dealt with) or DISMISSED (a false alarm), with the admin's note. */
  close(id: string, to: FraudFlagStatus.RESOLVED | FraudFlagStatus.DISMISSED, note: string, admin: AdminPrincipal): Promise<FraudFlag> {
    const flagId = parseId(id);
    return this.transactions.run(async (manager) => {
      const [owner] = await manager.query<{ user_id: number }[]>('SELECT user_id FROM fraud_flags WHERE id = $1', [flagId]);
      if (!owner) throw new NotFoundException('FraudFlag', flagId);
      const user = await this.lockUser(manager, owner.user_id);
      const [before] = await manager.query<FraudFlag[]>(`SELECT ${FLAG_COLUMNS} FROM fraud_flags WHERE id = $1`, [flagId]);
      const [[after]] = await manager.query<[FraudFlag[], number]>(
        `UPDATE fraud_flags SET status = $2, resolved_by_id = $3, resolution_note = $4, resolved_at = now()
         WHERE id = $1 AND status = 'OPEN' RETURNING ${FLAG_COLUMNS}`,
        [flagId, to, admin.id, note.trim()],
      );
      if (!after) throw new ConflictException(`Fraud flag ${flagId} is ${before.status} and cannot become ${to}`, 'INVALID_TRANSITION');
      const status = await this.releaseIfClear(manager, user);
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
      const open = await manager.query<FraudFlag[]>(`SELECT ${FLAG_COLUMNS} FROM fraud_flags WHERE user_id = $1 AND status = 'OPEN' ORDER BY id`, [id]);
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
      if (before.status === UserStatus.BLOCKED) throw new ConflictException(`User ${userId} is already blocked`, 'ALREADY_BLOCKED');
      await manager.query(`UPDATE users SET status = 'BLOCKED', blocked_reason = $2, blocked_at = now(), updated_at = now() WHERE id = $1`, [
        userId,
        reason.trim(),
      ]);
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
      if (before.status !== UserStatus.BLOCKED) throw new ConflictException(`User ${userId} is ${before.status}, not blocked`, 'NOT_BLOCKED');
      await manager.query(
        `UPDATE users
         SET status = CASE WHEN EXISTS (SELECT 1 FROM fraud_flags f WHERE f.user_id = users.id AND f.status = 'OPEN') THEN 'SUSPICIOUS' ELSE 'ACTIVE' END,
             blocked_reason = NULL, blocked_at = NULL, updated_at = now()
         WHERE id = $1`,
        [userId],
      );
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
      await manager.query('UPDATE users SET fraud_exempt = $2, updated_at = now() WHERE id = $1', [userId, exempt]);
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
    const [user] = await manager.query<ModeratedUser[]>(
      `SELECT id, status, blocked_reason AS "blockedReason", blocked_at AS "blockedAt", fraud_exempt AS "fraudExempt"
       FROM users WHERE id = $1 FOR NO KEY UPDATE`,
      [userId],
    );
    if (!user) throw new NotFoundException('User', userId);
    return user;
  }

  private async requireUser(manager: EntityManager, userId: number): Promise<User> {
    const user = await manager.getRepository(User).findOneBy({ id: userId });
    if (!user) throw new NotFoundException('User', userId);
    return user;
  }

  private async setStatus(manager: EntityManager, userId: number, status: UserStatus): Promise<UserStatus> {
    await manager.query(`UPDATE users SET status = $2, updated_at = now() WHERE id = $1 AND status <> $2`, [userId, status]);
    return status;
  }

  /** A SUSPICIOUS user with no open flag left is ACTIVE again; BLOCKED stays BLOCKED. */
  private async releaseIfClear(manager: EntityManager, user: ModeratedUser): Promise<UserStatus> {
    const [[released]] = await manager.query<[{ status: UserStatus }[], number]>(
      `UPDATE users SET status = 'ACTIVE', updated_at = now()
       WHERE id = $1 AND status = 'SUSPICIOUS' AND NOT EXISTS (SELECT 1 FROM fraud_flags WHERE user_id = $1 AND status = 'OPEN')
       RETURNING status`,
      [user.id],
    );
    return released?.status ?? user.status;
  }
}

function moderation(user: ModeratedUser) {
  return { status: user.status, blockedReason: user.blockedReason, blockedAt: user.blockedAt, fraudExempt: user.fraudExempt };
}
