import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AdminLog } from '../audit/admin-log.entity.js';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { AdminRole, User } from '../users/user.entity.js';

/**
 * One attempt counted on each key: a key's window restarts once it is older than `window`.
 * Answers every key's failures in its window and the seconds until the window ends.
 */
const COUNT_ATTEMPT = defineStatement('admins', 'countSignInAttempt', ['keys: varchar[] (account:<telegramId>, ip:<address>)', 'window: interval'], `
  INSERT INTO auth_throttle AS t (key, failures, window_started_at)
  SELECT unnest($1::varchar[]), 1, now()
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.window_started_at < now() - $2::interval THEN 1 ELSE t.failures + 1 END,
    window_started_at = CASE WHEN t.window_started_at < now() - $2::interval THEN now() ELSE t.window_started_at END
  RETURNING key, failures, ceil(extract(epoch FROM t.window_started_at + $2::interval - now()))::int AS retry_after
`);

/** A successful sign-in: the account's count cleared, its attempt given back to the IP. */
const SIGN_IN_SUCCEEDED = defineStatement('admins', 'signInSucceeded', ['accountKey: varchar', 'ipKey: varchar'], `
  WITH cleared AS (DELETE FROM auth_throttle WHERE key = $1)
  UPDATE auth_throttle SET failures = greatest(failures - 1, 0) WHERE key = $2
`);

const CLEAR_THROTTLE = defineStatement('admins', 'clearThrottle', ['key: varchar'], `
  DELETE FROM auth_throttle WHERE key = $1
`);

/** Serialises racing first sign-ins of the super admin, for the open transaction. */
const BOOTSTRAP_LOCK = defineStatement('admins', 'lockSuperAdminBootstrap', [], `
  SELECT pg_advisory_xact_lock(hashtext('bootstrap-super-admin'))
`);

/** The admin columns an admin change may set (besides updated_at). */
export type AdminChange = Partial<Pick<User, 'role' | 'adminActive' | 'passwordHash' | 'firstName' | 'lastName' | 'username'>> & {
  /** The password's new time, as SQL: tokens issued before it stop working. */
  passwordChangedAt?: () => string;
};

/**
 * Admin accounts' data access: the sign-in throttle (defined statements on auth_throttle, which
 * every instance shares) and the admin rows of `users`, read and written through TypeORM.
 */
@Injectable()
export class AdminsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  countSignInAttempt(keys: string[], window: string) {
    return this.transactions.rows<{ key: string; failures: number; retry_after: number }>(COUNT_ATTEMPT, [keys, window]);
  }

  async signInSucceeded(accountKey: string, ipKey: string): Promise<void> {
    await this.transactions.execute(SIGN_IN_SUCCEEDED, [accountKey, ipKey]);
  }

  async clearThrottle(key: string): Promise<void> {
    await this.transactions.execute(CLEAR_THROTTLE, [key]);
  }

  async lockSuperAdminBootstrap(): Promise<void> {
    await this.transactions.execute(BOOTSTRAP_LOCK, []);
  }

  /** The admin with this Telegram id, with their password hash (hidden from plain reads), or null. */
  findWithHash(manager: EntityManager, telegramId: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('admin')
      .addSelect('admin.passwordHash')
      .where('admin.telegram_id = :telegramId AND admin.admin_role IS NOT NULL', { telegramId })
      .getOne();
  }

  superAdminExists(manager: EntityManager): Promise<boolean> {
    return manager.getRepository(User).existsBy({ role: AdminRole.SUPER_ADMIN });
  }

  /** Locks the admin with this Telegram id FOR UPDATE; their id, or undefined. */
  async lockByTelegramId(manager: EntityManager, telegramId: string): Promise<number | undefined> {
    const row = await manager
      .createQueryBuilder(User, 'admin')
      .select('admin.id', 'id')
      .where('admin.telegram_id = :telegramId AND admin.admin_role IS NOT NULL', { telegramId })
      .setLock('pessimistic_write')
      .getRawOne<{ id: number }>();
    return row?.id;
  }

  /** Locks every admin row in id order, so two changes to admin accounts run one after the other. */
  async lockAllAdmins(manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder(User, 'admin').select('admin.id').where('admin.admin_role IS NOT NULL').orderBy('admin.id').setLock('pessimistic_write').getRawMany();
  }

  /** Active super admins other than this one. */
  otherActiveSuperAdmins(manager: EntityManager, adminId: number): Promise<number> {
    return manager
      .createQueryBuilder(User, 'admin')
      .where('admin.admin_role = :role AND admin.admin_active AND admin.id <> :adminId', { role: AdminRole.SUPER_ADMIN, adminId })
      .getCount();
  }

  async update(manager: EntityManager, id: number, change: AdminChange): Promise<void> {
    await manager.createQueryBuilder().update(User).set({ ...change, updatedAt: () => 'now()' }).where('id = :id', { id }).execute();
  }

  async recordSignIn(manager: EntityManager, id: number): Promise<void> {
    await manager.createQueryBuilder().update(User).set({ lastLoginAt: () => 'now()' }).where('id = :id', { id }).execute();
  }

  /** An audit row for a change made outside an admin's request (the command line), in the open transaction. */
  async logOperatorChange(manager: EntityManager, entry: Pick<AdminLog, 'action' | 'targetType' | 'targetId' | 'userAgent'> & { after: object }): Promise<void> {
    await manager.getRepository(AdminLog).insert({ adminId: null, ipAddress: null, ...entry });
  }
}
