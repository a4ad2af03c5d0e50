import { describe, expect, it } from '@jest/globals';
import { formatRupees, parseRupees } from './money-format.js';

describe('formatRupees', () => {
  it('groups digits the Indian way (lakh, crore) with two decimals', () => {
    expect(formatRupees(10000000)).toBe('₹1,00,000.00');
    expect(formatRupees(1234567890)).toBe('₹1,23,45,678.90');
    expect(formatRupees(2800)).toBe('₹28.00');
    expect(formatRupees(99999)).toBe('₹999.99');
    expect(formatRupees(100000)).toBe('₹1,000.00');
    expect(formatRupees(5)).toBe('₹0.05');
    expect(formatRupees(0)).toBe('₹0.00');
    expect(formatRupees(-2800)).toBe('-₹28.00');
  });

  it('is exact beyond floating point (₹10^12)', () => {
    expect(formatRupees(100000000000001n)).toBe('₹10,00,00,00,00,000.01');
  });
});

describe('parseRupees', () => {
  it('reads what people type as integer paise', () => {
    expect(parseRupees('500')).toBe(50000);
    expect(parseRupees(' 750.5 ')).toBe(75050);
    expect(parseRupees('₹1,000.25')).toBe(100025);
    expect(parseRupees('Rs. 600')).toBe(60000);
    expect(parseRupees('600/-')).toBe(60000);
    expect(parseRupees('0.10')).toBe(10);
  });

  it('refuses anything that is not a plain positive amount', () => {
    for (const text of ['', 'abc', '-5', '0', '1.234', '1e3', '5 rupees', '12.3.4', '99999999999']) expect(parseRupees(text)).toBeNull();
  });
});
