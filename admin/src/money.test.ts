import { describe, expect, it } from 'vitest';
import { formatMoney, formatRupees, parseRupees, rupeesInputText } from './money';

describe('formatMoney', () => {
  it.each([
    [0, '₹0.00'],
    [5, '₹0.05'],
    [99, '₹0.99'],
    [100, '₹1.00'],
    [13500, '₹135.00'],
    [123450, '₹1,234.50'],
    [12345050, '₹1,23,450.50'],
    [100000000000000, '₹10,00,00,00,00,000.00'],
    [-2800, '-₹28.00'],
  ])('formats %i paise as %s', (paise, expected) => {
    expect(formatMoney(paise)).toBe(expected);
  });

  it('formats the largest safe integer without losing a paisa', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('₹9,00,71,99,25,47,409.91');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s, which is not whole paise', (value) => {
    expect(() => formatMoney(value)).toThrow(RangeError);
  });
});

describe('parseRupees', () => {
  it.each([
    ['500', 50000],
    ['500.5', 50050],
    ['500.05', 50005],
    ['0.01', 1],
    ['₹1,23,450.50', 12345050],
    [' 135 ', 13500],
    ['Rs. 42', 4200],
    ['7.', 700],
  ])('reads %j as %i paise', (text, paise) => {
    expect(parseRupees(text)).toBe(paise);
  });

  it.each(['', 'abc', '5.555', '-1', '1e3', '1.2.3', '.5', '99999999999999999999'])(
    'refuses %j',
    (text) => {
      expect(parseRupees(text)).toBeNull();
    },
  );

  it('reads back what rupeesInputText writes', () => {
    for (const paise of [0, 1, 99, 100, 50000, 50050, 12345050]) {
      expect(parseRupees(rupeesInputText(paise))).toBe(paise);
    }
    expect(rupeesInputText(50000)).toBe('500');
    expect(rupeesInputText(50050)).toBe('500.50');
  });
});

describe('formatRupees', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [13500, '135.00'],
    [12345050, '123450.50'],
    [-900, '-9.00'],
  ])('writes %i paise as %s for a file', (paise, expected) => {
    expect(formatRupees(paise)).toBe(expected);
  });
});
