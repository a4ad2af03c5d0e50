import { describe, expect, it } from '@jest/globals';
import { validateSettingCombination, validateSettingValue } from './setting-definitions.js';

describe('setting validation', () => {
  it.each([
    ['level1_commission_percent', 0, 0],
    ['level1_commission_percent', 100, 100],
    ['level1_commission_percent', 12.5, 12.5],
    ['commission_hold_hours', 0, 0],
    ['commission_hold_hours', 720, 720],
    ['min_withdrawal_amount', 0, 0],
    ['product_price', 13500, 13500],
    ['referrals_enabled', false, false],
    ['commission_rounding', 'PAISE', 'PAISE'],
    ['product_name', '  Super Plan ', 'Super Plan'],
  ] as const)('accepts %s = %p', (key, value, expected) => {
    expect(validateSettingValue(key, value)).toEqual({ value: expected });
  });

  it.each([
    ['level1_commission_percent', -1],
    ['level1_commission_percent', 100.5],
    ['level1_commission_percent', 12.345],
    ['level1_commission_percent', '30'],
    ['commission_hold_hours', 721],
    ['commission_hold_hours', 1.5],
    ['commission_hold_hours', -1],
    ['min_withdrawal_amount', -100],
    ['min_withdrawal_amount', 500.5],
    ['product_price', 0],
    ['product_price', '13500'],
    ['referrals_enabled', 'yes'],
    ['referrals_enabled', 1],
    ['commission_rounding', 'CENT'],
    ['product_name', ''],
    ['product_name', 'x'.repeat(201)],
  ] as const)('refuses %s = %p', (key, value) => {
    expect(validateSettingValue(key, value)).toHaveProperty('error');
  });

  it('requires price above cost and the two levels within 100%', () => {
    const base = { product_price: 13500, product_cost: 4200, level1_commission_percent: 30, level2_commission_percent: 10 };
    expect(validateSettingCombination(base)).toBeUndefined();
    expect(validateSettingCombination({ ...base, product_cost: 13500 })).toMatch(/greater than product_cost/);
    expect(validateSettingCombination({ ...base, level1_commission_percent: 95 })).toMatch(/exceed 100/);
  });
});
