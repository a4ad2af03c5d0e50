import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { PayoutsService } from './payouts.service.js';

/** Every ten minutes: payouts PROCESSING for over an hour are asked about (a missed webhook must not strand money). */
@Injectable()
export class PayoutStatusJob {
  private readonly logger = new Logger(PayoutStatusJob.name);

  constructor(@Inject(PayoutsService) private readonly payouts: PayoutsService) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'payout-status' })
  async run(): Promise<void> {
    try {
      const result = await this.payouts.checkProcessing();
      if (result.checked) this.logger.log(`Payout status check: ${result.checked} checked, ${result.changed} changed`);
    } catch (error) {
      this.logger.error(`Payout status check failed: ${(error as Error).message}`);
    }
  }
}
