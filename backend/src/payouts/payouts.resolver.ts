import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { Withdrawal } from '../withdrawals/withdrawal.entity.js';
import { PayoutsService } from './payouts.service.js';

@Resolver()
@AdminOnly()
export class PayoutsResolver {
  constructor(@Inject(PayoutsService) private readonly payouts: PayoutsService) {}

  @Mutation(() => [Withdrawal], {
    description: 'APPROVED → PROCESSING through the payout provider (PAYOUT_PROVIDER=razorpayx); any other id, or a blocked or flagged user, is a CONFLICT and nothing is sent',
  })
  sendPayouts(@Args('ids', { type: () => [ID] }) ids: string[], @CurrentAdmin() admin: AdminPrincipal) {
    return this.payouts.send(ids, admin);
  }

  @Query(() => String, { description: "CSV of APPROVED withdrawals in RazorpayX's bulk UPI payout layout, for manual upload" })
  payoutFile(@Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.payouts.payoutFile(ids);
  }
}
