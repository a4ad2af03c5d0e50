import { Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CommissionLoaders, commissionLoaders } from './commissions/commissions.loaders.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { ReferralsRepository } from './referrals/referrals.repository.js';
import { type ReferralLoaders, referralLoaders } from './referrals/referrals.loaders.js';
import { type UserLoaders, userLoaders } from './users/users.loaders.js';
import { UsersModule } from './users/users.module.js';
import { UsersRepository } from './users/users.repository.js';
import { WalletBalanceRepository } from './wallets/wallet-balance.repository.js';
import { type WalletLoaders, walletLoaders } from './wallets/wallets.loaders.js';
import { WithdrawalRiskRepository } from './withdrawals/withdrawal-risk.repository.js';
import { type WithdrawalLoaders, withdrawalLoaders } from './withdrawals/withdrawals.loaders.js';
import { WalletsModule } from './wallets/wallets.module.js';
import { WithdrawalsModule } from './withdrawals/withdrawals.module.js';

/** Every domain's batch loaders: what a request's GraphQL context carries as `loaders`. */
export type Loaders = UserLoaders & ReferralLoaders & CommissionLoaders & WithdrawalLoaders & WalletLoaders;

/** Builds a fresh set of loaders for each request from the domains' repositories. */
@Injectable()
export class GraphQLLoaders {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ReferralsRepository) private readonly referrals: ReferralsRepository,
    @Inject(WithdrawalRiskRepository) private readonly withdrawalRisks: WithdrawalRiskRepository,
    @Inject(WalletBalanceRepository) private readonly walletBalances: WalletBalanceRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  forRequest(): Loaders {
    return {
      ...userLoaders(this.users),
      ...referralLoaders(this.referrals),
      ...commissionLoaders(this.dataSource),
      ...withdrawalLoaders(this.withdrawalRisks),
      ...walletLoaders(this.walletBalances),
    };
  }
}

/** Imported by the GraphQL module's factory, which asks it for each request's loaders. */
@Module({
  imports: [UsersModule, ReferralsModule, WithdrawalsModule, WalletsModule],
  providers: [GraphQLLoaders],
  exports: [GraphQLLoaders],
})
export class GraphQLLoadersModule {}
