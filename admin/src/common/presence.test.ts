import { describe, expect, it } from 'vitest';
import { isSet } from './presence';

describe('isSet', () => {
  it('counts a value, zero and false as set', () => {
    expect(isSet({ paidAt: '2026-12-03T06:00:00Z' }, 'paidAt')).toBe(true);
    expect(isSet({ failedAttempts: 0 }, 'failedAttempts')).toBe(true);
    expect(isSet({ exempt: false }, 'exempt')).toBe(true);
  });

  it('counts null, a missing field, an empty string and no record as unset', () => {
    expect(isSet({ paidAt: null }, 'paidAt')).toBe(false);
    expect(isSet({}, 'paidAt')).toBe(false);
    expect(isSet({ rejectReason: '' }, 'rejectReason')).toBe(false);
    expect(isSet(undefined, 'paidAt')).toBe(false);
  });
});
