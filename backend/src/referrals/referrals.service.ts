import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommonException } from '../common/errors/domain.exception.js';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { TransactionService } from '../database/transaction.service.js';
import type { ReferralFilter } from './dto/referral-filter.input.js';
import { DEFAULT_CHILDREN_PER_PAGE, DEFAULT_TREE_DEPTH, type ReferralTreeArgs } from './dto/referral-tree.args.js';
import { Referral } from './referral.entity.js';
import { DRIFT_DETAIL_LIMIT, ReferralStats, type ReferralStatsDrift, type ReferralStatsRebuild } from './referral-stats.model.js';
import { ReferralTreeNode } from './referral-tree.model.js';
import { ReferralsRepository, STATS_COUNTERS, type StatsCounter } from './referrals.repository.js';

/** A tree answer never holds more nodes than this; the deepest levels are cut first. */
export const MAX_TREE_NODES = 500;

const COUNTER_FIELDS: Record<StatsCounter, string> = {
  direct_referrals: 'directReferrals',
  level2_referrals: 'level2Referrals',
  clicks: 'clicks',
  conversions: 'conversions',
  level1_earned: 'level1Earned',
  level2_earned: 'level2Earned',
};

const referralList = new ListQuery<ReferralFilter>({
  sortable: { id: 'r.id', createdAt: 'r.created_at', convertedAt: 'r.converted_at', referrerId: 'r.referrer_id', referredId: 'r.referred_id' },
  defaultSort: { field: 'createdAt', order: 'DESC' },
  tieBreaker: 'r.id',
  applyFilter: (query, filter) => {
    if (filter.q?.trim()) query.andWhere('r.code_used ILIKE :q', { q: likePattern(filter.q) });
    if (filter.referrerId) query.andWhere('r.referrer_id = :referrerId', { referrerId: filter.referrerId });
    if (filter.referredId) query.andWhere('r.referred_id = :referredId', { referredId: filter.referredId });
    if (filter.converted !== undefined && filter.converted !== null) {
      query.andWhere(filter.converted ? 'r.converted_at IS NOT NULL' : 'r.converted_at IS NULL');
    }
  },
});

/** Attributions after registration: the stats and tree the bot shows, the Referral list, and the stats rebuild. */
@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(ReferralsRepository) private readonly referrals: ReferralsRepository,
  ) {}

  /** A user's counters, read from their stats row; NOT_FOUND for an unknown Telegram id. */
  async statsFor(telegramId: string): Promise<ReferralStats> {
    parseTelegramId(telegramId);
    const row = await this.referrals.statsByTelegramId(telegramId);
    if (!row) throw CommonException.notFound('User with Telegram id', telegramId);
    return ReferralStats.from(row);
  }

  /** The user and `depth` levels of their referrals, each node with at most a page of children. */
  async tree(args: ReferralTreeArgs): Promise<ReferralTreeNode> {
    parseTelegramId(args.telegramId);
    const depth = args.depth ?? DEFAULT_TREE_DEPTH;
    const perPage = args.childrenPerPage ?? DEFAULT_CHILDREN_PER_PAGE;
    const offset = (args.childrenPage ?? 0) * perPage;
    const rows = await this.referrals.tree(args.telegramId, depth, offset, perPage, MAX_TREE_NODES);
    const nodes = new Map<number, ReferralTreeNode>();
    for (const row of rows) {
      const { user, level, converted, childrenCount } = row;
      nodes.set(Number(user.id), Object.assign(new ReferralTreeNode(), { user, level, converted, childrenCount, children: [] }));
    }
    let root: ReferralTreeNode | undefined;
    for (const row of rows) {
      const node = nodes.get(Number(row.user.id))!;
      if (row.parentId === null) root = node;
      else nodes.get(row.parentId)?.children.push(node);
    }
    if (!root) throw CommonException.notFound('User with Telegram id', args.telegramId);
    for (const node of nodes.values()) node.children.sort(newestFirst);
    return root;
  }

  findReferral(id: string): Promise<Referral | null> {
    return this.dataSource.getRepository(Referral).findOneBy({ id: parseId(id) });
  }

  findReferrals(args: ListArgsShape<ReferralFilter>): Promise<Referral[]> {
    return referralList.rows(this.referralQuery(), args);
  }

  countReferrals(args: ListArgsShape<ReferralFilter>): Promise<number> {
    return referralList.count(this.referralQuery(), args);
  }

  private referralQuery() {
    return this.dataSource.getRepository(Referral).createQueryBuilder('r');
  }

  /**
   * Recomputes every user's referral_stats from the source tables, fixes any row that differs
   * (or is missing) and reports what differed. Writers to referral_stats wait while it runs
   * (an EXCLUSIVE table lock; plain reads go on), so no event slips between the count and the fix.
   */
  async rebuildStats(): Promise<ReferralStatsRebuild> {
    const started = Date.now();
    const result = await this.transactions.run(async () => {
      await this.referrals.lockStatsForRebuild();
      await this.referrals.useRebuildSettings();
      return this.referrals.rebuildStats(DRIFT_DETAIL_LIMIT);
    });
    const drift: ReferralStatsDrift[] = result.details.flatMap((row) => {
      // a missing stats row shows every counter with no cached value
      const differing = row.missing ? STATS_COUNTERS : STATS_COUNTERS.filter((counter) => Number(row[`cached_${counter}`]) !== Number(row[counter]));
      return differing.map((counter) => ({
        userId: row.user_id,
        field: COUNTER_FIELDS[counter],
        cached: row.missing ? null : Number(row[`cached_${counter}`]),
        expected: Number(row[counter]),
      }));
    });
    const durationMs = Date.now() - started;
    if (result.drifted) this.logger.warn(`referral_stats rebuilt: ${result.drifted} of ${result.checked} users had drifted (${durationMs} ms)`);
    else this.logger.log(`referral_stats rebuilt: no drift in ${result.checked} users (${durationMs} ms)`);
    return { checkedUsers: result.checked, driftedUsers: result.drifted, drift, durationMs, checkedAt: new Date() };
  }
}

function newestFirst(a: ReferralTreeNode, b: ReferralTreeNode): number {
  return b.user.createdAt.getTime() - a.user.createdAt.getTime() || Number(b.user.id) - Number(a.user.id);
}
