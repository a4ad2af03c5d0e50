import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The figures as they were when this migration was written (frozen: see reporting/report-figures.ts for today's). */
const FIGURES = `new_users, referred_users, converted_users, converted_referred_users, paid_orders, revenue, profit, commissions,
  refunded_orders, refunded_amount, failed_payments, withdrawals_paid, withdrawals_paid_count, orders_created, created_paid,
  created_failed, created_pending, commissions_pending, commissions_available, withdrawals_open, withdrawals_withdrawn, referrers_last`;
const SUMS = FIGURES.split(',').map((figure) => `sum(${figure.trim()})`).join(', ');

/**
 * Reports read in days where they can (issue 11's speed targets).
 *
 * `report_daily` holds, per day of the reporting time zone (`report_day()`), the sum of that
 * day's compacted hours (`report_hourly` shard 0). Only the compaction and the rebuild write
 * shard 0 and they add to `report_daily` in the same statement, so at every moment a whole day
 * is its `report_daily` row plus its hours' unfolded shards (few: the last hour or two, found
 * through `report_hourly_unfolded_idx`). A year's report reads ~365 rows instead of ~8,760.
 *
 * `report_set_time_zone(zone)` redefines `report_hour` and `report_day` for REPORTING_TIME_ZONE
 * (the app calls it, then rebuilds, when the variable changes).
 *
 * The median time to pay (payment monitoring) and the withdrawal percentiles (KPIs) read the
 * period's rows from covering indexes (index-only scans): `orders (created_at) INCLUDE (paid_at)`
 * replaces `orders (created_at)`, `withdrawals (paid_at) INCLUDE (created_at)` replaces
 * `withdrawals (paid_at)`; the index count on orders stays the same, so a payment writes no more.
 */
export class ReportingDaily1733720000000 implements MigrationInterface {
  name = 'ReportingDaily1733720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION report_set_time_zone(zone text) RETURNS void LANGUAGE plpgsql AS $body$
      BEGIN
        EXECUTE format($f$CREATE OR REPLACE FUNCTION report_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
                          AS $b$ SELECT date_trunc('hour', at AT TIME ZONE %1$L) AT TIME ZONE %1$L $b$ $f$, zone);
        EXECUTE format($f$CREATE OR REPLACE FUNCTION report_day(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
                          AS $b$ SELECT date_trunc('day', at AT TIME ZONE %1$L) AT TIME ZONE %1$L $b$ $f$, zone);
        UPDATE report_config SET time_zone = zone;
      END $body$`);
    await queryRunner.query(`SELECT report_set_time_zone(time_zone) FROM report_config`);
    await queryRunner.query(`
      CREATE TABLE report_daily (
        day timestamptz PRIMARY KEY,
        ${FIGURES.split(',').map((figure) => `${figure.trim()} bigint NOT NULL DEFAULT 0`).join(',\n        ')}
      )`);
    await queryRunner.query(`INSERT INTO report_daily (day, ${FIGURES}) SELECT report_day(bucket), ${SUMS} FROM report_hourly WHERE shard = 0 GROUP BY 1`);
    await queryRunner.query(`CREATE INDEX report_hourly_unfolded_idx ON report_hourly (bucket) WHERE shard <> 0`);
    await queryRunner.query(`DROP INDEX orders_created_at_idx`);
    await queryRunner.query(`CREATE INDEX orders_created_at_idx ON orders (created_at) INCLUDE (paid_at)`);
    await queryRunner.query(`DROP INDEX withdrawals_paid_at_idx`);
    await queryRunner.query(`CREATE INDEX withdrawals_paid_at_idx ON withdrawals (paid_at) INCLUDE (created_at) WHERE paid_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX withdrawals_paid_at_idx`);
    await queryRunner.query(`CREATE INDEX withdrawals_paid_at_idx ON withdrawals (paid_at) WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`DROP INDEX orders_created_at_idx`);
    await queryRunner.query(`CREATE INDEX orders_created_at_idx ON orders (created_at)`);
    await queryRunner.query(`DROP INDEX report_hourly_unfolded_idx`);
    await queryRunner.query(`DROP TABLE report_daily`);
    await queryRunner.query(`DROP FUNCTION report_day(timestamptz)`);
    await queryRunner.query(`DROP FUNCTION report_set_time_zone(text)`);
  }
}
