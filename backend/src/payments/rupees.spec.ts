import { describe, expect, it } from '@jest/globals';
import { paiseToRupees, rupeesToPaise } from './rupees.js';

describe('rupeesToPaise', () => {
  it.each([
    ['135.00', 13500],
    ['135', 13500],
    ['134.99', 13499],
    ['134.9', 13490],
    ['0.01', 1],
    ['0', 0],
    ['1.10', 110],
    ['9999999999999.99', 999999999999999],
  ])('%s rupees is %i paise', (text, paise) => {
    expect(rupeesToPaise(text)).toBe(paise);
  });

  it.each(['135.001', '-135', '+135', '1e2', '135.', '.5', ' 135', '135 ', '', '1,350', '0x10', 'NaN', '135.0.0'])('refuses %j', (text) => {
    expect(() => rupeesToPaise(text)).toThrow(/rupee amount/);
  });
});

describe('paiseToRupees', () => {
  it.each([
    [13500, '135.00'],
    [13499, '134.99'],
    [1, '0.01'],
    [10, '0.10'],
    [0, '0.00'],
  ])('%i paise is %s', (paise, text) => {
    expect(paiseToRupees(paise)).toBe(text);
  });

  it('round-trips every amount up to ₹1,000', () => {
    for (let paise = 0; paise <= 100_000; paise += 7) expect(rupeesToPaise(paiseToRupees(paise))).toBe(paise);
  });
});
