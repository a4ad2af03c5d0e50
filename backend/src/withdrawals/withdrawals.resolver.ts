import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, BotOrAdmin, BotOnly } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { ListMetadata } from '../common/graphql/list.js';
import type { UserLoaders } from '../users/users.loaders.js';
import type { WithdrawalLoaders } from './withdrawals.loaders.js';
import { User } from '../users/user.entity.js';
import { MarkWithdrawalPaidArgs, RejectWithdrawalArgs, RequestWithdrawalInput, WithdrawalListArgs } from './dto/withdrawal.inputs.js';
import { Withdrawal } from './withdrawal.entity.js';
import { WithdrawalRisk } from './withdrawal-risk.js';
import { WithdrawalsService } from './withdrawals.service.js';

@Resolver(() => Withdrawal)
@AdminOnly()
export class WithdrawalsResolver {
  constructor(@Inject(WithdrawalsService) private readonly withdrawals: WithdrawalsService) {}

  @Mutation(() => Withdrawal, { description: 'Moves the amount available → locked until an admin pays or rejects it' })
  @BotOnly()
  requestWithdrawal(@Args('input') input: RequestWithdrawalInput) {
    return this.withdrawals.request(input);
  }

  @Mutation(() => Withdrawal, { description: 'PENDING → APPROVED' })
  approveWithdrawal(@Args('id', { type: () => ID }) id: string, @CurrentAdmin() admin: AdminPrincipal) {
    return this.withdrawals.approve(id, admin);
  }

  @Mutation(() => Withdrawal, { description: 'PENDING or APPROVED → REJECTED; the money returns locked → available' })
  rejectWithdrawal(@Args() { id, reason }: RejectWithdrawalArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.withdrawals.reject(id, reason, admin);
  }

  @Mutation(() => Withdrawal, { description: 'APPROVED → PAID; the money leaves locked → withdrawn' })
  markWithdrawalPaid(@Args() { id, payoutReference }: MarkWithdrawalPaidArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.withdrawals.markPaid(id, payoutReference, admin);
  }

  @Query(() => Withdrawal, { name: 'Withdrawal', nullable: true })
  withdrawal(@Args('id', { type: () => ID }) id: string) {
    return this.withdrawals.findOne(id);
  }

  @Query(() => [Withdrawal])
  allWithdrawals(@Args() args: WithdrawalListArgs) {
    return this.withdrawals.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allWithdrawalsMeta(@Args() args: WithdrawalListArgs): Promise<ListMetadata> {
    return { count: await this.withdrawals.count(args) };
  }

  @ResolveField(() => WithdrawalRisk, { nullable: true, description: "The requester's risk at a glance (admins only); one query per page" })
  risk(@Parent() withdrawal: Withdrawal, @Context('loaders') loaders: WithdrawalLoaders) {
    return loaders.withdrawalRisk.load(Number(withdrawal.id));
  }

  @ResolveField(() => User)
  @BotOrAdmin()
  user(@Parent() withdrawal: Withdrawal, @Context('loaders') loaders: UserLoaders) {
    return loaders.users.load(withdrawal.userId);
  }
}
