import { describe, expect, it } from '@jest/globals';
import { formatRupees } from './money.js';

describe('formatRupees', () => {
  it.each([
    [50000, '₹500.00'],
    [2800, '₹28.00'],
    [5, '₹0.05'],
    [123456789, '₹1,234,567.89'],
    [-900, '-₹9.00'],
    [0, '₹0.00'],
  ])('%i paise is %s', (paise, text) => {
    expect(formatRupees(paise)).toBe(text);
  });
});
