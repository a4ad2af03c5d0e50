import type { WithdrawalStatus } from '../types';

export type WithdrawalAction = 'approve' | 'reject' | 'markPaid' | 'sendPayouts';

// The state machine the API enforces (CONTRACT.md): PENDING → APPROVED | REJECTED,
// APPROVED → PAID | REJECTED | PROCESSING (sent to the payout provider, which decides:
// PAID or FAILED; a PAID payout may come back REVERSED). REJECTED, FAILED, REVERSED are final.
const ALLOWED: Record<WithdrawalStatus, WithdrawalAction[]> = {
  PENDING: ['approve', 'reject'],
  APPROVED: ['markPaid', 'reject'],
  PROCESSING: [],
  REJECTED: [],
  PAID: [],
  FAILED: [],
  REVERSED: [],
};

/** The buttons a withdrawal in this status shows. */
export function allowedWithdrawalActions(status: WithdrawalStatus | undefined): WithdrawalAction[] {
  return (status && ALLOWED[status]) || [];
}
