import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { ReportDrift } from './dto/report.models.js';
import { FIGURES, sourceFiguresSql } from './report-figures.js';

/** Key of the transaction advisory lock taken by a rebuild (one at a time across processes). */
const REBUILD_LOCK_KEY = 0x07770011;
/** The most drift entries one reconciliation lists (the count is reported in full by the CLI). */
export const MAX_DRIFT_ENTRIES = 500;

const SOURCE_TABLES = 'users, orders, commissions, withdrawals, wallets';

/**
 * Keeps the reporting rollups honest: recomputes them from the source tables and lists any
 * drift, rebuilds them, folds closed hours' shards together, and follows REPORTING_TIME_ZONE.
 */
@Injectable()
export class ReportMaintenanceService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportMaintenanceService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.followTimeZone();
  }

  /**
   * Every figure the reports hold, against the same figure recomputed from the source tables,
   * in one snapshot: per hour bucket, the liabilities against Σ wallets, and the conversion and
   * active-referrer markers. Empty when the reports are exact.
   */
  async reconcile(): Promise<ReportDrift[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const differs = FIGURES.map((figure) => `coalesce(s.${figure}, 0) <> coalesce(r.${figure}, 0)`).join(' OR ');
      const unpivot = FIGURES.map((figure) => `('${figure}', coalesce(s.${figure}, 0), coalesce(r.${figure}, 0))`).join(', ');
      const buckets = await manager.query<ReportDrift[]>(
        `WITH s AS (${sourceFiguresSql()}),
              r AS (SELECT bucket, ${FIGURES.map((figure) => `sum(${figure})::bigint AS ${figure}`).join(', ')} FROM report_hourly GROUP BY bucket)
         SELECT v.figure, coalesce(s.bucket, r.bucket) AS bucket, v.expected::float8 AS expected, v.actual::float8 AS actual
         FROM s FULL JOIN r ON r.bucket = s.bucket
         CROSS JOIN LATERAL (VALUES ${unpivot}) v(figure, expected, actual)
         WHERE (${differs}) AND v.expected <> v.actual
         ORDER BY 2, 1 LIMIT ${MAX_DRIFT_ENTRIES}`,
      );
      const totals = await manager.query<ReportDrift[]>(
        `WITH w AS (SELECT coalesce(sum(pending), 0) AS pending, coalesce(sum(available), 0) AS available, coalesce(sum(locked), 0) AS locked FROM wallets),
              r AS (SELECT coalesce(sum(commissions_pending), 0) AS pending,
                           coalesce(sum(commissions_available - withdrawals_open - withdrawals_withdrawn), 0) AS available,
                           coalesce(sum(withdrawals_open), 0) AS locked FROM report_hourly),
              conv AS (SELECT count(*) AS n FROM (
                         (SELECT DISTINCT user_id FROM orders WHERE paid_at IS NOT NULL EXCEPT SELECT user_id FROM report_converted_users)
                         UNION ALL
                         (SELECT user_id FROM report_converted_users EXCEPT SELECT DISTINCT user_id FROM orders WHERE paid_at IS NOT NULL)) d),
              last AS (SELECT count(*) AS n FROM (
                         (SELECT beneficiary_id, max(created_at) FROM commissions WHERE level = 1 GROUP BY 1 EXCEPT SELECT beneficiary_id, last_at FROM report_referrer_last)
                         UNION ALL
                         (SELECT beneficiary_id, last_at FROM report_referrer_last EXCEPT SELECT beneficiary_id, max(created_at) FROM commissions WHERE level = 1 GROUP BY 1)) d)
         SELECT v.figure, NULL::timestamptz AS bucket, v.expected::float8 AS expected, v.actual::float8 AS actual
         FROM w, r, conv, last
         CROSS JOIN LATERAL (VALUES ('liabilities_pending', w.pending, r.pending), ('liabilities_available', w.available, r.available),
                                    ('liabilities_locked', w.locked, r.locked), ('converted_users_set', 0, conv.n),
                                    ('referrers_last_set', 0, last.n)) v(figure, expected, actual)
         WHERE v.expected <> v.actual`,
      );
      return [...totals, ...buckets];
    });
  }

  /**
   * Recomputes every rollup from the source tables, with writes to them held off meanwhile (so
   * the result is exact), in one transaction.
   */
  async rebuild(): Promise<void> {
    await this.dataSource.transaction((manager) => this.rebuildIn(manager));
  }

  private async rebuildIn(manager: EntityManager): Promise<void> {
    const started = Date.now();
    await manager.query('SELECT pg_advisory_xact_lock($1)', [REBUILD_LOCK_KEY]);
    await manager.query(`LOCK TABLE ${SOURCE_TABLES} IN SHARE MODE`);
    await manager.query('TRUNCATE report_hourly, report_converted_users, report_referrer_last');
    await manager.query(`INSERT INTO report_converted_users (user_id) SELECT DISTINCT user_id FROM orders WHERE paid_at IS NOT NULL`);
    await manager.query(
      `INSERT INTO report_referrer_last (beneficiary_id, last_at) SELECT beneficiary_id, max(created_at) FROM commissions WHERE level = 1 GROUP BY beneficiary_id`,
    );
    await manager.query(`INSERT INTO report_hourly (bucket, shard, ${FIGURES.join(', ')}) SELECT bucket, 0, ${FIGURES.join(', ')} FROM (${sourceFiguresSql()}) s`);
    this.logger.log(`Reports rebuilt from the source tables in ${Date.now() - started} ms`);
  }

  /**
   * Folds the shards of hours that closed more than an hour ago into shard 0, so a report reads
   * about one row per hour. Exact at every moment: the move is one statement.
   */
  async compact(): Promise<number> {
    const result = await this.dataSource.query(
      `WITH moved AS (
         DELETE FROM report_hourly WHERE (bucket, shard) IN (
           -- rows a live transaction is writing are left for the next run: compaction never waits
           -- for a writer, so it cannot deadlock with one
           SELECT bucket, shard FROM report_hourly WHERE shard <> 0 AND bucket < report_hour(now()) - interval '1 hour' FOR UPDATE SKIP LOCKED
         ) RETURNING *
       ), inserted AS (
         INSERT INTO report_hourly AS r (bucket, shard, ${FIGURES.join(', ')})
         SELECT bucket, 0, ${FIGURES.map((figure) => `sum(${figure})`).join(', ')} FROM moved GROUP BY bucket
         ON CONFLICT (bucket, shard) DO UPDATE SET ${FIGURES.map((figure) => `${figure} = r.${figure} + excluded.${figure}`).join(', ')}
       )
       SELECT count(*)::int AS moved FROM moved`,
    );
    return (result as { moved: number }[])[0].moved;
  }

  /**
   * Hour buckets are hours of REPORTING_TIME_ZONE (IST's hours start at :30 UTC). When the
   * variable changes, the bucketing function is redefined and the rollups rebuilt, once, by
   * whichever process starts first.
   */
  async followTimeZone(): Promise<void> {
    const zone = this.config.REPORTING_TIME_ZONE;
    const [current] = await this.dataSource.query<{ time_zone: string }[]>('SELECT time_zone FROM report_config');
    if (current?.time_zone === zone) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [REBUILD_LOCK_KEY]);
      const [again] = await manager.query<{ time_zone: string }[]>('SELECT time_zone FROM report_config FOR UPDATE');
      if (again?.time_zone === zone) return;
      this.logger.warn(`REPORTING_TIME_ZONE changed from ${again?.time_zone} to ${zone}: rebuilding the reports`);
      const literal = zone.replace(/'/g, "''");
      await manager.query(
        `CREATE OR REPLACE FUNCTION report_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
         AS $$ SELECT date_trunc('hour', at AT TIME ZONE '${literal}') AT TIME ZONE '${literal}' $$`,
      );
      await manager.query('UPDATE report_config SET time_zone = $1', [zone]);
      await this.rebuildIn(manager);
    });
  }
}
