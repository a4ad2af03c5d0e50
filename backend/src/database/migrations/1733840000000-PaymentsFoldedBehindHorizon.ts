import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment no longer writes the reports (issue 11: `confirmPayment`'s throughput with report
 * maintenance on). Its statement now writes only the money rows; its figures are derived from
 * its order and commission rows (`paymentDeltasSql` in reporting/report-figures.ts):
 * - `report_config.payments_folded_to`, the fold's position: the payments made before it (by
 *   `orders.paid_at`, the paying transaction's start) are in the rollups and their buyers in
 *   `report_converted_users`; the later ones are the tail, which every reading of the rollups
 *   adds in its own snapshot;
 * - a fold (ReportMaintenanceService.foldPayments, every second where jobs run) moves the
 *   payments before a horizon, a time before which every transaction has ended, from the tail
 *   into the rollups and advances the position, in one statement;
 * - the rebuild sets the position to the horizon and subtracts the tail from the source figures.
 * The payments so far were written into the rollups by their own statements, so the position
 * starts at this migration's time. Already-paid orders inserted directly (the demo seed, the
 * benchmarks) are counted by the insert trigger and, at or after the position, by the tail too:
 * their writers rebuild the reports afterwards, as they did before.
 *
 * `referral_stats.last_level1_commission_at` (ReferrerLastInStats) held each referrer's latest
 * level-1 commission for the payment's `referrers_last` delta; the deltas now read it from the
 * commissions index, so the column goes.
 */
export class PaymentsFoldedBehindHorizon1733840000000 implements MigrationInterface {
  name = 'PaymentsFoldedBehindHorizon1733840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE report_config ADD COLUMN payments_folded_to timestamptz`);
    await queryRunner.query(`UPDATE report_config SET payments_folded_to = now()`);
    await queryRunner.query(`ALTER TABLE report_config ALTER COLUMN payments_folded_to SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE referral_stats DROP COLUMN last_level1_commission_at`);
    await queryRunner.query(AS_FOLDED);
    await queryRunner.query(ORDERS_UPDATE);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ORDERS_UPDATE.replaceAll(FOLDED_NEW_PAID, 'NEW.paid_at IS NOT NULL AND OLD.paid_at IS NULL').replaceAll(FOLDED_NEW, '(SELECT NEW.*) o').replaceAll(FOLDED_OLD, '(SELECT OLD.*) o'));
    await queryRunner.query(`DROP FUNCTION report_as_folded(orders)`);
    await queryRunner.query(`ALTER TABLE referral_stats ADD COLUMN last_level1_commission_at timestamptz`);
    await queryRunner.query(`
      UPDATE referral_stats s SET last_level1_commission_at = c.last_at
      FROM (SELECT beneficiary_id, max(created_at) AS last_at FROM commissions WHERE level = 1 GROUP BY 1) c WHERE c.beneficiary_id = s.user_id`);
    // the tail into the rollups (the earlier code reads no tail), with writes held off meanwhile
    await queryRunner.query(`LOCK TABLE orders, commissions IN SHARE MODE`);
    await queryRunner.query(FOLD_ALL);
    await queryRunner.query(`INSERT INTO report_converted_users (user_id) SELECT DISTINCT user_id FROM orders WHERE paid_at IS NOT NULL ON CONFLICT DO NOTHING`);
    await queryRunner.query(`ALTER TABLE report_config DROP COLUMN payments_folded_to`);
  }
}

