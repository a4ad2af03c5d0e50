import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settings are read through one place: the view `current_settings`, one row with one typed column
 * per setting (named by its key), each defaulted as its definition says when its row is missing.
 * Every statement that needs settings (an order's terms, a withdrawal request, the fraud rules'
 * thresholds, the programme terms) selects the columns it needs from it; PostgreSQL computes only
 * those. `order_terms` (an order's snapshot) is now a view over it. A new setting needs a new
 * migration that replaces the view (this text is frozen: migrations never change).
 */
export class CurrentSettings1733760000000 implements MigrationInterface {
  name = 'CurrentSettings1733760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW current_settings AS
      SELECT
             coalesce(max((value #>> '{}')::text) FILTER (WHERE key = 'product_name'), 'Combo OTT Plan'::text) AS product_name,
             coalesce(max((value #>> '{}')::bigint) FILTER (WHERE key = 'product_price'), 13500::bigint) AS product_price,
             coalesce(max((value #>> '{}')::bigint) FILTER (WHERE key = 'product_cost'), 4200::bigint) AS product_cost,
             coalesce(max((value #>> '{}')::numeric) FILTER (WHERE key = 'level1_commission_percent'), 30::numeric) AS level1_commission_percent,
             coalesce(max((value #>> '{}')::numeric) FILTER (WHERE key = 'level2_commission_percent'), 10::numeric) AS level2_commission_percent,
             coalesce(max((value #>> '{}')::text) FILTER (WHERE key = 'commission_rounding'), 'RUPEE'::text) AS commission_rounding,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'commission_hold_hours'), 24::int) AS commission_hold_hours,
             coalesce(max((value #>> '{}')::bigint) FILTER (WHERE key = 'min_withdrawal_amount'), 50000::bigint) AS min_withdrawal_amount,
             coalesce(bool_and((value #>> '{}')::boolean) FILTER (WHERE key = 'referrals_enabled'), true::boolean) AS referrals_enabled,
             coalesce(bool_and((value #>> '{}')::boolean) FILTER (WHERE key = 'withdrawals_enabled'), true::boolean) AS withdrawals_enabled,
             coalesce(bool_and((value #>> '{}')::boolean) FILTER (WHERE key = 'device_verification_required'), false::boolean) AS device_verification_required,
             coalesce(bool_and((value #>> '{}')::boolean) FILTER (WHERE key = 'fraud_checks_enabled'), true::boolean) AS fraud_checks_enabled,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'fraud_duplicate_ip_min_accounts'), 20::int) AS fraud_duplicate_ip_min_accounts,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'fraud_duplicate_ip_window_hours'), 24::int) AS fraud_duplicate_ip_window_hours,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'fraud_low_conversion_min_referrals'), 20::int) AS fraud_low_conversion_min_referrals,
             coalesce(max((value #>> '{}')::numeric) FILTER (WHERE key = 'fraud_low_conversion_max_rate_percent'), 5::numeric) AS fraud_low_conversion_max_rate_percent,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'fraud_rapid_signups_count'), 10::int) AS fraud_rapid_signups_count,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'fraud_rapid_signups_window_minutes'), 10::int) AS fraud_rapid_signups_window_minutes,
             coalesce(bool_and((value #>> '{}')::boolean) FILTER (WHERE key = 'bot_payment_confirmation_enabled'), true::boolean) AS bot_payment_confirmation_enabled,
             coalesce(max((value #>> '{}')::int) FILTER (WHERE key = 'order_expiry_minutes'), 1440::int) AS order_expiry_minutes
      FROM system_settings`);
    await queryRunner.query(`DROP VIEW order_terms`);
    await queryRunner.query(`
      CREATE VIEW order_terms AS
      SELECT product_name,
             product_price AS price,
             product_cost AS cost,
             round(level1_commission_percent * 100)::int AS level1_rate_bps,
             round(level2_commission_percent * 100)::int AS level2_rate_bps,
             commission_rounding,
             commission_hold_hours,
             order_expiry_minutes,
             bot_payment_confirmation_enabled
      FROM current_settings`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW order_terms`);
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
    await queryRunner.query(`DROP VIEW current_settings`);
  }
}
