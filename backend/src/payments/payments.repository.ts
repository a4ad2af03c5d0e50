import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import type { OrderStatus } from '../orders/order.entity.js';
import type { PaymentEventOutcome } from './payment-event.entity.js';

/**
 * Stores the event once (per gateway and event key: a repeat delivery, or nine racing copies,
 * wait for the first on the unique key and then find it there) and reads the order it names,
 * in one statement. The order is locked first: the event's row references it (a key-share lock),
 * and two events of one order under different keys would otherwise each hold that lock while
 * waiting for the other's, to pay or refund the order (a deadlock). Then every path that
 * changes an order locks it before its wallets, as the payment statement does. The first outcome follows from the order alone; acting on it may refine it.
 * $12 forces an outcome (a recording after the event could not be applied).
 */
const STORE_EVENT = defineStatement(
  'payments',
  'storeEvent',
  [
    'gateway: text',
    'eventKey: text',
    'type: text',
    'orderId: bigint',
    'paymentReference: text',
    'gatewayPaymentId: text',
    'amount: bigint',
    'body: text',
    'note: text',
    'kind: text',
    'currency: text',
    'forcedOutcome: text',
  ],
  `
  WITH o AS (
    SELECT id, amount, status, transaction_id FROM orders
    WHERE id = $4 OR ($4::bigint IS NULL AND $10 = 'REFUND' AND transaction_id = $6)
    LIMIT 1
    FOR UPDATE
  ), decided AS (
    SELECT o.id AS order_id, coalesce($12, CASE
             WHEN $10 = 'OTHER' THEN 'IGNORED'
             WHEN o.id IS NULL THEN 'UNMATCHED'
             WHEN $10 = 'CAPTURED' AND ($7::bigint IS NULL OR $7::bigint <> o.amount OR coalesce($11, 'INR') <> 'INR') THEN 'AMOUNT_MISMATCH'
             ELSE 'PROCESSED' END) AS outcome
    FROM (SELECT 1) one LEFT JOIN o ON true
  ), stored AS (
    INSERT INTO payment_events (gateway, event_key, type, kind, outcome, order_id, payment_reference, gateway_payment_id, amount, needs_review, note, body)
    SELECT $1, $2, $3, $10, d.outcome, d.order_id, $5, $6, $7, $12 IS NOT NULL OR d.outcome IN ('UNMATCHED', 'AMOUNT_MISMATCH'), $9, $8
    FROM decided d
    ON CONFLICT (gateway, event_key) DO NOTHING
    RETURNING id, outcome, order_id
  )
  SELECT s.id, s.outcome, o.id AS "orderId", o.amount AS "orderAmount", o.status AS "orderStatus", o.transaction_id AS "orderTransactionId"
  FROM stored s LEFT JOIN o ON true
`,
);

const MARK_OUTCOME = defineStatement('payments', 'markOutcome', ['eventId: bigint', 'outcome: text', 'note: text'], `
  UPDATE payment_events SET outcome = $2, needs_review = needs_review OR $3::text IS NOT NULL, note = coalesce($3, note) WHERE id = $1
`);

const MARK_REVIEWED = defineStatement('payments', 'markReviewed', ['eventId: bigint', 'adminId: bigint', 'note: text'], `
  UPDATE payment_events SET needs_review = false, reviewed_at = now(), reviewed_by_id = $2, review_note = $3 WHERE id = $1 AND needs_review
`);

/** The event's row as stored, and its order as it was when the event arrived. */
export interface StoredEvent {
  id: number;
  outcome: PaymentEventOutcome;
  orderId: number | null;
  orderAmount: number | null;
  orderStatus: OrderStatus | null;
  orderTransactionId: string | null;
}

export interface EventToStore {
  gateway: string;
  eventKey: string;
  type: string;
  orderId: number | null;
  reference: string | null;
  paymentId: string | null;
  amount: number | null;
  body: string;
  note: string | null;
  kind: string;
  currency: string | null;
  forcedOutcome: PaymentEventOutcome | null;
}

/** The payment_events table's statements: storing a gateway's event and recording what became of it. */
@Injectable()
export class PaymentsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** The stored event with its order; undefined for a repeat delivery (stored the first time). */
  storeEvent(event: EventToStore): Promise<StoredEvent | undefined> {
    return this.transactions.row<StoredEvent>(STORE_EVENT, [
      event.gateway,
      event.eventKey,
      event.type,
      event.orderId,
      event.reference,
      event.paymentId,
      event.amount,
      event.body,
      event.note,
      event.kind,
      event.currency,
      event.forcedOutcome,
    ]);
  }

  /** Sets the event's final outcome; a note marks it for an admin's review. */
  async markOutcome(eventId: number, outcome: PaymentEventOutcome, note: string | null): Promise<void> {
    await this.transactions.execute(MARK_OUTCOME, [eventId, outcome, note]);
  }

  /** Clears the review flag with the admin's note; false when the event was not awaiting review. */
  async markReviewed(eventId: number, adminId: number, note: string): Promise<boolean> {
    return ((await this.transactions.execute(MARK_REVIEWED, [eventId, adminId, note])).rowCount ?? 0) > 0;
  }
}
