import { MONEY_LIMIT } from '../common/graphql/money.scalar.js';
import { SettingValueType } from './setting.entity.js';

export interface SettingDefinition {
  type: SettingValueType;
  default: string | number | boolean;
  description: string;
  min?: number;
  max?: number;
  options?: readonly string[];
}

/**
 * Every setting the product reads, its type, bounds and default. The contract's keys are seeded
 * by the first migration; a key added here later is inserted with its default at start-up.
 */
export const SETTING_DEFINITIONS = {
  product_name: { type: SettingValueType.STRING, default: 'Combo OTT Plan', description: 'The plan sold', max: 200 },
  product_price: { type: SettingValueType.MONEY, default: 13500, description: 'Selling price, paise', min: 1 },
  product_cost: { type: SettingValueType.MONEY, default: 4200, description: 'Making cost, paise; profit = price - cost', min: 0 },
  level1_commission_percent: { type: SettingValueType.PERCENT, default: 30, description: 'Share of profit for the direct referrer, percent' },
  level2_commission_percent: { type: SettingValueType.PERCENT, default: 10, description: "Share of profit for the referrer's referrer, percent" },
  commission_rounding: {
    type: SettingValueType.ENUM,
    default: 'RUPEE',
    options: ['RUPEE', 'PAISE'],
    description: 'RUPEE: each commission rounded half-up to whole rupees; PAISE: kept to the paisa',
  },
  commission_hold_hours: { type: SettingValueType.HOURS, default: 24, description: 'A commission is PENDING until paidAt + hold, then AVAILABLE', min: 0, max: 720 },
  min_withdrawal_amount: { type: SettingValueType.MONEY, default: 50000, description: 'Smallest withdrawal, paise', min: 0 },
  referrals_enabled: { type: SettingValueType.BOOLEAN, default: true, description: 'Off: new registrations are not attributed to a referrer' },
  withdrawals_enabled: { type: SettingValueType.BOOLEAN, default: true, description: 'Off: requestWithdrawal is refused' },
  device_verification_required: {
    type: SettingValueType.BOOLEAN,
    default: false,
    description: 'On: the bot asks users to open the verification Mini App (device and IP recorded) before /buy and /withdraw',
  },
  fraud_checks_enabled: { type: SettingValueType.BOOLEAN, default: true, description: 'Off: no automatic fraud flags' },
  // Indian mobile carriers put many subscribers behind one public IP (CGNAT), so a shared IP alone means little
  fraud_duplicate_ip_min_accounts: {
    type: SettingValueType.INTEGER,
    default: 20,
    min: 2,
    max: 10_000,
    description: 'DUPLICATE_IP: this many accounts registered from one IP within fraud_duplicate_ip_window_hours are flagged',
  },
  fraud_duplicate_ip_window_hours: { type: SettingValueType.HOURS, default: 24, min: 1, max: 720, description: 'DUPLICATE_IP: the window, hours' },
  fraud_low_conversion_min_referrals: {
    type: SettingValueType.INTEGER,
    default: 20,
    min: 1,
    max: 1_000_000,
    description: 'LOW_CONVERSION: only referrers with at least this many direct referrals are judged',
  },
  fraud_low_conversion_max_rate_percent: {
    type: SettingValueType.PERCENT,
    default: 5,
    description: 'LOW_CONVERSION: a referrer whose referrals convert (first paid order) below this percent is flagged',
  },
  fraud_rapid_signups_count: {
    type: SettingValueType.INTEGER,
    default: 10,
    min: 2,
    max: 10_000,
    description: 'RAPID_SIGNUPS: a referrer with this many referrals registered within fraud_rapid_signups_window_minutes is flagged',
  },
  fraud_rapid_signups_window_minutes: { type: SettingValueType.INTEGER, default: 10, min: 1, max: 1440, description: 'RAPID_SIGNUPS: the window, minutes' },
  bot_payment_confirmation_enabled: {
    type: SettingValueType.BOOLEAN,
    default: true,
    description: "Off: the bot's confirmPayment is refused (FORBIDDEN) and only a payment gateway's webhook can pay an order",
  },
  order_expiry_minutes: {
    type: SettingValueType.INTEGER,
    default: 1440,
    min: 5,
    max: 43_200,
    description: 'A PENDING order older than this many minutes is failed by the expiry job (a later gateway capture still pays it)',
  },
} satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTING_DEFINITIONS;

