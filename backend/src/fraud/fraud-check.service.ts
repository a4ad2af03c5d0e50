import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sql, sqlStatement } from '../database/sql.js';
import { TransactionService } from '../database/transaction.service.js';
import { UserStatus } from '../users/user.entity.js';
import { DEVICE_VERIFICATION_CHECK_SQL, LOW_CONVERSION_SCAN_SQL, REGISTRATION_CHECK_SQL, UPI_CHECK_SQL, USER_CHECK_SQL } from './fraud-rules.js';

/** Key of the transaction advisory lock that keeps one LOW_CONVERSION scan running across instances. */
const LOW_CONVERSION_LOCK_KEY = 0x07770005;

export interface CheckResult {
  /** Flags created by this check. */
  flagged: number;
  /** Users this check flagged who are now SUSPICIOUS. */
  suspiciousUserIds: number[];
}

interface CheckRow {
  flagged: number;
  suspicious_user_ids: (number | string)[];
}

function toResult(row: CheckRow | undefined): CheckResult {
  return { flagged: row?.flagged ?? 0, suspiciousUserIds: (row?.suspicious_user_ids ?? []).map(Number) };
}

/**
 * Runs the automatic fraud rules (fraud-rules.ts): at registration, when a UPI id is given, on
 * an admin's demand, and the scheduled LOW_CONVERSION scan. Each check is one prepared
 * statement. The event hooks run after the caller's own transaction has committed, in
 * autocommit on a pooled connection: they never hold the caller's locks longer, and a failing
 * check is logged and never fails the registration, order or withdrawal that triggered it.
 */
@Injectable()
export class FraudCheckService {
  private readonly logger = new Logger(FraudCheckService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
  ) {}

  /**
   * After a user registered: DUPLICATE_DEVICE, DUPLICATE_IP, and RAPID_SIGNUPS of their
   * referrer. Sets `user.status` to SUSPICIOUS when the check flagged them. Never throws.
   */
  async afterRegistration(user: { id: number | string; status: UserStatus }): Promise<void> {
    const result = await this.hook('fraud_check_registration', REGISTRATION_CHECK_SQL, [Number(user.id)]);
    if (result?.suspiciousUserIds.includes(Number(user.id))) user.status = UserStatus.SUSPICIOUS;
  }

  /** After the verification Mini App recorded the user's device id and IP: DUPLICATE_DEVICE, DUPLICATE_IP. Never throws. */
  async afterDeviceVerification(userId: number | string): Promise<void> {
    await this.hook('fraud_check_device_verification', DEVICE_VERIFICATION_CHECK_SQL, [Number(userId)]);
  }

  /** After a UPI id was given on an order or a withdrawal request: DUPLICATE_UPI. Never throws. */
  async afterUpiUse(userId: number | string, upiId: string | null | undefined): Promise<void> {
    if (upiId) await this.hook('fraud_check_upi', UPI_CHECK_SQL, [Number(userId), upiId]);
  }

  /**
   * Every rule about one user, on an admin's demand, in the caller's transaction: it applies
   * whatever fraud_checks_enabled says (an admin asked), but not to an exempt user.
   */
  checkUser(userId: number): Promise<CheckResult> {
    return this.transactions.run(async (manager) => toResult((await sql<CheckRow>(manager, 'fraud_check_user', USER_CHECK_SQL, [userId])).rows[0]));
  }

  /**
   * LOW_CONVERSION over every referrer in one set-based statement. One runner at a time across
   * instances: a second caller skips at once. Nothing happens while fraud_checks_enabled is off.
   */
  scanLowConversion(): Promise<CheckResult & { skipped: boolean }> {
    return this.transactions.run(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [LOW_CONVERSION_LOCK_KEY]);
      if (!locked) {
        this.logger.log('LOW_CONVERSION scan skipped: another runner holds the lock');
        return { skipped: true, flagged: 0, suspiciousUserIds: [] };
      }
      const result = toResult((await sql<CheckRow>(manager, 'fraud_scan_low_conversion', LOW_CONVERSION_SCAN_SQL, [])).rows[0]);
      if (result.flagged) this.logger.log(`LOW_CONVERSION scan: ${result.flagged} new flag(s)`);
      return { skipped: false, ...result };
    });
  }

  /** An event check: failures are logged, never thrown. */
  private async hook(name: string, text: string, values: unknown[]): Promise<CheckResult | null> {
    try {
      if (this.transactions.inTransaction) return await this.inSavepoint(this.transactions.manager, name, text, values);
      return toResult((await sqlStatement<CheckRow>(this.dataSource, name, text, values)).rows[0]);
    } catch (error) {
      this.logger.warn(`${name} failed for ${JSON.stringify(values)}: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * Called inside someone's transaction (whose rows another connection could not see yet), the
   * check joins it behind a savepoint, so a failing check leaves that transaction usable.
   */
  private async inSavepoint(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<CheckResult> {
    await manager.query('SAVEPOINT fraud_check');
    try {
      const result = toResult((await sql<CheckRow>(manager, name, text, values)).rows[0]);
      await manager.query('RELEASE SAVEPOINT fraud_check');
      return result;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT fraud_check');
      throw error;
    }
  }
}
