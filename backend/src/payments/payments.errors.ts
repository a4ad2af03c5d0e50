import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

export enum PaymentError {
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
}

export const PAYMENT_ERRORS = defineErrors<PaymentError>('payments', {
  INVALID_TRANSITION: {
    code: ErrorCode.CONFLICT,
    message: 'The payment event is not awaiting review',
    description: 'The record is not in a status this operation starts from.',
  },
  INVALID_AMOUNT: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'The amount is not valid',
    description: 'An amount is not a positive number of rupees with at most two decimals, or is out of range.',
  },
});

/** A payment event that cannot be changed as asked. */
export class PaymentException extends CodedException<PaymentError> {
  constructor(reason: PaymentError, message?: string, details?: Record<string, unknown>) {
    super(PAYMENT_ERRORS, reason, message, details);
  }
}
