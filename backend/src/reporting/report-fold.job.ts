import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobFailureLog } from '../observability/job-failure-log.js';
import { MetricsService } from '../observability/metrics.service.js';
import { ReportMaintenanceService } from './report-maintenance.service.js';

/** How often the payments are folded into the rollups: a report's tail is about this long. */
export const FOLD_INTERVAL_MS = 1000;

/** A fold this far behind is logged (once a minute): reports still count everything, but read a longer tail. */
export const FOLD_LAG_WARNING_MS = 60_000;

const JOB = 'report-fold';

/**
 * Every second: moves the payments made before the horizon from the reports' tail into the
 * rollups (ReportMaintenanceService.foldPayments). Runs on every process with jobs; the folds
 * take turns on the position's row, and one that finds nothing new does nothing. A transaction
 * left open holds the horizon, and so the fold, back: that is logged. Failures (a database
 * outage) are logged once, then once a minute while they last, and the recovery once.
 */
@Injectable()
export class ReportFoldJob {
  private readonly logger = new Logger(ReportFoldJob.name);
  private readonly failures = new JobFailureLog(this.logger, 'Folding the payments into the reports');
  private running = false;
  private warnedAt = 0;

  constructor(
    @Inject(ReportMaintenanceService) private readonly maintenance: ReportMaintenanceService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    metrics.declareJob(JOB);
  }

  @Interval(FOLD_INTERVAL_MS)
  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { foldedTo } = await this.metrics.job(JOB, () => this.maintenance.foldPayments(), (result) => result.payments);
      this.failures.succeeded();
      const behind = Date.now() - foldedTo.getTime();
      if (behind > FOLD_LAG_WARNING_MS && Date.now() - this.warnedAt > FOLD_LAG_WARNING_MS) {
        this.warnedAt = Date.now();
        this.logger.warn(
          `The reports' fold is ${Math.round(behind / 1000)} s behind: a database transaction open since ${foldedTo.toISOString()} holds it back (reports stay exact, but read the payments since then from the orders)`,
        );
      }
    } catch (error) {
      this.failures.failed(error);
    } finally {
      this.running = false;
    }
  }
}
