import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

export enum PaymentError {
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

export const PAYMENT_ERRORS = defineErrors<PaymentError>('payments', {
  INVALID_TRANSITION: {
    code: ErrorCode.CONFLICT,
    message: 'The payment event is not awaiting review',
    description: 'The record is not in a status this operation starts from.',
  },
});

/** A payment event that cannot be changed as asked. */
export class PaymentException extends CodedException<PaymentError> {
  constructor(reason: PaymentError, message?: string, details?: Record<string, unknown>) {
    super(PAYMENT_ERRORS, reason, message, details);
  }
}
