import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ReportMaintenanceService } from './report-maintenance.service.js';

/** How often the payments are folded into the rollups: a report's tail is about this long. */
export const FOLD_INTERVAL_MS = 1000;

/**
 * Every second: moves the payments made before the horizon from the reports' tail into the
 * rollups (ReportMaintenanceService.foldPayments). Runs on every process with jobs; the folds
 * take turns on the position's row, and one that finds nothing new does nothing.
 */
@Injectable()
export class ReportFoldJob {
  private readonly logger = new Logger(ReportFoldJob.name);
  private running = false;

  constructor(@Inject(ReportMaintenanceService) private readonly maintenance: ReportMaintenanceService) {}

  @Interval(FOLD_INTERVAL_MS)
  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.maintenance.foldPayments();
    } catch (error) {
      this.logger.error(`Folding the payments into the reports failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
