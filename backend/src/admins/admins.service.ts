import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { JWT_AUDIENCE, JWT_ISSUER, passwordVersion } from '../common/auth/jwt.strategy.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { AuthError, AuthException } from '../common/auth/auth.errors.js';
import { CommonException } from '../common/errors/domain.exception.js';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { ListQuery, type ListArgsShape } from '../common/graphql/list.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { searchUsers } from '../users/user-search.js';
import { UsersService } from '../users/users.service.js';
import { AdminRole, User } from '../users/user.entity.js';
import { Admin, AuthPayload } from './admin.model.js';
import { AdminError, AdminException } from './admins.errors.js';
import { type AdminChange, AdminsRepository } from './admins.repository.js';
import { type AdminFilter, type CreateAdminInput, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './dto/admin.inputs.js';
import { LoginThrottleService } from './login-throttle.service.js';

const ARGON2_OPTIONS = { type: argon2.argon2id } as const;
/** A new account's password time, a second back: a token signed in the same second still counts as issued after it. */
const A_SECOND_AGO = () => "now() - interval '1 second'";

/** Admin accounts: sign-in, tokens, passwords, and the super admin's management of admins. */
@Injectable()
export class AdminsService {
  private readonly logger = new Logger(AdminsService.name);
  /** Verified against when the account does not exist, so timing does not reveal admin ids. */
  private readonly decoyHash = argon2.hash('decoy-password-for-timing', ARGON2_OPTIONS);
  private readonly list = new ListQuery<AdminFilter>({
    sortable: {
      id: 'admin.id',
      telegramId: 'admin.telegram_id',
      username: 'admin.username',
      role: 'admin.admin_role',
      active: 'admin.admin_active',
      lastLoginAt: 'admin.last_login_at',
      createdAt: 'admin.created_at',
    },
    defaultSort: { field: 'createdAt', order: 'ASC' },
    tieBreaker: 'admin.id',
    applyFilter: (query, filter) => {
      // Not aliased `user`: that is a reserved word in PostgreSQL, and TypeORM leaves
      // `user.telegram_id::text` unquoted (a syntax error whatever the search text).
      searchUsers(query, 'admin', filter.q);
      if (filter.role) query.andWhere('admin.admin_role = :role', { role: filter.role });
      if (filter.active !== undefined) query.andWhere('admin.admin_active = :active', { active: filter.active });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(AdminsRepository) private readonly admins: AdminsRepository,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LoginThrottleService) private readonly throttle: LoginThrottleService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async login(telegramId: string, password: string, ip: string | undefined): Promise<AuthPayload> {
    if (!/^\d{1,20}$/.test(telegramId)) throw new AdminException(AdminError.INVALID_CREDENTIALS);
    await this.throttle.consume(telegramId, ip);
    let admin = await this.findAdminWithHash(telegramId);
    if (!admin && telegramId === this.config.SUPER_ADMIN_TELEGRAM_ID) {
      admin = await this.bootstrapSuperAdmin(password);
    }
    const valid = await argon2.verify(admin?.passwordHash ?? (await this.decoyHash), password);
    if (!admin || !valid) throw new AdminException(AdminError.INVALID_CREDENTIALS);
    if (!admin.adminActive) throw new AuthException(AuthError.ADMIN_DISABLED);
    await this.throttle.succeeded(telegramId, ip);
    await this.admins.recordSignIn(this.dataSource.manager, admin.id);
    return this.issueToken(admin);
  }

  private async issueToken(admin: User): Promise<AuthPayload> {
    const accessToken = await this.jwt.signAsync(
      { sub: String(admin.id), role: admin.role, pwv: passwordVersion(admin.passwordChangedAt) },
      { issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
    );
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    delete admin.passwordHash;
    return { accessToken, expiresAt: new Date(exp * 1000), admin };
  }

  private findAdminWithHash(telegramId: string): Promise<User | null> {
    return this.admins.findWithHash(this.dataSource.manager, telegramId);
  }

  /**
   * The first sign-in with SUPER_ADMIN_TELEGRAM_ID and SUPER_ADMIN_PASSWORD creates the super
   * admin, once: an advisory lock serialises racing first sign-ins, and nothing is created while
   * any super admin exists.
   */
  private async bootstrapSuperAdmin(password: string): Promise<User | null> {
    const expected = createHash('sha256').update(this.config.SUPER_ADMIN_PASSWORD).digest();
    if (!timingSafeEqual(createHash('sha256').update(password).digest(), expected)) return null;
    const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
    const created = await this.transactions.run(async (manager) => {
      await this.admins.lockSuperAdminBootstrap();
      if (await this.admins.superAdminExists(manager)) return false;
      const user = await this.users.ensureUser(this.config.SUPER_ADMIN_TELEGRAM_ID);
      await this.admins.update(manager, user.id, { role: AdminRole.SUPER_ADMIN, adminActive: true, passwordHash, passwordChangedAt: A_SECOND_AGO });
      return true;
    });
    // Lost the race to a concurrent first sign-in: the caller's password is checked against the
    // account that sign-in just created, as for any later sign-in.
    if (!created) return this.findAdminWithHash(this.config.SUPER_ADMIN_TELEGRAM_ID);
    this.logger.warn(`Created the super admin for Telegram id ${this.config.SUPER_ADMIN_TELEGRAM_ID}; change its password now.`);
    return this.findAdminWithHash(this.config.SUPER_ADMIN_TELEGRAM_ID);
  }

  async me(principal: AdminPrincipal): Promise<Admin> {
    return Admin.from(await this.requireAdmin(principal.id));
  }

  /** The admin's own display name (first and last name); the super admin starts with none. */
  async updateName(principal: AdminPrincipal, firstName: string, lastName: string | null): Promise<Admin> {
    const before = await this.requireAdmin(principal.id);
    await this.admins.update(this.transactions.manager, principal.id, { firstName: firstName.trim(), lastName: lastName?.trim() || null });
    const after = await this.requireAdmin(principal.id);
    this.audit.describe({
      targetType: 'Admin',
      targetId: principal.id,
      before: { firstName: before.firstName, lastName: before.lastName },
      after: { firstName: after.firstName, lastName: after.lastName },
    });
    return Admin.from(after);
  }

  async changePassword(principal: AdminPrincipal, currentPassword: string, newPassword: string): Promise<boolean> {
    const admin = await this.findAdminWithHash(principal.telegramId);
    if (!admin?.passwordHash || !(await argon2.verify(admin.passwordHash, currentPassword))) {
      throw new AdminException(AdminError.WRONG_PASSWORD);
    }
    if (currentPassword === newPassword) throw new AdminException(AdminError.SAME_PASSWORD);
    const passwordHash = await argon2.hash(newPassword, ARGON2_OPTIONS);
    await this.admins.update(this.transactions.manager, admin.id, { passwordHash, passwordChangedAt: () => 'now()' });
    this.audit.describe({ targetType: 'Admin', targetId: admin.id, after: { passwordChanged: true } });
    return true;
  }

  /**
   * An operator's reset from the command line (`reset-admin-password`), for an admin who lost the
   * password or a super admin locked out: new hash, `password_changed_at` moved on (so every token
   * issued before stops working), the sign-in throttle cleared, and an audit row whose actor is
   * the CLI, all in one transaction.
   */
  async resetPasswordFromCli(telegramId: string, newPassword: string, operator: string): Promise<Admin> {
    if (!/^\d{1,20}$/.test(telegramId)) throw new AdminException(AdminError.INVALID_TELEGRAM_ID, 'The Telegram id must be digits only');
    if (newPassword.length < MIN_PASSWORD_LENGTH || newPassword.length > MAX_PASSWORD_LENGTH) {
      throw new AdminException(AdminError.WEAK_PASSWORD, `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
    }
    const passwordHash = await argon2.hash(newPassword, ARGON2_OPTIONS);
    return this.transactions.run(async (manager) => {
      const adminId = await this.admins.lockByTelegramId(manager, telegramId);
      if (adminId === undefined) throw CommonException.notFound('Admin', telegramId);
      await this.admins.update(manager, adminId, { passwordHash, passwordChangedAt: () => 'clock_timestamp()' });
      await this.admins.clearThrottle(`account:${telegramId}`);
      await this.admins.logOperatorChange(manager, {
        action: 'cli:reset-admin-password',
        targetType: 'Admin',
        targetId: String(adminId),
        after: { passwordChanged: true, tokensRevoked: true },
        userAgent: operator.slice(0, 512),
      });
      return Admin.from(await this.requireAdmin(adminId));
    });
  }

  async findOne(id: string): Promise<Admin | null> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: parseId(id) });
    return user?.role ? Admin.from(user) : null;
  }

  async findAll(args: ListArgsShape<AdminFilter>): Promise<Admin[]> {
    return (await this.list.rows(this.adminQuery(), args)).map(Admin.from);
  }

  count(args: ListArgsShape<AdminFilter>): Promise<number> {
    return this.list.count(this.adminQuery(), args);
  }

  private adminQuery() {
    return this.dataSource.getRepository(User).createQueryBuilder('admin').where('admin.admin_role IS NOT NULL');
  }

  /** Makes a Telegram user (new or existing) an admin with a password. */
  async create(input: CreateAdminInput): Promise<Admin> {
    parseTelegramId(input.telegramId);
    const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
    return this.transactions.run(async (manager) => {
      const user = await this.users.ensureUser(input.telegramId, { username: input.username ?? null });
      if (user.role) throw new AdminException(AdminError.ALREADY_ADMIN, `Telegram id ${input.telegramId} is already an admin`);
      await this.admins.update(manager, user.id, {
        role: input.role,
        adminActive: true,
        passwordHash,
        passwordChangedAt: A_SECOND_AGO,
        ...(input.username != null ? { username: input.username } : {}),
      });
      const admin = Admin.from(await this.requireAdmin(user.id));
      this.audit.describe({ targetType: 'Admin', targetId: admin.id, before: null, after: admin });
      return admin;
    });
  }

  setRole(actor: AdminPrincipal, id: string, role: AdminRole): Promise<Admin> {
    return this.change(actor, id, (admin) => (admin.role === role ? null : { set: { role }, removesSuperAdmin: admin.role === AdminRole.SUPER_ADMIN }));
  }

  setActive(actor: AdminPrincipal, id: string, active: boolean): Promise<Admin> {
    return this.change(actor, id, (admin) =>
      admin.adminActive === active ? null : { set: { adminActive: active }, removesSuperAdmin: !active && admin.role === AdminRole.SUPER_ADMIN },
    );
  }

  /**
   * One change to an admin account, under a lock on the admin rows so the last active super
   * admin can never be demoted or disabled, not even by two super admins at once.
   */
  private async change(
    actor: AdminPrincipal,
    id: string,
    decide: (admin: User) => { set: AdminChange; removesSuperAdmin: boolean } | null,
  ): Promise<Admin> {
    const adminId = parseId(id);
    if (adminId === actor.id) throw new AdminException(AdminError.SELF_CHANGE);
    return this.transactions.run(async (manager) => {
      await this.admins.lockAllAdmins(manager);
      const before = await this.requireAdmin(adminId);
      const change = decide(before);
      if (change?.removesSuperAdmin && (await this.admins.otherActiveSuperAdmins(manager, adminId)) === 0) {
        throw new AdminException(AdminError.LAST_SUPER_ADMIN);
      }
      if (change) await this.admins.update(manager, adminId, change.set);
      const after = Admin.from(await this.requireAdmin(adminId));
      this.audit.describe({ targetType: 'Admin', targetId: adminId, before: Admin.from(before), after });
      return after;
    });
  }

  private async requireAdmin(id: number): Promise<User> {
    const user = await this.transactions.manager.getRepository(User).findOneBy({ id });
    if (!user?.role) throw CommonException.notFound('Admin', id);
    return user;
  }
}
