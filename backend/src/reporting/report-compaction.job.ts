import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { ReportMaintenanceService } from './report-maintenance.service.js';

/** Every 10 minutes: each writing session leaves about one row per hour behind; fold them soon. */
const COMPACTION_SCHEDULE = '0 */10 * * * *';

@Injectable()
export class ReportCompactionJob {
  private readonly logger = new Logger(ReportCompactionJob.name);

  constructor(@Inject(ReportMaintenanceService) private readonly maintenance: ReportMaintenanceService) {}

  @Cron(COMPACTION_SCHEDULE)
  async run(): Promise<void> {
    try {
      await this.maintenance.compact();
    } catch (error) {
      this.logger.error(`Report compaction failed: ${(error as Error).message}`);
    }
  }
}