/** The tail's deltas added to shard 0 of `report_hourly`, frozen as generated when this was written. */
const FOLD_ALL = `
INSERT INTO report_hourly AS r (bucket, shard, new_users, referred_users, converted_users, converted_referred_users, paid_orders, revenue, profit, commissions, refunded_orders, refunded_amount, failed_payments, withdrawals_paid, withdrawals_paid_count, orders_created, created_paid, created_failed, created_pending, commissions_pending, commissions_available, withdrawals_open, withdrawals_withdrawn, referrers_last)
          SELECT d.bucket, report_shard(), d.new_users, d.referred_users, d.converted_users, d.converted_referred_users, d.paid_orders, d.revenue, d.profit, d.commissions, d.refunded_orders, d.refunded_amount, d.failed_payments, d.withdrawals_paid, d.withdrawals_paid_count, d.orders_created, d.created_paid, d.created_failed, d.created_pending, d.commissions_pending, d.commissions_available, d.withdrawals_open, d.withdrawals_withdrawn, d.referrers_last
          FROM (SELECT bucket, sum(new_users)::bigint AS new_users, sum(referred_users)::bigint AS referred_users, sum(converted_users)::bigint AS converted_users, sum(converted_referred_users)::bigint AS converted_referred_users, sum(paid_orders)::bigint AS paid_orders, sum(revenue)::bigint AS revenue, sum(profit)::bigint AS profit, sum(commissions)::bigint AS commissions, sum(refunded_orders)::bigint AS refunded_orders, sum(refunded_amount)::bigint AS refunded_amount, sum(failed_payments)::bigint AS failed_payments, sum(withdrawals_paid)::bigint AS withdrawals_paid, sum(withdrawals_paid_count)::bigint AS withdrawals_paid_count, sum(orders_created)::bigint AS orders_created, sum(created_paid)::bigint AS created_paid, sum(created_failed)::bigint AS created_failed, sum(created_pending)::bigint AS created_pending, sum(commissions_pending)::bigint AS commissions_pending, sum(commissions_available)::bigint AS commissions_available, sum(withdrawals_open)::bigint AS withdrawals_open, sum(withdrawals_withdrawn)::bigint AS withdrawals_withdrawn, sum(referrers_last)::bigint AS referrers_last FROM (SELECT report_hour(o.paid_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 1::bigint AS paid_orders, o.amount::bigint AS revenue, o.amount - o.cost::bigint AS profit, c.amount::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, c.amount::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
     FROM orders o CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount), 0) AS amount FROM commissions x WHERE x.order_id = o.id) c WHERE o.paid_at >= (SELECT payments_folded_to FROM report_config) AND o.paid_at < 'infinity'::timestamptz
     UNION ALL
     SELECT report_hour(o.created_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 1::bigint AS created_paid, 0::bigint AS created_failed, -1::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last FROM orders o WHERE o.paid_at >= (SELECT payments_folded_to FROM report_config) AND o.paid_at < 'infinity'::timestamptz
     UNION ALL
     SELECT report_hour(u.created_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 1::bigint AS converted_users, (u.referred_by_id IS NOT NULL)::int::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
     FROM users u WHERE u.id IN (SELECT o.user_id FROM orders o WHERE o.paid_at >= (SELECT payments_folded_to FROM report_config) AND o.paid_at < 'infinity'::timestamptz) AND NOT EXISTS (SELECT 1 FROM report_converted_users m WHERE m.user_id = u.id)
     UNION ALL
     SELECT report_hour(l.last_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 1::bigint AS referrers_last
     FROM (SELECT c.beneficiary_id, max(c.created_at) AS last_at FROM orders o JOIN commissions c ON c.order_id = o.id AND c.level = 1 WHERE o.paid_at >= (SELECT payments_folded_to FROM report_config) AND o.paid_at < 'infinity'::timestamptz GROUP BY 1) l
     UNION ALL
     SELECT report_hour(p.at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, -1::bigint AS referrers_last
     FROM (SELECT DISTINCT c.beneficiary_id FROM orders o JOIN commissions c ON c.order_id = o.id AND c.level = 1 WHERE o.paid_at >= (SELECT payments_folded_to FROM report_config) AND o.paid_at < 'infinity'::timestamptz) l
     CROSS JOIN LATERAL (SELECT max(d.created_at) AS at FROM commissions d WHERE d.beneficiary_id = l.beneficiary_id AND d.level = 1 AND d.created_at < (SELECT payments_folded_to FROM report_config)) p
     WHERE p.at IS NOT NULL) d GROUP BY bucket) d WHERE new_users <> 0 OR referred_users <> 0 OR converted_users <> 0 OR converted_referred_users <> 0 OR paid_orders <> 0 OR revenue <> 0 OR profit <> 0 OR commissions <> 0 OR refunded_orders <> 0 OR refunded_amount <> 0 OR failed_payments <> 0 OR withdrawals_paid <> 0 OR withdrawals_paid_count <> 0 OR orders_created <> 0 OR created_paid <> 0 OR created_failed <> 0 OR created_pending <> 0 OR commissions_pending <> 0 OR commissions_available <> 0 OR withdrawals_open <> 0 OR withdrawals_withdrawn <> 0 OR referrers_last <> 0
          ON CONFLICT (bucket, shard) DO UPDATE SET new_users = r.new_users + excluded.new_users, referred_users = r.referred_users + excluded.referred_users, converted_users = r.converted_users + excluded.converted_users, converted_referred_users = r.converted_referred_users + excluded.converted_referred_users, paid_orders = r.paid_orders + excluded.paid_orders, revenue = r.revenue + excluded.revenue, profit = r.profit + excluded.profit, commissions = r.commissions + excluded.commissions, refunded_orders = r.refunded_orders + excluded.refunded_orders, refunded_amount = r.refunded_amount + excluded.refunded_amount, failed_payments = r.failed_payments + excluded.failed_payments, withdrawals_paid = r.withdrawals_paid + excluded.withdrawals_paid, withdrawals_paid_count = r.withdrawals_paid_count + excluded.withdrawals_paid_count, orders_created = r.orders_created + excluded.orders_created, created_paid = r.created_paid + excluded.created_paid, created_failed = r.created_failed + excluded.created_failed, created_pending = r.created_pending + excluded.created_pending, commissions_pending = r.commissions_pending + excluded.commissions_pending, commissions_available = r.commissions_available + excluded.commissions_available, withdrawals_open = r.withdrawals_open + excluded.withdrawals_open, withdrawals_withdrawn = r.withdrawals_withdrawn + excluded.withdrawals_withdrawn, referrers_last = r.referrers_last + excluded.referrers_last
`;

