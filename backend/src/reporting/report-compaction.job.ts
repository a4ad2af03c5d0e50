import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobFailureLog } from '../observability/job-failure-log.js';
import { MetricsService } from '../observability/metrics.service.js';
import { ReportMaintenanceService } from './report-maintenance.service.js';

/** Every 10 minutes: each writing session leaves about one row per hour behind; fold them soon. */
const COMPACTION_SCHEDULE = '0 */10 * * * *';

const JOB = 'report-compaction';

@Injectable()
export class ReportCompactionJob {
  private readonly failures = new JobFailureLog(new Logger(ReportCompactionJob.name), 'Report compaction');

  constructor(
    @Inject(ReportMaintenanceService) private readonly maintenance: ReportMaintenanceService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    metrics.declareJob(JOB);
  }

  @Cron(COMPACTION_SCHEDULE)
  async run(): Promise<void> {
    try {
      await this.metrics.job(JOB, async () => ({ rows: await this.maintenance.compact() }), (result) => result.rows);
      this.failures.succeeded();
    } catch (error) {
      this.failures.failed(error);
    }
  }
}
