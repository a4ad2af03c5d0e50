import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { defineStatement, type Statement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { User, UserStatus } from '../users/user.entity.js';
import type { FraudCase } from './fraud-case.js';
import { FraudFlag, FraudFlagStatus, type FraudFlagType, type FraudSeverity } from './fraud-flag.entity.js';
import { DEVICE_VERIFICATION_CHECK_SQL, LOW_CONVERSION_SCAN_SQL, REGISTRATION_CHECK_SQL, UPI_CHECK_SQL, USER_CHECK_SQL } from './fraud-rules.js';

/** The automatic checks (fraud-rules.ts builds their text): each one statement answering `CheckRow`. */
export const FRAUD_CHECKS = {
  registration: defineStatement('fraud', 'checkAtRegistration', ['userId: bigint'], REGISTRATION_CHECK_SQL),
  deviceVerification: defineStatement('fraud', 'checkAfterDeviceVerification', ['userId: bigint'], DEVICE_VERIFICATION_CHECK_SQL),
  upi: defineStatement('fraud', 'checkUpi', ['userId: bigint', 'upiId: text'], UPI_CHECK_SQL),
  user: defineStatement('fraud', 'checkUser', ['userId: bigint'], USER_CHECK_SQL),
  lowConversionScan: defineStatement('fraud', 'scanLowConversion', [], LOW_CONVERSION_SCAN_SQL),
} satisfies Record<string, Statement>;

/** Key of the transaction advisory lock that keeps one LOW_CONVERSION scan running across instances. */
const LOW_CONVERSION_LOCK_KEY = 0x07770005;

const TRY_SCAN_LOCK = defineStatement('fraud', 'tryLowConversionScanLock', [], `
  SELECT pg_try_advisory_xact_lock(${LOW_CONVERSION_LOCK_KEY}) AS locked
`);

/** Open flags grouped by shared evidence, most severe and widest first. */
const CASES = defineStatement('fraud', 'cases', ['limit: int', 'offset: int'], `
  SELECT evidence_key AS "evidenceKey", min(type) AS type,
         (ARRAY['LOW', 'MEDIUM', 'HIGH'])[max(CASE severity WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END)] AS severity,
         array_agg(id::text ORDER BY id) AS "flagIds",
         array_agg(DISTINCT user_id::text) AS "userIds",
         min(created_at) AS "openedAt"
    FROM fraud_flags
   WHERE status = 'OPEN' AND (evidence_key LIKE 'device:%' OR evidence_key LIKE 'ip:%' OR evidence_key LIKE 'upi:%')
   GROUP BY evidence_key
   ORDER BY max(CASE severity WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END) DESC, count(DISTINCT user_id) DESC, min(created_at), evidence_key
   LIMIT $1 OFFSET $2
`);

/** What a check statement answers. */
export interface CheckRow {
  flagged: number;
  suspicious_user_ids: (number | string)[];
}

/** A user's moderation state, as moderation reads and audits it. */
export type ModeratedUser = Pick<User, 'id' | 'status' | 'blockedReason' | 'blockedAt' | 'fraudExempt'>;

/**
 * Fraud flags and user moderation: the automatic checks are defined statements (the rules are
 * set-based SQL, fraud-rules.ts); an admin's moderation reads and writes through TypeORM, the
 * user's row locked FOR NO KEY UPDATE first (as the checks lock it after flagging).
 */
@Injectable()
export class FraudRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Runs one check: in the open transaction if any, else on its own. */
  check(statement: Statement, values: readonly unknown[]): Promise<CheckRow | undefined> {
    return this.transactions.row<CheckRow & Record<string, unknown>>(statement, values);
  }

  /** Takes the scan's advisory lock for the open transaction; false when another runner holds it. */
  async tryLowConversionScanLock(): Promise<boolean> {
    return (await this.transactions.row<{ locked: boolean }>(TRY_SCAN_LOCK, []))!.locked;
  }

  cases(limit: number, offset: number): Promise<FraudCase[]> {
    return this.transactions.rows<FraudCase & Record<string, unknown>>(CASES, [limit, offset]);
  }

  findFlag(manager: EntityManager, flagId: number): Promise<FraudFlag | null> {
    return manager.getRepository(FraudFlag).findOneBy({ id: flagId });
  }

  openFlagsOf(manager: EntityManager, userId: number): Promise<FraudFlag[]> {
    return manager.getRepository(FraudFlag).find({ where: { userId, status: FraudFlagStatus.OPEN }, order: { id: 'ASC' } });
  }

  /** A new OPEN flag, or undefined when the same (user, type, evidence) is open already. */
  async insertOpenFlag(
    manager: EntityManager,
    flag: { userId: number; type: FraudFlagType; severity: FraudSeverity; reason: string; evidenceKey: string; evidence: object; createdById: number },
  ): Promise<FraudFlag | undefined> {
    const { raw } = await manager
      .createQueryBuilder()
      .insert()
      .into(FraudFlag)
      .values({ ...flag, status: FraudFlagStatus.OPEN })
      // the one-open-flag-per-evidence index (fraud_flags_open_unique) is the table's only unique key besides the id
      .orIgnore()
      .returning(selectColumns(FraudFlag))
      .execute();
    const row = (raw as Record<string, unknown>[])[0];
    return row && toEntity(FraudFlag, row);
  }

  /** OPEN → `to`, with the admin's note; undefined when the flag is not OPEN. */
  async closeFlag(manager: EntityManager, flagId: number, to: FraudFlagStatus, adminId: number, note: string): Promise<FraudFlag | undefined> {
    const { raw } = await manager
      .createQueryBuilder()
      .update(FraudFlag)
      .set({ status: to, resolvedById: adminId, resolutionNote: note, resolvedAt: () => 'now()' })
      .where('id = :flagId AND status = :open', { flagId, open: FraudFlagStatus.OPEN })
      .returning(selectColumns(FraudFlag))
      .execute();
    const row = (raw as Record<string, unknown>[])[0];
    return row && toEntity(FraudFlag, row);
  }

  /** Locks the user's row FOR NO KEY UPDATE and answers their moderation state, or null. */
  lockUser(manager: EntityManager, userId: number): Promise<ModeratedUser | null> {
    return manager
      .createQueryBuilder(User, 'u')
      .select(['u.id', 'u.status', 'u.blockedReason', 'u.blockedAt', 'u.fraudExempt'])
      .where('u.id = :userId', { userId })
      .setLock('for_no_key_update')
      .getOne();
  }

  findUser(manager: EntityManager, userId: number): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ id: userId });
  }

  /** Sets the status unless it is that already. */
  async setStatus(manager: EntityManager, userId: number, status: UserStatus): Promise<void> {
    await manager.createQueryBuilder().update(User).set({ status, updatedAt: () => 'now()' }).where('id = :userId AND status <> :status', { userId, status }).execute();
  }

  /** SUSPICIOUS → ACTIVE when no flag of theirs is open; the new status, or undefined when nothing changed. */
  async releaseIfClear(manager: EntityManager, userId: number): Promise<UserStatus | undefined> {
    const { raw } = await manager
      .createQueryBuilder()
      .update(User)
      .set({ status: UserStatus.ACTIVE, updatedAt: () => 'now()' })
      .where(`id = :userId AND status = :suspicious AND NOT EXISTS (SELECT 1 FROM fraud_flags f WHERE f.user_id = :userId AND f.status = :open)`, {
        userId,
        suspicious: UserStatus.SUSPICIOUS,
        open: FraudFlagStatus.OPEN,
      })
      .returning('status')
      .execute();
    return (raw as { status: UserStatus }[])[0]?.status;
  }

  async block(manager: EntityManager, userId: number, reason: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(User)
      .set({ status: UserStatus.BLOCKED, blockedReason: reason, blockedAt: () => 'now()', updatedAt: () => 'now()' })
      .where('id = :userId', { userId })
      .execute();
  }

  /** BLOCKED → SUSPICIOUS while a flag of theirs is open, else ACTIVE. */
  async unblock(manager: EntityManager, userId: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(User)
      .set({
        status: () => `CASE WHEN EXISTS (SELECT 1 FROM fraud_flags f WHERE f.user_id = users.id AND f.status = 'OPEN') THEN 'SUSPICIOUS' ELSE 'ACTIVE' END`,
        blockedReason: null,
        blockedAt: null,
        updatedAt: () => 'now()',
      })
      .where('id = :userId', { userId })
      .execute();
  }

  async setExempt(manager: EntityManager, userId: number, exempt: boolean): Promise<void> {
    await manager.createQueryBuilder().update(User).set({ fraudExempt: exempt, updatedAt: () => 'now()' }).where('id = :userId', { userId }).execute();
  }
}
