import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two SQL-level objects the money statements name instead of splicing text from other modules:
 *  - `order_terms`: the settings an order is created and paid under, parsed once (product,
 *    price, cost, rates in basis points, rounding, hold, expiry, whether the bot may confirm
 *    payments). A statement reading one column computes that column only (PostgreSQL drops
 *    the view's unused outputs).
 *  - `commission_amount(profit, rate_bps, rounding)`: one level's commission in paise, integers
 *    only: profit × rate / 10,000, rounded half up to whole rupees (RUPEE) or to the paisa
 *    (PAISE). An immutable one-expression SQL function, so the planner inlines it: the payment
 *    statement costs what the spliced expression did.
 */
export class OrderTermsAndCommissionAmount1733700000000 implements MigrationInterface {
  name = 'OrderTermsAndCommissionAmount1733700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION commission_amount(profit numeric, rate_bps numeric, rounding text) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT (div(profit * rate_bps + (CASE rounding WHEN 'RUPEE' THEN 1000000 ELSE 10000 END) / 2,
                    CASE rounding WHEN 'RUPEE' THEN 1000000 ELSE 10000 END)
                * (CASE rounding WHEN 'RUPEE' THEN 1000000 ELSE 10000 END / 10000))::bigint
      $$`);
    await queryRunner.query(`
      CREATE VIEW order_terms AS
      SELECT max(value #>> '{}') FILTER (WHERE key = 'product_name') AS product_name,
             max((value #>> '{}')::bigint) FILTER (WHERE key = 'product_price') AS price,
             max((value #>> '{}')::bigint) FILTER (WHERE key = 'product_cost') AS cost,
             max(round((value #>> '{}')::numeric * 100)::int) FILTER (WHERE key = 'level1_commission_percent') AS level1_rate_bps,
             max(round((value #>> '{}')::numeric * 100)::int) FILTER (WHERE key = 'level2_commission_percent') AS level2_rate_bps,
             max(value #>> '{}') FILTER (WHERE key = 'commission_rounding') AS commission_rounding,
             max((value #>> '{}')::int) FILTER (WHERE key = 'commission_hold_hours') AS commission_hold_hours,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'order_expiry_minutes'), 1440) AS order_expiry_minutes,
             coalesce(bool_and(value <> 'false'::jsonb) FILTER (WHERE key = 'bot_payment_confirmation_enabled'), true) AS bot_payment_confirmation_enabled
      FROM system_settings`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW order_terms`);
    await queryRunner.query(`DROP FUNCTION commission_amount(numeric, numeric, text)`);
  }
}
