import type { WithdrawalStatus } from '../types';

export type WithdrawalAction = 'approve' | 'reject' | 'markPaid';

// The state machine the API enforces (CONTRACT.md): PENDING → APPROVED | REJECTED,
// APPROVED → PAID | REJECTED. REJECTED and PAID are final.
const ALLOWED: Record<WithdrawalStatus, WithdrawalAction[]> = {
  PENDING: ['approve', 'reject'],
  APPROVED: ['markPaid', 'reject'],
  REJECTED: [],
  PAID: [],
};

/** The buttons a withdrawal in this status shows. */
export function allowedWithdrawalActions(status: WithdrawalStatus | undefined): WithdrawalAction[] {
  return (status && ALLOWED[status]) || [];
}
