import { Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CommissionLoaders, commissionLoaders } from './commissions/commissions.loaders.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { ReferralsRepository } from './referrals/referrals.repository.js';
import { type ReferralLoaders, referralLoaders } from './referrals/referrals.loaders.js';
import { type UserLoaders, userLoaders } from './users/users.loaders.js';
import { UsersModule } from './users/users.module.js';
import { UsersRepository } from './users/users.repository.js';
import { WalletsRepository } from './wallets/wallets.repository.js';
import { type WalletLoaders, walletLoaders } from './wallets/wallets.loaders.js';
import { WithdrawalsRepository } from './withdrawals/withdrawals.repository.js';
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
    @Inject(WithdrawalsRepository) private readonly withdrawals: WithdrawalsRepository,
    @Inject(WalletsRepository) private readonly wallets: WalletsRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  forRequest(): Loaders {
    return {
      ...userLoaders(this.users),
      ...referralLoaders(this.referrals),
      ...commissionLoaders(this.dataSource),
      ...withdrawalLoaders(this.withdrawals),
      ...walletLoaders(this.wallets),
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
