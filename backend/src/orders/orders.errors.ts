import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

export enum OrderError {
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  IDEMPOTENCY_MISMATCH = 'IDEMPOTENCY_MISMATCH',
  ALREADY_PAID = 'ALREADY_PAID',
  TRANSACTION_ID_REUSED = 'TRANSACTION_ID_REUSED',
  BOT_PAYMENT_CONFIRMATION_DISABLED = 'BOT_PAYMENT_CONFIRMATION_DISABLED',
  PAYMENT_GATEWAY_NOT_CONFIGURED = 'PAYMENT_GATEWAY_NOT_CONFIGURED',
  PAYMENT_GATEWAY_UNAVAILABLE = 'PAYMENT_GATEWAY_UNAVAILABLE',
}

export const ORDER_ERRORS = defineErrors<OrderError>('orders', {
  INVALID_TRANSITION: {
    code: ErrorCode.CONFLICT,
    message: 'The record is not in a state that allows this',
    description: 'The order (or record) is not in a status this operation starts from.',
  },
  IDEMPOTENCY_MISMATCH: {
    code: ErrorCode.CONFLICT,
    message: 'This idempotencyKey was already used for an order with different parameters',
    description: 'The idempotency key was already used by this user for an order with another payment method or UPI id.',
  },
  ALREADY_PAID: { code: ErrorCode.CONFLICT, message: 'The order was already paid with another transactionId', description: 'The order is paid (or refunded) by another transaction id.' },
  TRANSACTION_ID_REUSED: {
    code: ErrorCode.CONFLICT,
    message: 'This transactionId was already used for another order',
    description: 'The transaction id already paid another order.',
  },
  BOT_PAYMENT_CONFIRMATION_DISABLED: {
    code: ErrorCode.FORBIDDEN,
    message: 'Payments are confirmed by the payment gateway only',
    description: 'The setting bot_payment_confirmation_enabled is off: only a payment gateway confirms payments.',
  },
  PAYMENT_GATEWAY_NOT_CONFIGURED: {
    code: ErrorCode.CONFLICT,
    message: 'No payment gateway is configured',
    description: 'Payment links need a payment gateway (PAYMENT_GATEWAY), and none is configured.',
  },
  PAYMENT_GATEWAY_UNAVAILABLE: {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: 'The payment gateway did not create a payment link; try again',
    description: 'The payment gateway failed or did not answer; the attempt can be retried.',
  },
});

/** An order or payment that cannot go ahead: `new OrderException(OrderError.ALREADY_PAID, 'Order 5 was already paid…')`. */
export class OrderException extends CodedException<OrderError> {
  constructor(reason: OrderError, message?: string, details?: Record<string, unknown>) {
    super(ORDER_ERRORS, reason, message, details);
  }
}
