import { describe, expect, it } from 'vitest';
import { userModeration } from './userActions';

describe('userModeration', () => {
  it.each([
    ['ACTIVE', 'block'],
    ['SUSPICIOUS', 'block'],
    ['BLOCKED', 'unblock'],
    [undefined, null],
  ] as const)('offers a %s user: %s', (status, action) => {
    expect(userModeration(status)).toBe(action);
  });
});
