import { describe, expect, it } from '@jest/globals';
import { Kind } from 'graphql';
import { MONEY_LIMIT, MoneyScalar } from './money.scalar.js';

describe('Money scalar', () => {
  it('accepts integer paise', () => {
    expect(MoneyScalar.parseValue(50000)).toBe(50000);
    expect(MoneyScalar.parseValue(-2800)).toBe(-2800);
    expect(MoneyScalar.parseValue(MONEY_LIMIT)).toBe(MONEY_LIMIT);
    expect(MoneyScalar.parseLiteral({ kind: Kind.INT, value: '13500' })).toBe(13500);
  });

  it.each([[12.5], ['500'], [null], [true], [MONEY_LIMIT + 1], [-MONEY_LIMIT - 1], [Number.NaN], [Infinity]])(
    'refuses %p with BAD_USER_INPUT',
    (value) => {
      expect(() => MoneyScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    },
  );

  it('refuses float and string literals', () => {
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.FLOAT, value: '1.5' })).toThrow(/integer number of paise/);
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.STRING, value: '100' })).toThrow(/integer number of paise/);
  });

  it('serialises bigint strings from the database as numbers', () => {
    expect(MoneyScalar.serialize('2800')).toBe(2800);
    expect(MoneyScalar.serialize(900)).toBe(900);
    expect(() => MoneyScalar.serialize(1.5)).toThrow();
  });
});
