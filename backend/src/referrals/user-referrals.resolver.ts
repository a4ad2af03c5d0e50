import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BotOrAdmin } from '../common/auth/access.decorator.js';
import { FIELD_COSTS } from '../common/graphql/query-limits.js';
import { User, UserType } from '../users/user.entity.js';
import type { ReferralStatsRow } from './referral-stats.entity.js';
import { ReferralStats } from './referral-stats.model.js';
import type { ReferralLoaders } from './referrals.loaders.js';

/** ADMIN when the user has a role, REFERRER with at least one direct referral, else CUSTOMER. */
export function userType(user: Pick<User, 'role'>, stats: Pick<ReferralStatsRow, 'directReferrals'> | null): UserType {
  if (user.role) return UserType.ADMIN;
  return (stats?.directReferrals ?? 0) > 0 ? UserType.REFERRER : UserType.CUSTOMER;
}

/** A User's referral fields: the users module knows nothing of referrals, so they are resolved here. */
@Resolver(() => User)
@BotOrAdmin()
export class UserReferralsResolver {
  @ResolveField(() => UserType, { complexity: FIELD_COSTS.loaded })
  async type(@Parent() user: User, @Context('loaders') loaders: ReferralLoaders): Promise<UserType> {
    return userType(user, user.role ? null : await loaders.referralStats.load(user.id));
  }

  @ResolveField(() => ReferralStats, { description: 'Referral counters and commissions earned' })
  async stats(@Parent() user: User, @Context('loaders') loaders: ReferralLoaders): Promise<ReferralStats> {
    return ReferralStats.from(await loaders.referralStats.load(user.id));
  }
}
