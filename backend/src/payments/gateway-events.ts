import { BadRequestException } from '@nestjs/common';
import { isLosslessNumber, parse } from 'lossless-json';
import { DomainException } from '../common/errors/domain.exception.js';
import { PaymentGateway, orderIdOfReference } from './payment-gateway.js';
import { rupeesToPaise } from './rupees.js';
import { bodyDigest } from './webhook-signature.js';

/** What an event asks of an order. */
export enum PaymentEventKind {
  /** Money taken: pay the order. */
  CAPTURED = 'CAPTURED',
  /** An attempt failed or was abandoned: count it, the order stays PENDING. */
  FAILED = 'FAILED',
  /** Money returned: the whole amount refunds the order, a part is recorded. */
  REFUND = 'REFUND',
  /** Anything else (authorized, order.paid, links, disputes): stored, nothing done. */
  OTHER = 'OTHER',
}

/** A webhook event in the one shape the payment code reads, whichever gateway sent it. */
export interface GatewayEvent {
  gateway: PaymentGateway;
  /** Unique per event at its gateway: a repeat delivery carries the same key. */
  eventKey: string;
  type: string;
  kind: PaymentEventKind;
  /** Our reference as the event carried it (ott_<id>), and the order id in it. */
  reference: string | null;
  orderId: number | null;
  /** The gateway's payment id (pay_…, cf_payment_id); for a refund, the refunded payment's. */
  paymentId: string | null;
  /** Paise; for a refund, the amount refunded. Null when absent or not understood. */
  amount: number | null;
  currency: string | null;
  note: string | null;
}

type Json = Record<string, unknown>;

const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const text = (value: unknown, max = 128): string | null =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, max) : isLosslessNumber(value) ? value.value.slice(0, max) : typeof value === 'number' ? String(value) : null;

const RAZORPAY_KINDS: Record<string, PaymentEventKind> = {
  'payment.captured': PaymentEventKind.CAPTURED,
  'payment.failed': PaymentEventKind.FAILED,
  'refund.processed': PaymentEventKind.REFUND,
};

/** Paise from Razorpay: a non-negative integer, else null. */
function razorpayPaise(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * A Razorpay event (`{ event, payload: { payment: { entity }, refund: { entity } } }`), keyed by
 * the X-Razorpay-Event-Id header (a body digest if it is missing). 400 when it is not one.
 */
export function razorpayEvent(body: unknown, eventId: string | undefined, rawBody: Buffer): GatewayEvent {
  const envelope = object(body);
  const type = text(envelope?.event, 64);
  if (!envelope || !type) throw new BadRequestException('Not a Razorpay event: "event" is missing');
  const payload = object(envelope.payload);
  const payment = object(object(payload?.payment)?.entity);
  const refund = object(object(payload?.refund)?.entity);
  const kind = RAZORPAY_KINDS[type] ?? PaymentEventKind.OTHER;
  // notes is an object, or [] when a payment has none
  const reference = text(object(payment?.notes)?.payment_reference, 100);
  const error = [text(payment?.error_code, 64), text(payment?.error_description, 300)].filter(Boolean).join(': ');
  return {
    gateway: PaymentGateway.RAZORPAY,
    eventKey: eventId?.trim().slice(0, 200) || `sha256:${bodyDigest(rawBody)}`,
    type,
    kind,
    reference,
    orderId: orderIdOfReference(reference),
    paymentId: kind === PaymentEventKind.REFUND ? text(refund?.payment_id) : text(payment?.id),
    amount: razorpayPaise(kind === PaymentEventKind.REFUND ? refund?.amount : payment?.amount),
    currency: text((kind === PaymentEventKind.REFUND ? refund?.currency : payment?.currency) ?? null, 8),
    note: kind === PaymentEventKind.REFUND ? `Refund ${text(refund?.id) ?? '(no id)'}` : error || null,
  };
}

const CASHFREE_KINDS: Record<string, PaymentEventKind> = {
  PAYMENT_SUCCESS_WEBHOOK: PaymentEventKind.CAPTURED,
  PAYMENT_FAILED_WEBHOOK: PaymentEventKind.FAILED,
  PAYMENT_USER_DROPPED_WEBHOOK: PaymentEventKind.FAILED,
};

/**
 * A Cashfree event (`{ type, data: { order, payment } }`), parsed from the raw bytes so rupee
 * amounts keep their exact decimal text (135.00 stays "135.00"); keyed by type and payment id.
 * 400 when it is not JSON or not an event.
 */
export function cashfreeEvent(rawBody: Buffer): GatewayEvent {
  let body: unknown;
  try {
    body = parse(rawBody.toString('utf8'));
  } catch {
    throw new BadRequestException('The body is not valid JSON');
  }
  const envelope = object(body);
  const type = text(envelope?.type, 64);
  if (!envelope || !type) throw new BadRequestException('Not a Cashfree event: "type" is missing');
  const data = object(envelope.data);
  const order = object(data?.order);
  const payment = object(data?.payment);
  const paymentId = text(payment?.cf_payment_id);
  const reference = text(order?.order_id, 100);
  let amount: number | null = null;
  let note: string | null = text(object(data?.error_details)?.error_description, 300);
  const rupees = text(payment?.payment_amount, 40);
  if (rupees !== null) {
    try {
      amount = rupeesToPaise(rupees);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      note = error.message;
    }
  }
  return {
    gateway: PaymentGateway.CASHFREE,
    eventKey: `${type}:${paymentId ?? `sha256:${bodyDigest(rawBody)}`}`.slice(0, 200),
    type,
    kind: CASHFREE_KINDS[type] ?? PaymentEventKind.OTHER,
    reference,
    orderId: orderIdOfReference(reference),
    paymentId,
    amount,
    currency: text(payment?.payment_currency, 8),
    note,
  };
}
