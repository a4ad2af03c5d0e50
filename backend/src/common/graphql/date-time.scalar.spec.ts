import { describe, expect, it } from '@jest/globals';
import { Kind } from 'graphql';
import { DateTimeScalar } from './date-time.scalar.js';

describe('DateTime scalar', () => {
  it('reads ISO 8601 strings from the year 0001 to 9999', () => {
    expect(DateTimeScalar.parseValue('2026-01-01T00:00:00Z')).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect((DateTimeScalar.parseValue('0001-01-01T00:00:00Z') as Date).getUTCFullYear()).toBe(1);
    expect((DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '9999-12-31T23:59:59.999Z' }) as Date).getUTCFullYear()).toBe(9999);
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([['-100000-01-01T00:00:00Z'], ['-271821-04-20T00:00:00Z'], ['0000-12-31T23:59:59Z'], ['+010000-01-01T00:00:00Z']])(
    'refuses %s with BAD_USER_INPUT, naming the years it takes',
    (value) => {
      const refusal = expect.objectContaining({ message: expect.stringContaining('between the years 0001 and 9999'), extensions: { code: 'BAD_USER_INPUT' } });
      expect(() => DateTimeScalar.parseValue(value)).toThrow(refusal);
      expect(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value })).toThrow(refusal);
    },
  );

  it.each([['not a date'], [''], [1_700_000_000_000], [null], [true]])('refuses %p as no date-time string', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
});
