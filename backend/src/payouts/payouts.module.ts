import { Module } from '@nestjs/common';
import { WithdrawalsModule } from '../withdrawals/withdrawals.module.js';
import { PayoutEventsResolver } from './payout-events.resolver.js';
import { PayoutWebhooksController } from './payout-webhooks.controller.js';
import { PayoutsRepository } from './payouts.repository.js';
import { PayoutsResolver } from './payouts.resolver.js';
import { PayoutsService } from './payouts.service.js';
import { RazorpayXClient } from './razorpayx.client.js';

/** Payouts of approved withdrawals: RazorpayX (send, webhooks, status check) or the bulk upload file. */
@Module({
  imports: [WithdrawalsModule],
  controllers: [PayoutWebhooksController],
  providers: [PayoutsRepository, PayoutsService, PayoutsResolver, PayoutEventsResolver, RazorpayXClient],
  exports: [PayoutsService],
})
export class PayoutsModule {}
