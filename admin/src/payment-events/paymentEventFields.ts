// The list skips the raw body (kilobytes per row); the show page reads it.
export const PAYMENT_EVENT_LIST_FIELDS = [
  'id',
  'createdAt',
  'gateway',
  'type',
  'kind',
  'outcome',
  'orderId',
  'gatewayPaymentId',
  'amount',
  'needsReview',
  'note',
];

export const PAYMENT_EVENT_SHOW_FIELDS = [...PAYMENT_EVENT_LIST_FIELDS, 'eventKey', 'paymentReference', 'body', 'reviewedAt', 'reviewedById', 'reviewNote'];

export const PAYMENT_GATEWAYS = ['RAZORPAY', 'CASHFREE'] as const;
export const PAYMENT_EVENT_KINDS = ['CAPTURED', 'FAILED', 'REFUND', 'OTHER'] as const;
export const PAYMENT_EVENT_OUTCOMES = ['PROCESSED', 'DUPLICATE', 'UNMATCHED', 'AMOUNT_MISMATCH', 'IGNORED'] as const;
