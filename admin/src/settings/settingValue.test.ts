import { describe, expect, it } from 'vitest';
import { formatSettingValue } from './settingValue';

describe('formatSettingValue', () => {
  it.each([
    [{ value: 13500, valueType: 'MONEY' }, '₹135.00'],
    [{ value: 50000, valueType: 'MONEY' }, '₹500.00'],
    [{ value: 30, valueType: 'PERCENT' }, '30%'],
    [{ value: 24, valueType: 'HOURS' }, '24 h'],
    [{ value: 5, valueType: 'INTEGER' }, '5'],
    [{ value: true, valueType: 'BOOLEAN' }, 'On'],
    [{ value: false, valueType: 'BOOLEAN' }, 'Off'],
    [{ value: 'RUPEE', valueType: 'ENUM' }, 'RUPEE'],
    [{ value: 'Combo OTT Plan', valueType: 'STRING' }, 'Combo OTT Plan'],
  ] as const)('shows %j as %s', (setting, expected) => {
    expect(formatSettingValue(setting)).toBe(expected);
  });

  it('shows a money value that is not whole paise as it is rather than failing the list', () => {
    expect(formatSettingValue({ value: 12.5, valueType: 'MONEY' })).toBe('12.5');
  });
});
