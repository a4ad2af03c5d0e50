import { CodedException, DomainException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

export enum WithdrawalError {
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  OPEN_REQUEST_EXISTS = 'OPEN_REQUEST_EXISTS',
  WITHDRAWALS_DISABLED = 'WITHDRAWALS_DISABLED',
  USER_BLOCKED = 'USER_BLOCKED',
  USER_ON_HOLD = 'USER_ON_HOLD',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

export const WITHDRAWAL_ERRORS = defineErrors<WithdrawalError>('withdrawals', {
  INVALID_AMOUNT: { code: ErrorCode.BAD_USER_INPUT, message: 'The amount is not valid', description: 'An amount is not a positive whole number of paise, or not a rupee amount.' },
  BELOW_MINIMUM: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'The amount is below the minimum withdrawal',
    description: 'The withdrawal is smaller than min_withdrawal_amount (details.minimum, paise).',
  },
  INSUFFICIENT_FUNDS: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Not enough money is available to withdraw',
    description: 'The wallet has less available than the amount asked for (details.available, paise).',
  },
  OPEN_REQUEST_EXISTS: {
    code: ErrorCode.CONFLICT,
    message: 'A withdrawal request is already open for this user',
    description: 'The user already has a PENDING, APPROVED or PROCESSING withdrawal.',
  },
  WITHDRAWALS_DISABLED: { code: ErrorCode.FORBIDDEN, message: 'Withdrawals are switched off for now', description: 'The withdrawals_enabled setting is off.' },
  USER_BLOCKED: {
    code: ErrorCode.FORBIDDEN,
    message: 'This account is blocked and cannot withdraw',
    description: "The user is blocked: their own withdrawal request is FORBIDDEN; an admin's approval or payout of one is a CONFLICT.",
  },
  USER_ON_HOLD: {
    code: ErrorCode.CONFLICT,
    message: 'The user has open fraud flags; resolve them before approving',
    description: 'The user has open fraud flags: their withdrawal cannot be approved or paid out until an admin closes them.',
  },
  INVALID_TRANSITION: {
    code: ErrorCode.CONFLICT,
    message: 'This record is not in a state that allows this',
    description: 'A wrong state transition (approving a paid withdrawal, refunding a pending order), or a lost race with another change.',
  },
});

/** A withdrawal refused for a reason of the catalog: `new WithdrawalException(WithdrawalError.BELOW_MINIMUM, message, { minimum })`. */
export class WithdrawalException extends CodedException<WithdrawalError> {
  constructor(reason: WithdrawalError, message?: string, details?: Record<string, unknown>) {
    super(WITHDRAWAL_ERRORS, reason, message, details);
  }
}

/**
 * An admin's approval (or payout) of a withdrawal whose owner is blocked or under review: always
 * a CONFLICT (the request's state stands in the way), though a blocked user's own request is
 * FORBIDDEN under the same reason USER_BLOCKED. The one reason whose code depends on who asks,
 * so it cannot come from the catalog alone.
 */
export class WithdrawalApprovalRefused extends DomainException {
  constructor(refusal: { reason: `${WithdrawalError.USER_BLOCKED | WithdrawalError.USER_ON_HOLD}`; message: string }) {
    super(ErrorCode.CONFLICT, refusal.message, refusal.reason);
  }
}
