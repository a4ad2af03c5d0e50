import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import type { ReportDrift } from './dto/report.models.js';
import { ReportingRepository } from './reporting.repository.js';

export { MAX_DRIFT_ENTRIES } from './reporting.repository.js';

/**
 * Keeps the reporting rollups honest: recomputes them from the source tables and lists any
 * drift, rebuilds them, folds closed hours' shards together (and into their days), and follows
 * REPORTING_TIME_ZONE.
 */
@Injectable()
export class ReportMaintenanceService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportMaintenanceService.name);

  constructor(
    @Inject(ReportingRepository) private readonly reports: ReportingRepository,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.followTimeZone();
  }

  /**
   * Every figure the reports hold, against the same figure recomputed from the source tables,
   * in one snapshot: per hour bucket, per day (the day rows against their compacted hours), the
   * liabilities against Σ wallets, and the conversion and active-referrer markers. Empty when
   * the reports are exact.
   */
  reconcile(): Promise<ReportDrift[]> {
    return this.reports.reconcile();
  }

  /**
   * Recomputes every rollup from the source tables, with writes to them held off meanwhile (so
   * the result is exact), in one transaction.
   */
  async rebuild(): Promise<void> {
    const started = Date.now();
    await this.transactions.run(() => this.reports.rebuild());
    this.logger.log(`Reports rebuilt from the source tables in ${Date.now() - started} ms`);
  }

  /**
   * Moves the payments made before the horizon (every transaction that started earlier has
   * ended) from the reports' tail into the rollups, so the tail a report reads stays seconds
   * long. Exact at every moment: the move is one statement. Concurrent calls take turns.
   */
  async foldPayments(): Promise<{ foldedTo: Date; payments: number }> {
    return this.transactions.run(() => this.reports.foldPayments());
  }

  /**
   * Folds the shards of hours that closed more than an hour ago into shard 0 (and their day),
   * so a report reads about one row per day. Exact at every moment: the move is one statement.
   */
  compact(): Promise<number> {
    return this.reports.compact();
  }

  /**
   * Hour and day buckets are those of REPORTING_TIME_ZONE (IST's hours start at :30 UTC). When
   * the variable changes, the bucketing functions are redefined and the rollups rebuilt, once,
   * by whichever process starts first.
   */
  async followTimeZone(): Promise<void> {
    const zone = this.config.REPORTING_TIME_ZONE;
    if ((await this.reports.timeZone()) === zone) return;
    await this.transactions.run(async () => {
      const again = await this.reports.lockTimeZone();
      if (again === zone) return;
      this.logger.warn(`REPORTING_TIME_ZONE changed from ${again} to ${zone}: rebuilding the reports`);
      await this.reports.setTimeZone(zone);
      await this.reports.rebuild();
    });
  }
}
