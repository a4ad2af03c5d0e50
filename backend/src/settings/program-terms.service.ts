import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlStatement } from '../database/sql.js';
import { SETTING_DEFINITIONS, type SettingKey } from './setting-definitions.js';
import type { ProgramTerms } from './program-terms.model.js';

function setting(key: SettingKey, cast: string): string {
  const fallback = JSON.stringify(SETTING_DEFINITIONS[key].default);
  const aggregate = cast === 'boolean' ? 'bool_and' : 'max';
  return `coalesce(${aggregate}((value #>> '{}')::${cast}) FILTER (WHERE key = '${key}'), '${fallback.replace(/^"|"$/g, '')}'::${cast})`;
}

/**
 * The programme as one sale at today's settings: the commissions come from the same SQL rule a
 * payment credits with (the SQL function commission_amount), on price − cost at the current rates and rounding.
 */
export const PROGRAM_TERMS_SQL = `WITH s AS (
  SELECT ${setting('product_name', 'text')} AS product_name,
         ${setting('product_price', 'bigint')} AS price,
         ${setting('product_cost', 'bigint')} AS cost,
         round(${setting('level1_commission_percent', 'numeric')} * 100)::int AS level1_bps,
         round(${setting('level2_commission_percent', 'numeric')} * 100)::int AS level2_bps,
         ${setting('commission_rounding', 'text')} AS rounding,
         ${setting('commission_hold_hours', 'int')} AS hold,
         ${setting('min_withdrawal_amount', 'bigint')} AS minimum,
         ${setting('referrals_enabled', 'boolean')} AS referrals_enabled,
         ${setting('withdrawals_enabled', 'boolean')} AS withdrawals_enabled,
         ${setting('device_verification_required', 'boolean')} AS device_verification_required
  FROM system_settings
)
SELECT product_name AS "productName", price AS "productPrice",
       commission_amount(price - cost, level1_bps, rounding) AS "level1Commission",
       commission_amount(price - cost, level2_bps, rounding) AS "level2Commission",
       hold AS "commissionHoldHours", minimum AS "minWithdrawalAmount", referrals_enabled AS "referralsEnabled",
       withdrawals_enabled AS "withdrawalsEnabled", device_verification_required AS "deviceVerificationRequired"
FROM s`;

@Injectable()
export class ProgramTermsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async current(): Promise<ProgramTerms> {
    const { rows } = await sqlStatement<ProgramTerms>(this.dataSource, 'program_terms', PROGRAM_TERMS_SQL, []);
    const row = rows[0];
    return { ...row, productPrice: Number(row.productPrice), level1Commission: Number(row.level1Commission), level2Commission: Number(row.level2Commission), minWithdrawalAmount: Number(row.minWithdrawalAmount) };
  }
}
