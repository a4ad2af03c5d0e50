import { registerEnumType } from '@nestjs/graphql';

export enum PaymentGateway {
  RAZORPAY = 'RAZORPAY',
  CASHFREE = 'CASHFREE',
}
registerEnumType(PaymentGateway, { name: 'PaymentGateway' });

/** The merchant reference a gateway carries back to us: `ott_<order id>` (CONTRACT.md). */
export function paymentReferenceOf(orderId: number | string): string {
  return `ott_${orderId}`;
}

const REFERENCE_PATTERN = /^ott_([1-9]\d{0,17})$/;

/** The order id in a reference, or null when it is not one of ours. */
export function orderIdOfReference(reference: unknown): number | null {
  if (typeof reference !== 'string') return null;
  const match = REFERENCE_PATTERN.exec(reference);
  return match ? Number(match[1]) : null;
}
