import { Inject } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { parseId } from '../common/graphql/ids.js';
import { ListMetadata } from '../common/graphql/list.js';
import { Withdrawal } from '../withdrawals/withdrawal.entity.js';
import { WithdrawalsService } from '../withdrawals/withdrawals.service.js';
import { PayoutEventListArgs } from './dto/payout-event.inputs.js';
import { PayoutEvent } from './payout-event.entity.js';
import { PayoutsService } from './payouts.service.js';

/** The PayoutEvent admin resource (react-admin convention): every payout event received or read. */
@Resolver(() => PayoutEvent)
@AdminOnly()
export class PayoutEventsResolver {
  constructor(
    @Inject(PayoutsService) private readonly payouts: PayoutsService,
    @Inject(WithdrawalsService) private readonly withdrawals: WithdrawalsService,
  ) {}

  @Query(() => PayoutEvent, { name: 'PayoutEvent', nullable: true })
  payoutEvent(@Args('id', { type: () => ID }) id: string) {
    return this.payouts.findEvent(parseId(id));
  }

  @Query(() => [PayoutEvent])
  allPayoutEvents(@Args() args: PayoutEventListArgs) {
    return this.payouts.findEvents(args);
  }

  @Query(() => ListMetadata)
  async _allPayoutEventsMeta(@Args() args: PayoutEventListArgs): Promise<ListMetadata> {
    return { count: await this.payouts.countEvents(args) };
  }

  @ResolveField(() => Withdrawal, { nullable: true })
  withdrawal(@Parent() event: PayoutEvent) {
    return event.withdrawalId === null ? null : this.withdrawals.findOne(String(event.withdrawalId));
  }
}
