import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { MetricsService } from '../observability/metrics.service.js';
import { CommissionsService } from './commissions.service.js';

/** Hourly, as the seed's job did: a commission waits at most an hour past its hold. */
export const RELEASE_SCHEDULE = CronExpression.EVERY_HOUR;

@Injectable()
export class CommissionReleaseJob {
  constructor(
    @Inject(CommissionsService) private readonly commissions: CommissionsService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    metrics.declareJob('release-commissions');
  }

  @Cron(RELEASE_SCHEDULE, { name: 'release-commissions' })
  run() {
    return this.metrics.job('release-commissions', () => this.commissions.releaseMatured(), (result) => result.released);
  }
}
