import { describe, expect, it } from 'vitest';
import { allowedWithdrawalActions } from './withdrawalActions';

describe('allowedWithdrawalActions', () => {
  it.each([
    ['PENDING', ['approve', 'reject']],
    ['APPROVED', ['markPaid', 'reject']],
    ['REJECTED', []],
    ['PAID', []],
  ] as const)('offers a %s withdrawal %j', (status, actions) => {
    expect(allowedWithdrawalActions(status)).toEqual(actions);
  });

  it('never offers marking a pending withdrawal paid, nor approving an approved one', () => {
    expect(allowedWithdrawalActions('PENDING')).not.toContain('markPaid');
    expect(allowedWithdrawalActions('APPROVED')).not.toContain('approve');
  });

  it('offers nothing while the record is loading', () => {
    expect(allowedWithdrawalActions(undefined)).toEqual([]);
  });
});
