import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { Commission } from '../../commissions/commission.entity.js';
import { ReferralStatsRow } from '../../referrals/referral-stats.entity.js';
import { User } from '../../users/user.entity.js';
import { BALANCES_AFTER } from '../../wallets/wallets.repository.js';
import { toWithdrawalRisk, WITHDRAWAL_RISK_SQL, type WithdrawalRisk, type WithdrawalRiskRow } from '../../withdrawals/withdrawal-risk.js';

/** Per-request batch loaders, so a list's field resolvers cost one query, not one per row. */
export class Loaders {
  readonly users: DataLoader<number, User | null>;
  readonly commissionsByOrder: DataLoader<number, Commission[]>;
  /** referral_stats rows by user id (null when a user has none). */
  readonly referralStats: DataLoader<number, ReferralStatsRow | null>;
  /** The risk summary of withdrawals by id: one statement for a page of the queue. */
  readonly withdrawalRisk: DataLoader<number, WithdrawalRisk | null>;
  /** The wallet balance after each ledger entry, by entry id: one statement per page. */
  readonly balanceAfter: DataLoader<number, number | null>;

  constructor(dataSource: DataSource) {
    this.users = new DataLoader(async (ids) => {
      const rows = await dataSource.getRepository(User).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [Number(row.id), row]));
      return ids.map((id) => byId.get(Number(id)) ?? null);
    });
    this.commissionsByOrder = new DataLoader(async (orderIds) => {
      const rows = await dataSource.getRepository(Commission).find({ where: { orderId: In([...orderIds]) }, order: { level: 'ASC' } });
      return orderIds.map((orderId) => rows.filter((row) => Number(row.orderId) === Number(orderId)));
    });
    this.referralStats = new DataLoader(async (userIds) => {
      const rows = await dataSource.getRepository(ReferralStatsRow).findBy({ userId: In([...userIds]) });
      const byUser = new Map(rows.map((row) => [Number(row.userId), row]));
      return userIds.map((userId) => byUser.get(Number(userId)) ?? null);
    });
    this.withdrawalRisk = new DataLoader(async (withdrawalIds) => {
      const rows = await dataSource.query<WithdrawalRiskRow[]>(WITHDRAWAL_RISK_SQL, [withdrawalIds.map(Number)]);
      const byId = new Map(rows.map((row) => [Number(row.id), toWithdrawalRisk(row)]));
      return withdrawalIds.map((id) => byId.get(Number(id)) ?? null);
    });
    this.balanceAfter = new DataLoader(async (entryIds) => {
      const rows = await dataSource.query<{ id: number; balance: number }[]>(BALANCES_AFTER.text, [entryIds.map(Number)]);
      const byId = new Map(rows.map((row) => [Number(row.id), Number(row.balance)]));
      return entryIds.map((id) => byId.get(Number(id)) ?? null);
    });
  }
}

export interface GraphQLContext {
  req: import('express').Request;
  res: import('express').Response;
  loaders: Loaders;
}
