import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import type { ProgramTerms } from './program-terms.model.js';

const INSERT_MISSING = defineStatement('settings', 'insertMissing', ['settings: jsonb (key, value, description)[]'], `
  INSERT INTO system_settings (key, value, description)
  SELECT key, value, description FROM jsonb_to_recordset($1::jsonb) AS s(key varchar, value jsonb, description text)
  ON CONFLICT (key) DO NOTHING RETURNING key
`);

/**
 * The programme as one sale at today's settings: the commissions come from the same SQL rule a
 * payment credits with (the SQL function commission_amount), on price − cost at the current rates and rounding.
 */
const PROGRAM_TERMS = defineStatement('settings', 'programTerms', [], `
  WITH s AS (
    SELECT product_name, product_price AS price, product_cost AS cost,
           level1_commission_percent AS level1_percent, level2_commission_percent AS level2_percent,
           commission_rounding AS rounding, commission_hold_hours AS hold, min_withdrawal_amount AS minimum,
           referrals_enabled, withdrawals_enabled, device_verification_required
    FROM current_settings
  ), rates AS (
    SELECT s.*, round(level1_percent * 100)::int AS level1_bps, round(level2_percent * 100)::int AS level2_bps FROM s
  )
  SELECT product_name AS "productName", price AS "productPrice",
         commission_amount(price - cost, level1_bps, rounding) AS "level1Commission",
         commission_amount(price - cost, level2_bps, rounding) AS "level2Commission",
         hold AS "commissionHoldHours", minimum AS "minWithdrawalAmount", referrals_enabled AS "referralsEnabled",
         withdrawals_enabled AS "withdrawalsEnabled", device_verification_required AS "deviceVerificationRequired"
  FROM rates
`);

/** The settings' raw statements: start-up defaults and the programme terms the bot shows. Admin reads and writes go through TypeORM (SettingsService). */
@Injectable()
export class SettingsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Inserts the settings not stored yet; answers the keys it inserted. */
  async insertMissing(settings: { key: string; value: unknown; description: string }[]): Promise<string[]> {
    return (await this.transactions.rows<{ key: string }>(INSERT_MISSING, [JSON.stringify(settings)])).map((row) => row.key);
  }

  async programTerms(): Promise<ProgramTerms> {
    const row = (await this.transactions.row<ProgramTerms>(PROGRAM_TERMS, []))!;
    return {
      ...row,
      productPrice: Number(row.productPrice),
      level1Commission: Number(row.level1Commission),
      level2Commission: Number(row.level2Commission),
      minWithdrawalAmount: Number(row.minWithdrawalAmount),
    };
  }
}
