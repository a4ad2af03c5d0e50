import { describe, expect, it } from 'vitest';
import { commissionHoldReason } from './commissionHold';

const now = new Date('2026-12-01T12:00:00Z');
const commission = (status: string, releaseAt: string, beneficiaryStatus?: string) =>
  ({ status, releaseAt, beneficiary: { id: 1, status: beneficiaryStatus } }) as never;

describe('commissionHoldReason', () => {
  it('says a pending commission of a user under fraud review is held by the flag, hold over or not', () => {
    expect(commissionHoldReason(commission('PENDING', '2026-11-30T00:00:00Z', 'SUSPICIOUS'), now)).toBe('fraud_review');
    expect(commissionHoldReason(commission('PENDING', '2026-12-02T00:00:00Z', 'SUSPICIOUS'), now)).toBe('fraud_review');
  });

  it('says a blocked beneficiary holds it', () => {
    expect(commissionHoldReason(commission('PENDING', '2026-11-30T00:00:00Z', 'BLOCKED'), now)).toBe('blocked');
  });

  it('says an active beneficiary waits for the hold period, and nothing once it is over', () => {
    expect(commissionHoldReason(commission('PENDING', '2026-12-02T00:00:00Z', 'ACTIVE'), now)).toBe('hold_period');
    expect(commissionHoldReason(commission('PENDING', '2026-11-30T00:00:00Z', 'ACTIVE'), now)).toBeNull();
  });

  it('says nothing about a released or reversed commission', () => {
    expect(commissionHoldReason(commission('AVAILABLE', '2026-11-30T00:00:00Z', 'SUSPICIOUS'), now)).toBeNull();
    expect(commissionHoldReason(commission('REVERSED', '2026-11-30T00:00:00Z', 'BLOCKED'), now)).toBeNull();
  });
});
