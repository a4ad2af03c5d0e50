import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { ReportingService } from '../reporting/reporting.service.js';
import type { UserFilter } from './dto/user-filter.input.js';
import { generateReferralCode, referralLink } from './referral-code.js';
import { searchUsers } from './user-search.js';
import { User, UserType } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

const CODE_ATTEMPTS = 5;

// A referrer has at least one direct referral; the counter is kept with each registration.
const HAS_REFERRALS = 'EXISTS (SELECT 1 FROM referral_stats s WHERE s.user_id = u.id AND s.direct_referrals > 0)';

/** What the admin panel's User list may filter and sort by. */
const list = new ListQuery<UserFilter>({
  sortable: {
    id: 'u.id',
    telegramId: 'u.telegram_id',
    username: 'u.username',
    firstName: 'u.first_name',
    lastName: 'u.last_name',
    status: 'u.status',
    createdAt: 'u.created_at',
    referredById: 'u.referred_by_id',
  },
  defaultSort: { field: 'createdAt', order: 'DESC' },
  tieBreaker: 'u.id',
  applyFilter: (query, filter) => {
    searchUsers(query, 'u', filter.q);
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.type === UserType.ADMIN) query.andWhere('u.admin_role IS NOT NULL');
    if (filter.type === UserType.REFERRER) query.andWhere(`u.admin_role IS NULL AND ${HAS_REFERRALS}`);
    if (filter.type === UserType.CUSTOMER) query.andWhere(`u.admin_role IS NULL AND NOT ${HAS_REFERRALS}`);
    if (filter.referredById) query.andWhere('u.referred_by_id = :referredById', { referredById: filter.referredById });
    if (filter.attributionNote) query.andWhere('u.attribution_note = :note', { note: filter.attributionNote });
  },
});

/** People known to the bot: lookups, the admin list, and how a user is presented. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(ReportingService) private readonly reporting: ReportingService,
  ) {}

  /**
   * The user with this Telegram id, created (with an empty wallet and stats row) when unknown.
   * No attribution: registration from the bot goes through the referral service.
   */
  async ensureUser(telegramId: string, fields: { username?: string | null } = {}): Promise<User> {
    const repository = this.transactions.manager.getRepository(User);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const existing = await repository.findOneBy({ telegramId });
      if (existing) return existing;
      const created = await this.users.createWithWalletAndStats(telegramId, fields.username ?? null, generateReferralCode());
      if (created !== undefined) return repository.findOneByOrFail({ id: created });
    }
    throw new Error(`could not create user ${telegramId}: referral codes kept colliding`);
  }

  /** The user with this Telegram id, or null; a malformed id is BAD_USER_INPUT. The bot asks often: one prepared statement. */
  async findByTelegramId(telegramId: string): Promise<User | null> {
    parseTelegramId(telegramId);
    return (await this.users.findByTelegramId(telegramId)) ?? null;
  }

  findOne(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id: parseId(id) });
  }

  findAll(args: ListArgsShape<UserFilter>): Promise<User[]> {
    return list.rows(this.query(), args);
  }

  /** Unfiltered, from the reports' rollups (`ReportingService.totals`: exact, and flat in the number of users); otherwise counted. */
  count(args: ListArgsShape<UserFilter>): Promise<number> {
    return list.count(this.query(), args, async () => (await this.reporting.totals()).users);
  }

  private query() {
    return this.dataSource.getRepository(User).createQueryBuilder('u');
  }

  referralLink(user: User): string | null {
    return referralLink(this.config.BOT_USERNAME, user.referralCode);
  }
}
