import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, BotOrAdmin } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import { actorName, type AdminPrincipal } from '../common/auth/principal.js';
import { parseId } from '../common/graphql/ids.js';
import { ListMetadata } from '../common/graphql/list.js';
import { FIELD_COSTS } from '../common/graphql/query-limits.js';
import type { UserLoaders } from '../users/users.loaders.js';
import { User } from '../users/user.entity.js';
import { Commission } from './commission.entity.js';
import { CommissionsService } from './commissions.service.js';
import { CommissionListArgs } from './dto/commission.inputs.js';

@Resolver(() => Commission)
@AdminOnly()
export class CommissionsResolver {
  constructor(@Inject(CommissionsService) private readonly commissions: CommissionsService) {}

  @Mutation(() => Int, {
    complexity: FIELD_COSTS.wholeDatabase,
    description: 'Releases every PENDING commission whose releaseAt has passed; returns how many. CONFLICT (reason RELEASE_IN_PROGRESS) while another release is running',
  })
  processPendingCommissions(@CurrentAdmin() admin: AdminPrincipal): Promise<number> {
    return this.commissions.releaseMaturedNow(actorName(admin));
  }

  @Query(() => Commission, { name: 'Commission', nullable: true })
  commission(@Args('id', { type: () => ID }) id: string) {
    return this.commissions.findOne(parseId(id));
  }

  @Query(() => [Commission])
  allCommissions(@Args() args: CommissionListArgs) {
    return this.commissions.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allCommissionsMeta(@Args() args: CommissionListArgs): Promise<ListMetadata> {
    return { count: await this.commissions.count(args) };
  }

  @ResolveField(() => User)
  @BotOrAdmin()
  beneficiary(@Parent() commission: Commission, @Context('loaders') loaders: UserLoaders) {
    return loaders.users.load(commission.beneficiaryId);
  }
}