/**
 * An order as the rollups hold it: one paid at or after the fold's position is in the tail, so
 * the rollups hold it as a pending order (as before its payment). Only a direct change of
 * `paid_at` across the position makes the difference (tests that move events in time); a
 * refund keeps `paid_at`, so both sides of its update are read alike.
 */
const AS_FOLDED = `
  CREATE FUNCTION report_as_folded(o orders) RETURNS orders LANGUAGE plpgsql STABLE AS $$
  BEGIN
    IF o.paid_at >= (SELECT payments_folded_to FROM report_config) THEN
      o.paid_at := NULL;
      o.status := 'PENDING';
    END IF;
    RETURN o;
  END $$`;

const FOLDED_NEW = '(SELECT * FROM report_as_folded(NEW)) o';
const FOLDED_OLD = '(SELECT * FROM report_as_folded(OLD)) o';
const FOLDED_NEW_PAID = '(SELECT paid_at FROM report_as_folded(NEW)) IS NOT NULL AND (SELECT paid_at FROM report_as_folded(OLD)) IS NULL';

/**
 * The orders' update trigger (the Reporting migration's, as it stood) reading both sides of
 * the row through `report_as_folded`, frozen as generated when this was written.
 */
const ORDERS_UPDATE = `
CREATE OR REPLACE FUNCTION report_orders_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
        BEGIN
          WITH conv AS (
             INSERT INTO report_converted_users (user_id) SELECT NEW.user_id WHERE (SELECT paid_at FROM report_as_folded(NEW)) IS NOT NULL AND (SELECT paid_at FROM report_as_folded(OLD)) IS NULL
             ON CONFLICT DO NOTHING RETURNING user_id
           ) INSERT INTO report_hourly AS r (bucket, shard, new_users, referred_users, converted_users, converted_referred_users, paid_orders, revenue, profit, commissions, refunded_orders, refunded_amount, failed_payments, withdrawals_paid, withdrawals_paid_count, orders_created, created_paid, created_failed, created_pending, commissions_pending, commissions_available, withdrawals_open, withdrawals_withdrawn, referrers_last)
          SELECT d.bucket, report_shard(), d.new_users, d.referred_users, d.converted_users, d.converted_referred_users, d.paid_orders, d.revenue, d.profit, d.commissions, d.refunded_orders, d.refunded_amount, d.failed_payments, d.withdrawals_paid, d.withdrawals_paid_count, d.orders_created, d.created_paid, d.created_failed, d.created_pending, d.commissions_pending, d.commissions_available, d.withdrawals_open, d.withdrawals_withdrawn, d.referrers_last
          FROM (SELECT bucket, sum(new_users)::bigint AS new_users, sum(referred_users)::bigint AS referred_users, sum(converted_users)::bigint AS converted_users, sum(converted_referred_users)::bigint AS converted_referred_users, sum(paid_orders)::bigint AS paid_orders, sum(revenue)::bigint AS revenue, sum(profit)::bigint AS profit, sum(commissions)::bigint AS commissions, sum(refunded_orders)::bigint AS refunded_orders, sum(refunded_amount)::bigint AS refunded_amount, sum(failed_payments)::bigint AS failed_payments, sum(withdrawals_paid)::bigint AS withdrawals_paid, sum(withdrawals_paid_count)::bigint AS withdrawals_paid_count, sum(orders_created)::bigint AS orders_created, sum(created_paid)::bigint AS created_paid, sum(created_failed)::bigint AS created_failed, sum(created_pending)::bigint AS created_pending, sum(commissions_pending)::bigint AS commissions_pending, sum(commissions_available)::bigint AS commissions_available, sum(withdrawals_open)::bigint AS withdrawals_open, sum(withdrawals_withdrawn)::bigint AS withdrawals_withdrawn, sum(referrers_last)::bigint AS referrers_last
          FROM (SELECT report_hour(o.paid_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, sum(1)::bigint AS paid_orders, sum(o.amount)::bigint AS revenue, sum(o.amount - o.cost)::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(NEW)) o WHERE o.paid_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(o.refunded_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, sum(1)::bigint AS refunded_orders, sum(o.amount)::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(NEW)) o WHERE o.refunded_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(o.failed_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, sum(1)::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(NEW)) o WHERE o.failed_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(o.created_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, sum(1)::bigint AS orders_created, sum((o.status IN ('PAID', 'REFUNDED'))::int)::bigint AS created_paid, sum((o.status = 'FAILED')::int)::bigint AS created_failed, sum((o.status = 'PENDING')::int)::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(NEW)) o WHERE o.created_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(o.paid_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, -sum(1)::bigint AS paid_orders, -sum(o.amount)::bigint AS revenue, -sum(o.amount - o.cost)::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(OLD)) o WHERE o.paid_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(o.refunded_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, -sum(1)::bigint AS refunded_orders, -sum(o.amount)::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(OLD)) o WHERE o.refunded_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(o.failed_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, -sum(1)::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(OLD)) o WHERE o.failed_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(o.created_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, 0::bigint AS converted_users, 0::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, -sum(1)::bigint AS orders_created, -sum((o.status IN ('PAID', 'REFUNDED'))::int)::bigint AS created_paid, -sum((o.status = 'FAILED')::int)::bigint AS created_failed, -sum((o.status = 'PENDING')::int)::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM (SELECT * FROM report_as_folded(OLD)) o WHERE o.created_at IS NOT NULL AND (true) GROUP BY 1
 UNION ALL
SELECT report_hour(u.created_at) AS bucket, 0::bigint AS new_users, 0::bigint AS referred_users, sum(1)::bigint AS converted_users, sum((u.referred_by_id IS NOT NULL)::int)::bigint AS converted_referred_users, 0::bigint AS paid_orders, 0::bigint AS revenue, 0::bigint AS profit, 0::bigint AS commissions, 0::bigint AS refunded_orders, 0::bigint AS refunded_amount, 0::bigint AS failed_payments, 0::bigint AS withdrawals_paid, 0::bigint AS withdrawals_paid_count, 0::bigint AS orders_created, 0::bigint AS created_paid, 0::bigint AS created_failed, 0::bigint AS created_pending, 0::bigint AS commissions_pending, 0::bigint AS commissions_available, 0::bigint AS withdrawals_open, 0::bigint AS withdrawals_withdrawn, 0::bigint AS referrers_last
          FROM conv JOIN users u ON u.id = conv.user_id WHERE u.created_at IS NOT NULL AND (true) GROUP BY 1) parts GROUP BY bucket) d WHERE new_users <> 0 OR referred_users <> 0 OR converted_users <> 0 OR converted_referred_users <> 0 OR paid_orders <> 0 OR revenue <> 0 OR profit <> 0 OR commissions <> 0 OR refunded_orders <> 0 OR refunded_amount <> 0 OR failed_payments <> 0 OR withdrawals_paid <> 0 OR withdrawals_paid_count <> 0 OR orders_created <> 0 OR created_paid <> 0 OR created_failed <> 0 OR created_pending <> 0 OR commissions_pending <> 0 OR commissions_available <> 0 OR withdrawals_open <> 0 OR withdrawals_withdrawn <> 0 OR referrers_last <> 0
          ON CONFLICT (bucket, shard) DO UPDATE SET new_users = r.new_users + excluded.new_users, referred_users = r.referred_users + excluded.referred_users, converted_users = r.converted_users + excluded.converted_users, converted_referred_users = r.converted_referred_users + excluded.converted_referred_users, paid_orders = r.paid_orders + excluded.paid_orders, revenue = r.revenue + excluded.revenue, profit = r.profit + excluded.profit, commissions = r.commissions + excluded.commissions, refunded_orders = r.refunded_orders + excluded.refunded_orders, refunded_amount = r.refunded_amount + excluded.refunded_amount, failed_payments = r.failed_payments + excluded.failed_payments, withdrawals_paid = r.withdrawals_paid + excluded.withdrawals_paid, withdrawals_paid_count = r.withdrawals_paid_count + excluded.withdrawals_paid_count, orders_created = r.orders_created + excluded.orders_created, created_paid = r.created_paid + excluded.created_paid, created_failed = r.created_failed + excluded.created_failed, created_pending = r.created_pending + excluded.created_pending, commissions_pending = r.commissions_pending + excluded.commissions_pending, commissions_available = r.commissions_available + excluded.commissions_available, withdrawals_open = r.withdrawals_open + excluded.withdrawals_open, withdrawals_withdrawn = r.withdrawals_withdrawn + excluded.withdrawals_withdrawn, referrers_last = r.referrers_last + excluded.referrers_last;
          RETURN NULL;
        END $function$
`;
