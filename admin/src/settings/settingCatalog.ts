/**
 * How the panel presents each setting: its group, a name and a description in the operator's
 * words (the API's description speaks of paise and mutations). A key the panel does not know yet
 * falls into "Other" with the API's own description.
 */
export type SettingGroup = 'product' | 'commissions' | 'withdrawals' | 'switches' | 'fraud' | 'other';

export const SETTING_GROUPS: SettingGroup[] = ['switches', 'product', 'commissions', 'withdrawals', 'fraud', 'other'];

interface SettingPresentation {
  group: SettingGroup;
  /** Translation key of the name; `<key>_help` describes it. */
  label: string;
  /** A switch that stops part of the business: turning it off asks first. */
  killSwitch?: boolean;
}

const CATALOG: Record<string, SettingPresentation> = {
  product_name: { group: 'product', label: 'app.settings.keys.product_name' },
  product_price: { group: 'product', label: 'app.settings.keys.product_price' },
  product_cost: { group: 'product', label: 'app.settings.keys.product_cost' },
  level1_commission_percent: { group: 'commissions', label: 'app.settings.keys.level1_commission_percent' },
  level2_commission_percent: { group: 'commissions', label: 'app.settings.keys.level2_commission_percent' },
  commission_rounding: { group: 'commissions', label: 'app.settings.keys.commission_rounding' },
  commission_hold_hours: { group: 'commissions', label: 'app.settings.keys.commission_hold_hours' },
  min_withdrawal_amount: { group: 'withdrawals', label: 'app.settings.keys.min_withdrawal_amount' },
  referrals_enabled: { group: 'switches', label: 'app.settings.keys.referrals_enabled', killSwitch: true },
  withdrawals_enabled: { group: 'switches', label: 'app.settings.keys.withdrawals_enabled', killSwitch: true },
  fraud_checks_enabled: { group: 'switches', label: 'app.settings.keys.fraud_checks_enabled', killSwitch: true },
  fraud_duplicate_ip_min_accounts: { group: 'fraud', label: 'app.settings.keys.fraud_duplicate_ip_min_accounts' },
  fraud_duplicate_ip_window_hours: { group: 'fraud', label: 'app.settings.keys.fraud_duplicate_ip_window_hours' },
  fraud_low_conversion_min_referrals: { group: 'fraud', label: 'app.settings.keys.fraud_low_conversion_min_referrals' },
  fraud_low_conversion_max_rate_percent: { group: 'fraud', label: 'app.settings.keys.fraud_low_conversion_max_rate_percent' },
  fraud_rapid_signups_count: { group: 'fraud', label: 'app.settings.keys.fraud_rapid_signups_count' },
  fraud_rapid_signups_window_minutes: { group: 'fraud', label: 'app.settings.keys.fraud_rapid_signups_window_minutes' },
};

export function settingPresentation(key: string): SettingPresentation & { known: boolean } {
  const known = CATALOG[key];
  return known ? { ...known, known: true } : { group: 'other', label: key, known: false };
}

/** Sorts settings by group (in SETTING_GROUPS order), then as the catalog lists them. */
export function groupSettings<T extends { key: string }>(settings: T[]): { group: SettingGroup; settings: T[] }[] {
  const order = Object.keys(CATALOG);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return SETTING_GROUPS.map((group) => ({
    group,
    settings: settings
      .filter((setting) => settingPresentation(setting.key).group === group)
      .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key)),
  })).filter(({ settings: inGroup }) => inGroup.length > 0);
}
