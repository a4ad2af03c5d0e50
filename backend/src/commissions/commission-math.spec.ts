import { describe, expect, it } from '@jest/globals';
import { CommissionRounding } from '../orders/order.entity.js';
import { commissionAmount } from './commission-math.js';

const { RUPEE, PAISE } = CommissionRounding;

describe('commissionAmount', () => {
  it('gives ₹28 and ₹9 on the default ₹93 profit at 30% and 10%', () => {
    expect(commissionAmount(9300, 3000, RUPEE)).toBe(2800);
    expect(commissionAmount(9300, 1000, RUPEE)).toBe(900);
  });

  it('keeps paise with PAISE rounding', () => {
    expect(commissionAmount(9300, 3000, PAISE)).toBe(2790);
    expect(commissionAmount(9300, 1000, PAISE)).toBe(930);
    expect(commissionAmount(9999, 3333, PAISE)).toBe(3333); // 3332.6667 → 3333
  });

  it('rounds exactly half up', () => {
    expect(commissionAmount(5000, 100, RUPEE)).toBe(100); // ₹0.50 → ₹1
    expect(commissionAmount(4900, 100, RUPEE)).toBe(0); // ₹0.49 → ₹0
    expect(commissionAmount(50, 100, PAISE)).toBe(1); // 0.5 paise → 1
    expect(commissionAmount(49, 100, PAISE)).toBe(0);
  });

  it('handles fractional percentages given as basis points', () => {
    expect(commissionAmount(10000, 1250, PAISE)).toBe(1250); // 12.5%
  });

  it('is exact for very large profits', () => {
    expect(commissionAmount(999_999_999_999_999, 10000, PAISE)).toBe(999_999_999_999_999);
    expect(commissionAmount(999_999_999_999_999, 3000, PAISE)).toBe(300_000_000_000_000);
  });

  it('gives zero for a zero rate or profit', () => {
    expect(commissionAmount(9300, 0, RUPEE)).toBe(0);
    expect(commissionAmount(0, 3000, RUPEE)).toBe(0);
  });

  it('refuses invalid inputs', () => {
    expect(() => commissionAmount(-1, 3000, RUPEE)).toThrow(RangeError);
    expect(() => commissionAmount(1.5, 3000, RUPEE)).toThrow(RangeError);
    expect(() => commissionAmount(100, 10001, RUPEE)).toThrow(RangeError);
  });
});
