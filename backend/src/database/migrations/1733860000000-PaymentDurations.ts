import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment monitoring's median time to pay reads a maintained histogram instead of every paid
 * order created in the period (issue 11: at 1,000,000 users a one-day period held ~6,900 paid
 * orders, whose reading and sorting took 2.4 of the statement's 2.8 ms and grew with the data).
 * Still exact, as the withdrawals' (WithdrawalDurations migration):
 *
 * - `payment_duration_bucket(paid_at, created_at)`: the duration's bucket, 50 per decade of
 *   seconds (each ~4.7% wide), monotonic in the duration.
 * - `report_payment_durations (hour, bucket)`, the count in the key's index too (a period's
 *   rows read by an index-only scan): how many orders created in that hour of the
 *   reporting time zone (`report_hour(created_at)`) and paid before the fold's position fall in
 *   that bucket. A payment does not write it: the fold moves the payments it folds in, in the
 *   same statement that advances its position (the reports add the payments after it, the
 *   tail, from the orders). Folds take turns, so the table has no shards. An update of a folded
 *   paid order's `paid_at` or `created_at` (never a payment) moves its count by trigger, both
 *   sides read through `report_as_folded`, as the orders' rollup trigger does.
 * - `orders_duration_bucket_idx (bucket, created_at) INCLUDE (paid_at)`, paid orders only: the
 *   median finds the bucket holding its rank from the counts, then reads only that bucket's
 *   orders of the period through this index. It is the one thing a payment writes for it (an
 *   index entry; the payment's update is never HOT, as `paid_at` is indexed already).
 *
 * The rebuild and the reconciliation cover the table (reporting.repository.ts); the time zone
 * change rebuilds it with the rest.
 */
export class PaymentDurations1733860000000 implements MigrationInterface {
  name = 'PaymentDurations1733860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // the fold's position held until this commits: a fold of the earlier code meanwhile would move it past payments the table misses
    await queryRunner.query(`SELECT payments_folded_to FROM report_config FOR UPDATE`);
    await queryRunner.query(`
      CREATE FUNCTION payment_duration_bucket(paid_at timestamptz, created_at timestamptz) RETURNS smallint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT floor(50 * log(1 + greatest(extract(epoch FROM paid_at - created_at)::float8, 0)))::smallint $$`);
    await queryRunner.query(`
      CREATE TABLE report_payment_durations (
        hour timestamptz NOT NULL,
        bucket smallint NOT NULL,
        orders integer NOT NULL,
        PRIMARY KEY (hour, bucket) INCLUDE (orders)
      ) WITH (fillfactor = 70)`);
    await queryRunner.query(`
      CREATE INDEX orders_duration_bucket_idx ON orders (payment_duration_bucket(paid_at, created_at), created_at) INCLUDE (paid_at)
      WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION report_payment_durations_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_payment_durations AS r (hour, bucket, orders)
        SELECT hour, bucket, sum(n) FROM (
          SELECT report_hour(o.created_at) AS hour, payment_duration_bucket(o.paid_at, o.created_at) AS bucket, 1 AS n
          FROM report_as_folded(NEW) o WHERE o.paid_at IS NOT NULL
          UNION ALL
          SELECT report_hour(o.created_at), payment_duration_bucket(o.paid_at, o.created_at), -1
          FROM report_as_folded(OLD) o WHERE o.paid_at IS NOT NULL) d
        GROUP BY 1, 2 HAVING sum(n) <> 0
        ORDER BY 1, 2
        ON CONFLICT (hour, bucket) DO UPDATE SET orders = r.orders + excluded.orders;
        RETURN NULL;
      END $$`);
    // a payment (PENDING → PAID) is the fold's; other changes of the times are rare (corrections)
    await queryRunner.query(`
      CREATE TRIGGER report_payment_durations_update AFTER UPDATE OF paid_at, created_at ON orders FOR EACH ROW
      WHEN ((OLD.paid_at IS DISTINCT FROM NEW.paid_at OR OLD.created_at IS DISTINCT FROM NEW.created_at) AND NOT (OLD.status = 'PENDING' AND NEW.status = 'PAID'))
      EXECUTE FUNCTION report_payment_durations_update()`);
    await queryRunner.query(`
      INSERT INTO report_payment_durations (hour, bucket, orders)
      SELECT report_hour(created_at), payment_duration_bucket(paid_at, created_at), count(*) FROM orders
      WHERE paid_at < (SELECT payments_folded_to FROM report_config) GROUP BY 1, 2 ORDER BY 1, 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER report_payment_durations_update ON orders`);
    await queryRunner.query(`DROP FUNCTION report_payment_durations_update()`);
    await queryRunner.query(`DROP INDEX orders_duration_bucket_idx`);
    await queryRunner.query(`DROP TABLE report_payment_durations`);
    await queryRunner.query(`DROP FUNCTION payment_duration_bucket(timestamptz, timestamptz)`);
  }
}
