import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { JobFailureLog } from '../observability/job-failure-log.js';
import { MetricsService } from '../observability/metrics.service.js';
import { OrdersService } from './orders.service.js';

/** Every five minutes: an order expires at most five minutes late, and the pass is one indexed range scan. */
export const ORDER_EXPIRY_SCHEDULE = CronExpression.EVERY_5_MINUTES;

const JOB = 'expire-orders';

@Injectable()
export class OrderExpiryJob {
  private readonly failures = new JobFailureLog(new Logger(OrderExpiryJob.name), 'Order expiry');

  constructor(
    @Inject(OrdersService) private readonly orders: OrdersService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    metrics.declareJob(JOB);
  }

  @Cron(ORDER_EXPIRY_SCHEDULE, { name: JOB })
  async run(): Promise<void> {
    try {
      await this.metrics.job(
        JOB,
        async () => {
          const expired = await this.orders.expireStale();
          // null: another runner held the lock
          return { expired: expired ?? 0, skipped: expired === null };
        },
        (result) => result.expired,
      );
      this.failures.succeeded();
    } catch (error) {
      this.failures.failed(error);
    }
  }
}
