import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** Why a payout (sendPayouts, payoutFile) is refused: the whole batch, nothing sent. */
export enum PayoutError {
  PAYOUT_PROVIDER_MANUAL = 'PAYOUT_PROVIDER_MANUAL',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  USER_BLOCKED = 'USER_BLOCKED',
  USER_ON_HOLD = 'USER_ON_HOLD',
}

export const PAYOUT_ERRORS = defineErrors<PayoutError>('payouts', {
  PAYOUT_PROVIDER_MANUAL: {
    code: ErrorCode.CONFLICT,
    message: 'Payouts are manual (PAYOUT_PROVIDER=manual): download the payout file instead',
    description: 'sendPayouts while no payout provider is configured: pay through the payout file instead.',
  },
  INVALID_TRANSITION: {
    code: ErrorCode.CONFLICT,
    message: 'The record is not in a state that allows this',
    description: 'The record is not in a state that allows this change (e.g. a payout of a withdrawal that is not APPROVED).',
  },
  USER_BLOCKED: {
    code: ErrorCode.CONFLICT,
    message: 'The user is blocked; reject this withdrawal instead',
    description: "The withdrawal's user is blocked: it cannot be approved or paid out.",
  },
  USER_ON_HOLD: {
    code: ErrorCode.CONFLICT,
    message: 'The user has open fraud flags; resolve them before approving',
    description: "The withdrawal's user is under review (open fraud flags): it cannot be approved or paid out.",
  },
});

export class PayoutException extends CodedException<PayoutError> {
  constructor(reason: PayoutError, message?: string, details?: Record<string, unknown>) {
    super(PAYOUT_ERRORS, reason, message, details);
  }
}
