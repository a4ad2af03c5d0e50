import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, BotOnly, BotOrAdmin, SuperAdminOnly } from '../common/auth/access.decorator.js';
import { ListMetadata } from '../common/graphql/list.js';
import { FIELD_COSTS } from '../common/graphql/query-limits.js';
import type { UserLoaders } from '../users/users.loaders.js';
import { User } from '../users/user.entity.js';
import { ReferralListArgs } from './dto/referral-filter.input.js';
import { ReferralTreeArgs } from './dto/referral-tree.args.js';
import { RegisterUserInput } from './dto/register-user.input.js';
import { Referral } from './referral.entity.js';
import { ReferralStats, ReferralStatsRebuild } from './referral-stats.model.js';
import { ReferralTreeNode } from './referral-tree.model.js';
import { MAX_TREE_NODES, ReferralsService } from './referrals.service.js';
import { RegistrationService } from './registration.service.js';

/** The bot's registration and referral reads, and the admin panel's Referral resource. */
@Resolver(() => Referral)
@AdminOnly()
export class ReferralsResolver {
  constructor(
    @Inject(RegistrationService) private readonly registration: RegistrationService,
    @Inject(ReferralsService) private readonly referrals: ReferralsService,
  ) {}

  @Mutation(() => User, { description: 'The bot’s /start. The same telegramId again returns that user with names refreshed, attribution unchanged' })
  @BotOnly()
  registerUser(@Args('input') input: RegisterUserInput) {
    return this.registration.register(input);
  }

  @Query(() => ReferralStats, { description: 'NOT_FOUND for a Telegram id the bot never registered' })
  @BotOrAdmin()
  referralStats(@Args('telegramId') telegramId: string) {
    return this.referrals.statsFor(telegramId);
  }

  @Query(() => ReferralTreeNode, {
    // Up to MAX_TREE_NODES users, built before its selection is read.
    complexity: MAX_TREE_NODES,
    description: `The user and their referrals down to \`depth\` levels, at most ${MAX_TREE_NODES} nodes (the deepest level is cut first); NOT_FOUND for an unknown Telegram id`,
  })
  @BotOrAdmin()
  referralTree(@Args() args: ReferralTreeArgs) {
    return this.referrals.tree(args);
  }

  @Mutation(() => ReferralStatsRebuild, { complexity: FIELD_COSTS.wholeDatabase, description: 'Recomputes referral_stats from the source tables, fixing and reporting any drift' })
  @SuperAdminOnly()
  rebuildReferralStats() {
    return this.referrals.rebuildStats();
  }

  @Query(() => Referral, { name: 'Referral', nullable: true })
  referral(@Args('id', { type: () => ID }) id: string) {
    return this.referrals.findReferral(id);
  }

  @Query(() => [Referral])
  allReferrals(@Args() args: ReferralListArgs) {
    return this.referrals.findReferrals(args);
  }

  @Query(() => ListMetadata)
  async _allReferralsMeta(@Args() args: ReferralListArgs): Promise<ListMetadata> {
    return { count: await this.referrals.countReferrals(args) };
  }

  @ResolveField(() => User)
  referrer(@Parent() referral: Referral, @Context('loaders') loaders: UserLoaders) {
    return loaders.users.load(referral.referrerId);
  }

  @ResolveField(() => User)
  referred(@Parent() referral: Referral, @Context('loaders') loaders: UserLoaders) {
    return loaders.users.load(referral.referredId);
  }

  @ResolveField(() => Boolean, { description: 'The referred user’s first order has been paid' })
  converted(@Parent() referral: Referral): boolean {
    return referral.convertedAt !== null;
  }
}
