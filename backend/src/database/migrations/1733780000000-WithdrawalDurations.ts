import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KPIs' withdrawal median and p90 (request → paid, in hours) read a maintained histogram
 * instead of every withdrawal paid in the period (issue 11: at 1,000,000 users a 30-day period
 * held 64,564 paid withdrawals, ~55 of the 64 ms of a `kpis` call). Still exact:
 *
 * - `withdrawal_duration_bucket(paid_at, created_at)`: the duration's bucket, 50 per decade of
 *   seconds (each ~4.7% wide), monotonic in the duration, so the buckets' order is the values'.
 * - `report_withdrawal_durations (day, bucket, shard)`: how many withdrawals paid on that day of
 *   the reporting time zone (`report_day(paid_at)`) fall in that bucket. Kept by statement-level
 *   triggers on withdrawals; each writing session adds to its own shard (`report_shard()`, as
 *   `report_hourly` does), so two transactions never wait on one histogram row; the compaction
 *   folds closed days' shards into shard 0 in one statement.
 * - `withdrawals_duration_bucket_idx (bucket, paid_at) INCLUDE (created_at)`: a percentile finds
 *   the bucket holding its rank from the counts, then reads only that bucket's withdrawals of
 *   the period, in order, through this index.
 *
 * The rebuild and the reconciliation cover the table (reporting.repository.ts).
 */
export class WithdrawalDurations1733780000000 implements MigrationInterface {
  name = 'WithdrawalDurations1733780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION withdrawal_duration_bucket(paid_at timestamptz, created_at timestamptz) RETURNS smallint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT floor(50 * log(1 + greatest(extract(epoch FROM paid_at - created_at)::float8, 0)))::smallint $$`);
    await queryRunner.query(`
      CREATE TABLE report_withdrawal_durations (
        day timestamptz NOT NULL,
        bucket smallint NOT NULL,
        shard smallint NOT NULL,
        withdrawals integer NOT NULL,
        PRIMARY KEY (day, bucket, shard)
      ) WITH (fillfactor = 70)`);
    await queryRunner.query(`
      CREATE INDEX withdrawals_duration_bucket_idx ON withdrawals (withdrawal_duration_bucket(paid_at, created_at), paid_at) INCLUDE (created_at)
      WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION report_withdrawal_durations_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_withdrawal_durations AS r (day, bucket, shard, withdrawals)
        SELECT day, bucket, report_shard(), n FROM (
          SELECT report_day(paid_at) AS day, withdrawal_duration_bucket(paid_at, created_at) AS bucket, count(*)::int AS n
          FROM new_rows WHERE paid_at IS NOT NULL GROUP BY 1, 2) d
        ORDER BY day, bucket
        ON CONFLICT (day, bucket, shard) DO UPDATE SET withdrawals = r.withdrawals + excluded.withdrawals;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION report_withdrawal_durations_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_withdrawal_durations AS r (day, bucket, shard, withdrawals)
        SELECT day, bucket, report_shard(), n FROM (
          SELECT day, bucket, sum(n)::int AS n FROM (
            SELECT report_day(paid_at) AS day, withdrawal_duration_bucket(paid_at, created_at) AS bucket, 1 AS n FROM new_rows WHERE paid_at IS NOT NULL
            UNION ALL
            SELECT report_day(paid_at), withdrawal_duration_bucket(paid_at, created_at), -1 FROM old_rows WHERE paid_at IS NOT NULL) c
          GROUP BY 1, 2 HAVING sum(n) <> 0) d
        ORDER BY day, bucket
        ON CONFLICT (day, bucket, shard) DO UPDATE SET withdrawals = r.withdrawals + excluded.withdrawals;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER report_withdrawal_durations_insert AFTER INSERT ON withdrawals REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_withdrawal_durations_insert()`);
    await queryRunner.query(`
      CREATE TRIGGER report_withdrawal_durations_update AFTER UPDATE ON withdrawals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_withdrawal_durations_update()`);
    await queryRunner.query(`
      INSERT INTO report_withdrawal_durations (day, bucket, shard, withdrawals)
      SELECT report_day(paid_at), withdrawal_duration_bucket(paid_at, created_at), 0, count(*) FROM withdrawals WHERE paid_at IS NOT NULL GROUP BY 1, 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER report_withdrawal_durations_update ON withdrawals`);
    await queryRunner.query(`DROP TRIGGER report_withdrawal_durations_insert ON withdrawals`);
    await queryRunner.query(`DROP FUNCTION report_withdrawal_durations_update()`);
    await queryRunner.query(`DROP FUNCTION report_withdrawal_durations_insert()`);
    await queryRunner.query(`DROP INDEX withdrawals_duration_bucket_idx`);
    await queryRunner.query(`DROP TABLE report_withdrawal_durations`);
    await queryRunner.query(`DROP FUNCTION withdrawal_duration_bucket(timestamptz, timestamptz)`);
  }
}
