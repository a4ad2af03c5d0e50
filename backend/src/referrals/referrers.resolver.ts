import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { ListMetadata } from '../common/graphql/list.js';
import { ReferrerListArgs } from './dto/referrer-filter.input.js';
import { Referrer } from './referrer.model.js';
import { ReferrersService } from './referrers.service.js';

/** The admin panel's Referrer resource (react-admin convention), read from the stats counters. */
@Resolver(() => Referrer)
@AdminOnly()
export class ReferrersResolver {
  constructor(@Inject(ReferrersService) private readonly referrers: ReferrersService) {}

  @Query(() => Referrer, { name: 'Referrer', nullable: true, description: 'By user id; null when the user has no direct referral' })
  referrer(@Args('id', { type: () => ID }) id: string) {
    return this.referrers.findOne(id);
  }

  @Query(() => [Referrer])
  allReferrers(@Args() args: ReferrerListArgs) {
    return this.referrers.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allReferrersMeta(@Args() args: ReferrerListArgs): Promise<ListMetadata> {
    return { count: await this.referrers.count(args) };
  }
}
