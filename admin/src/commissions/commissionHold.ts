import type { Commission, UserStatus } from '../types';

/**
 * Why a pending commission is not released, as the release job decides (CONTRACT.md): it waits
 * for its hold to end, and after that only an ACTIVE beneficiary's commissions are released: an
 * open fraud flag (SUSPICIOUS) or a block holds them. Null for a released or reversed one.
 */
export function commissionHoldReason(
  commission: Pick<Commission, 'status' | 'releaseAt'> & { beneficiary?: { status: UserStatus } | null },
  now: Date,
): 'hold_period' | 'fraud_review' | 'blocked' | null {
  if (commission.status !== 'PENDING') return null;
  const status = commission.beneficiary?.status;
  if (status === 'SUSPICIOUS') return 'fraud_review';
  if (status === 'BLOCKED') return 'blocked';
  return Date.parse(commission.releaseAt) > now.getTime() ? 'hold_period' : null;
}
