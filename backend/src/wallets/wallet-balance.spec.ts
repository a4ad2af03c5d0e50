import { describe, expect, it } from '@jest/globals';
import { walletChange } from './wallet-balance.js';

describe('walletChange', () => {
  it.each([
    ['a commission credit into PENDING adds', { bucket: 'PENDING', fromBucket: null, amount: 2800 }, 2800],
    ['a reversal (negative amount) takes away', { bucket: 'PENDING', fromBucket: null, amount: -2800 }, -2800],
    ['a clawback from AVAILABLE takes away', { bucket: 'AVAILABLE', fromBucket: null, amount: -900 }, -900],
    ['a release PENDING → AVAILABLE changes nothing', { bucket: 'AVAILABLE', fromBucket: 'PENDING', amount: 2800 }, 0],
    ['a withdrawal lock AVAILABLE → LOCKED changes nothing', { bucket: 'LOCKED', fromBucket: 'AVAILABLE', amount: 45000 }, 0],
    ['a payout LOCKED → WITHDRAWN takes it out', { bucket: 'WITHDRAWN', fromBucket: 'LOCKED', amount: 45000 }, -45000],
    ['an unlock LOCKED → AVAILABLE changes nothing', { bucket: 'AVAILABLE', fromBucket: 'LOCKED', amount: 45000 }, 0],
  ])('%s', (_, entry, expected) => {
    expect(walletChange(entry)).toBe(expected);
  });
});