export type SettingValues = {
  [K in SettingKey]: (typeof SETTING_DEFINITIONS)[K]['default'] extends string
    ? string
    : (typeof SETTING_DEFINITIONS)[K]['default'] extends number
      ? number
      : boolean;
};

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_DEFINITIONS, key);
}

export function definitionOf(key: SettingKey): SettingDefinition {
  return SETTING_DEFINITIONS[key];
}

/** Percent to basis points (30 → 3000); settings allow at most two decimals, so this is exact. */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/**
 * The smallest and largest value a numeric setting accepts (paise, hours, percent or a count), as
 * validateSettingValue checks them; null for other types. The panel validates inline with these.
 */
export function settingBounds(definition: SettingDefinition): { min: number; max: number } | null {
  switch (definition.type) {
    case SettingValueType.MONEY:
      return { min: definition.min ?? 0, max: definition.max ?? MONEY_LIMIT };
    case SettingValueType.HOURS:
      return { min: definition.min ?? 0, max: definition.max ?? 720 };
    case SettingValueType.INTEGER:
      return { min: definition.min ?? 0, max: definition.max ?? 1_000_000_000 };
    case SettingValueType.PERCENT:
      return { min: 0, max: 100 };
    default:
      return null;
  }
}

/**
 * Checks one value against its key's type and bounds; returns the normalised value or a message.
 */
export function validateSettingValue(key: SettingKey, value: unknown): { value: string | number | boolean } | { error: string } {
  const definition: SettingDefinition = SETTING_DEFINITIONS[key];
  const bounds = settingBounds(definition) ?? { min: 0, max: 0 };
  const integerIn = (min: number, max: number, unit: string) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return { error: `${key} must be an integer (${unit})` };
    if (value < min || value > max) return { error: `${key} must be between ${min} and ${max} (${unit})` };
    return { value };
  };
  switch (definition.type) {
    case SettingValueType.MONEY:
      return integerIn(bounds.min, bounds.max, 'paise');
    case SettingValueType.HOURS:
      return integerIn(bounds.min, bounds.max, 'hours');
    case SettingValueType.INTEGER:
      return integerIn(bounds.min, bounds.max, 'a whole number');
    case SettingValueType.PERCENT:
      if (typeof value !== 'number' || !Number.isFinite(value)) return { error: `${key} must be a number between 0 and 100` };
      if (value < 0 || value > 100) return { error: `${key} must be between 0 and 100` };
      if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-9) return { error: `${key} may have at most two decimals` };
      return { value: percentToBasisPoints(value) / 100 };
    case SettingValueType.BOOLEAN:
      return typeof value === 'boolean' ? { value } : { error: `${key} must be true or false` };
    case SettingValueType.ENUM:
      return typeof value === 'string' && definition.options?.includes(value)
        ? { value }
        : { error: `${key} must be one of: ${definition.options?.join(', ')}` };
    case SettingValueType.STRING: {
      if (typeof value !== 'string' || !value.trim()) return { error: `${key} must be a non-empty string` };
      const trimmed = value.trim();
      if (trimmed.length > (definition.max ?? 200)) return { error: `${key} must be at most ${definition.max ?? 200} characters` };
      return { value: trimmed };
    }
  }
}

/** Rules that span keys: price > cost >= 0, and both commission levels together at most 100% of profit. */
export function validateSettingCombination(values: Pick<SettingValues, 'product_price' | 'product_cost' | 'level1_commission_percent' | 'level2_commission_percent'>): string | undefined {
  if (!(values.product_price > values.product_cost)) return 'product_price must be greater than product_cost';
  if (values.level1_commission_percent + values.level2_commission_percent > 100) {
    return 'level1_commission_percent and level2_commission_percent together may not exceed 100';
  }
  return undefined;
}
