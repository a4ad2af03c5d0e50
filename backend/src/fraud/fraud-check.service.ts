import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Statement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { UserStatus } from '../users/user.entity.js';
import { type CheckRow, FRAUD_CHECKS, FraudRepository } from './fraud.repository.js';

export interface CheckResult {
  /** Flags created by this check. */
  flagged: number;
  /** Users this check flagged who are now SUSPICIOUS. */
  suspiciousUserIds: number[];
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
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(FraudRepository) private readonly fraud: FraudRepository,
  ) {}

  /**
   * After a user registered: DUPLICATE_DEVICE, DUPLICATE_IP, and RAPID_SIGNUPS of their
   * referrer. Sets `user.status` to SUSPICIOUS when the check flagged them. Never throws.
   */
  async afterRegistration(user: { id: number | string; status: UserStatus }): Promise<void> {
    const result = await this.hook(FRAUD_CHECKS.registration, [Number(user.id)]);
    if (result?.suspiciousUserIds.includes(Number(user.id))) user.status = UserStatus.SUSPICIOUS;
  }

  /** After the verification Mini App recorded the user's device id and IP: DUPLICATE_DEVICE, DUPLICATE_IP. Never throws. */
  async afterDeviceVerification(userId: number | string): Promise<void> {
    await this.hook(FRAUD_CHECKS.deviceVerification, [Number(userId)]);
  }

  /** After a UPI id was given on an order or a withdrawal request: DUPLICATE_UPI. Never throws. */
  async afterUpiUse(userId: number | string, upiId: string | null | undefined): Promise<void> {
    if (upiId) await this.hook(FRAUD_CHECKS.upi, [Number(userId), upiId]);
  }

  /**
   * Every rule about one user, on an admin's demand, in the caller's transaction: it applies
   * whatever fraud_checks_enabled says (an admin asked), but not to an exempt user.
   */
  checkUser(userId: number): Promise<CheckResult> {
    return this.transactions.run(async () => toResult(await this.fraud.check(FRAUD_CHECKS.user, [userId])));
  }

  /**
   * LOW_CONVERSION over every referrer in one set-based statement. One runner at a time across
   * instances: a second caller skips at once. Nothing happens while fraud_checks_enabled is off.
   */
  scanLowConversion(): Promise<CheckResult & { skipped: boolean }> {
    return this.transactions.run(async () => {
      if (!(await this.fraud.tryLowConversionScanLock())) {
        this.logger.log('LOW_CONVERSION scan skipped: another runner holds the lock');
        return { skipped: true, flagged: 0, suspiciousUserIds: [] };
      }
      const result = toResult(await this.fraud.check(FRAUD_CHECKS.lowConversionScan, []));
      if (result.flagged) this.logger.log(`LOW_CONVERSION scan: ${result.flagged} new flag(s)`);
      return { skipped: false, ...result };
    });
  }

  /** An event check: failures are logged, never thrown. */
  private async hook(statement: Statement, values: unknown[]): Promise<CheckResult | null> {
    try {
      if (this.transactions.inTransaction) return await this.inSavepoint(statement, values);
      return toResult(await this.fraud.check(statement, values));
    } catch (error) {
      this.logger.warn(`${statement.name} failed for ${JSON.stringify(values)}: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * Called inside someone's transaction (whose rows another connection could not see yet), the
   * check joins it behind a savepoint, so a failing check leaves that transaction usable.
   */
  private async inSavepoint(statement: Statement, values: unknown[]): Promise<CheckResult> {
    const manager = this.transactions.manager;
    await manager.query('SAVEPOINT fraud_check');
    try {
      const result = toResult(await this.fraud.check(statement, values));
      await manager.query('RELEASE SAVEPOINT fraud_check');
      return result;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT fraud_check');
      throw error;
    }
  }
}
