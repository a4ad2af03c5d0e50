import { describe, expect, it } from 'vitest';
import { checkRupees, checkSettingBounds, rupeesToFormValue } from './settingValidation';

describe('setting validation', () => {
  const minimumWithdrawal = { valueType: 'MONEY' as const, min: 100, max: 1_000_000_000_000_000 };

  it('reads the minimum withdrawal typed as 500 as ₹500 (50000 paise), not ₹5', () => {
    expect(rupeesToFormValue('500')).toBe(50000);
  });

  it('says the bounds in rupees for money', () => {
    expect(checkSettingBounds(50, minimumWithdrawal)).toEqual({
      message: 'app.settings.at_least',
      args: { min: '₹1.00', max: '' },
    });
    expect(checkSettingBounds(50, { valueType: 'MONEY', min: 0, max: 40 })).toEqual({
      message: 'app.settings.between',
      args: { min: '₹0.00', max: '₹0.40' },
    });
    expect(checkSettingBounds(100, minimumWithdrawal)).toBeUndefined();
  });

  it('checks hours and percent in their own unit', () => {
    expect(checkSettingBounds(721, { valueType: 'HOURS', min: 0, max: 720 })).toEqual({
      message: 'app.settings.between',
      args: { min: '0', max: '720' },
    });
    expect(checkSettingBounds(100, { valueType: 'PERCENT', min: 0, max: 100 })).toBeUndefined();
  });

  it('keeps text that is not rupees, for checkRupees to refuse', () => {
    expect(rupeesToFormValue('5.555')).toBe('5.555');
    expect(checkRupees('5.555')).toBe('app.settings.not_rupees');
    expect(checkRupees(50000)).toBeUndefined();
  });
});
