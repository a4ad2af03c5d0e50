import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseId } from '../common/graphql/ids.js';
import { type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { searchUsers } from '../users/user-search.js';
import type { User } from '../users/user.entity.js';
import type { ReferrerFilter } from './dto/referrer-filter.input.js';
import { ReferralStatsRow } from './referral-stats.entity.js';
import { Referrer } from './referrer.model.js';

/** Every sort reads the stats counters joined to users: nothing here scans referrals. */
const list = new ListQuery<ReferrerFilter>({
  sortable: {
    id: 'stats.user_id',
    telegramId: 'u.telegram_id',
    username: 'u.username',
    createdAt: 'u.created_at',
    directReferrals: 'stats.direct_referrals',
    level2Referrals: 'stats.level2_referrals',
    clicks: 'stats.clicks',
    conversions: 'stats.conversions',
    // every row here has direct_referrals > 0
    conversionRate: '(stats.conversions::numeric / stats.direct_referrals)',
    level1Earned: 'stats.level1_earned',
    level2Earned: 'stats.level2_earned',
    totalEarned: '(stats.level1_earned + stats.level2_earned)',
  },
  defaultSort: { field: 'directReferrals', order: 'DESC' },
  tieBreaker: 'stats.user_id',
  idColumn: 'stats.user_id',
  applyFilter: (query, filter) => {
    searchUsers(query, 'u', filter.q);
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.directReferralsGte) query.andWhere('stats.direct_referrals >= :minimum', { minimum: filter.directReferralsGte });
  },
});

/** The admin panel's Referrer resource: one performance row per user with direct referrals. */
@Injectable()
export class ReferrersService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findOne(id: string): Promise<Referrer | null> {
    const row = await this.query().andWhere('stats.user_id = :id', { id: parseId(id) }).getOne();
    return row ? Referrer.from(row as ReferralStatsRow & { user: User }) : null;
  }

  async findAll(args: ListArgsShape<ReferrerFilter>): Promise<Referrer[]> {
    const rows = await list.rows(this.query(), args);
    return rows.map((row) => Referrer.from(row as ReferralStatsRow & { user: User }));
  }

  count(args: ListArgsShape<ReferrerFilter>): Promise<number> {
    return list.count(this.query(), args);
  }

  private query() {
    return this.dataSource
      .getRepository(ReferralStatsRow)
      .createQueryBuilder('stats')
      .innerJoinAndSelect('stats.user', 'u')
      .where('stats.direct_referrals > 0');
  }
}
