import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { JobFailureLog } from '../observability/job-failure-log.js';
import { MetricsService } from '../observability/metrics.service.js';
import { PayoutsService } from './payouts.service.js';

const JOB = 'payout-status';

/** Every ten minutes: payouts PROCESSING for over an hour are asked about (a missed webhook must not strand money). */
@Injectable()
export class PayoutStatusJob {
  private readonly logger = new Logger(PayoutStatusJob.name);
  private readonly failures = new JobFailureLog(this.logger, 'Payout status check');

  constructor(
    @Inject(PayoutsService) private readonly payouts: PayoutsService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    metrics.declareJob(JOB);
  }

  @Cron(CronExpression.EVERY_10_MINUTES, { name: JOB })
  async run(): Promise<void> {
    try {
      // skipped: no RazorpayX here, or another instance holds the check's lock
      const result = await this.metrics.job(JOB, () => this.payouts.checkProcessing(), (outcome) => outcome.checked);
      this.failures.succeeded();
      if (result.checked) this.logger.log(`Payout status check: ${result.checked} checked, ${result.changed} changed`);
    } catch (error) {
      this.failures.failed(error);
    }
  }
}
