import { describe, expect, it } from 'vitest';
import {
  formatBasisPoints,
  formatBucketMove,
  formatPercent,
  formatSignedMoney,
  fittedFontSize,
  fullName,
  personName,
  sumMoney,
} from './format';
import { statusColor } from './statusColors';

describe('formatSignedMoney', () => {
  it.each([
    [2800, '+₹28.00'],
    [-900, '-₹9.00'],
    [0, '₹0.00'],
    [12345050, '+₹1,23,450.50'],
  ])('shows %i paise as %s', (paise, expected) => {
    expect(formatSignedMoney(paise)).toBe(expected);
  });
});

describe('formatBucketMove', () => {
  it('shows a transfer as from → to', () => {
    expect(formatBucketMove({ bucket: 'AVAILABLE', fromBucket: 'PENDING' })).toBe('PENDING → AVAILABLE');
  });

  it('shows a credit or debit as its bucket', () => {
    expect(formatBucketMove({ bucket: 'PENDING', fromBucket: null })).toBe('PENDING');
    expect(formatBucketMove({ bucket: 'AVAILABLE' })).toBe('AVAILABLE');
  });

  it('names each bucket in the words given', () => {
    const word = (bucket: string) => bucket.toLowerCase();
    expect(formatBucketMove({ bucket: 'AVAILABLE', fromBucket: 'PENDING' }, word)).toBe('pending → available');
    expect(formatBucketMove({ bucket: 'LOCKED' }, word)).toBe('locked');
  });
});

describe('formatPercent', () => {
  it.each([
    [50, '50%'],
    [33.3333, '33.3%'],
    [66.66, '66.7%'],
    [0, '0%'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('shows %s as %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it.each([
    [49, '49.0%'],
    [54.94, '54.9%'],
    [99.96, '100.0%'],
    [0, '0.0%'],
    [null, '—'],
  ])('shows %s with its decimal always as %s', (value, expected) => {
    expect(formatPercent(value, { fixed: true })).toBe(expected);
  });

  it('shows basis points as a percentage', () => {
    expect(formatBasisPoints(3000)).toBe('30%');
    expect(formatBasisPoints(1250)).toBe('12.5%');
  });
});

describe('personName', () => {
  it('prefers the @username, then the name, then the Telegram ID', () => {
    expect(personName({ telegramId: '7', username: 'asha', firstName: 'Asha' })).toBe('@asha');
    expect(personName({ telegramId: '7', firstName: 'Asha', lastName: 'Rao' })).toBe('Asha Rao');
    expect(personName({ telegramId: '7' })).toBe('7');
    expect(personName(null)).toBe('—');
  });

  it('joins only the names present', () => {
    expect(fullName({ lastName: 'Rao' })).toBe('Rao');
    expect(fullName({})).toBe('');
  });
});

describe('sumMoney', () => {
  it('adds paise exactly', () => {
    expect(sumMoney([50000, 75050, 1])).toBe(125051);
    expect(sumMoney([])).toBe(0);
  });
});

describe('statusColor', () => {
  it.each([
    ['PENDING', 'warning'],
    ['PAID', 'success'],
    ['REJECTED', 'error'],
    ['BLOCKED', 'error'],
    ['OPEN', 'warning'],
    ['HIGH', 'error'],
    ['SOMETHING_NEW', 'default'],
    [undefined, 'default'],
  ])('colours %s as %s', (status, color) => {
    expect(statusColor(status)).toBe(color);
  });
});

describe('fittedFontSize', () => {
  it('sizes a figure so that its characters fit the card, never above the largest size', () => {
    expect(fittedFontSize('₹135.00')).toBe('min(1.5rem, calc(100cqi / 4.06))');
    // ₹15,81,05,564.00: 16 characters in a card's 158 px content box → ~17 px
    expect(fittedFontSize('₹15,81,05,564.00')).toBe('min(1.5rem, calc(100cqi / 9.28))');
    expect(158 / 9.28).toBeCloseTo(17, 0);
    expect(fittedFontSize('')).toBe('min(1.5rem, calc(100cqi / 0.58))');
  });
});
