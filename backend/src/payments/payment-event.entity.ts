import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyScalar } from '../common/graphql/money.scalar.js';
import { PaymentEventKind } from './gateway-events.js';
import { PaymentGateway } from './payment-gateway.js';

/** What became of a received event (CONTRACT.md, "Payments from a gateway"). */
export enum PaymentEventOutcome {
  /** Acted on: the order paid, a failed attempt counted, a refund applied or recorded. */
  PROCESSED = 'PROCESSED',
  /** Its effect had already happened (the order was already paid or refunded): nothing changed. */
  DUPLICATE = 'DUPLICATE',
  /** No order of ours carries its reference: nothing changed. */
  UNMATCHED = 'UNMATCHED',
  /** The amount (or currency) differs from the order's: nothing paid. */
  AMOUNT_MISMATCH = 'AMOUNT_MISMATCH',
  /** An event type that moves nothing (authorized, order.paid, ...). */
  IGNORED = 'IGNORED',
}
registerEnumType(PaymentEventOutcome, { name: 'PaymentEventOutcome' });
registerEnumType(PaymentEventKind, { name: 'PaymentEventKind', description: 'What an event asks of an order, whichever gateway sent it' });

/** One webhook event from a payment gateway, stored once (per gateway and event key) with its outcome. */
@ObjectType()
@Entity('payment_events')
export class PaymentEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => PaymentGateway)
  @Column({ type: 'varchar', length: 16 })
  gateway: PaymentGateway;

  @Field({ description: "The event's unique key at its gateway: Razorpay's X-Razorpay-Event-Id; Cashfree's type and payment id" })
  @Column({ name: 'event_key', type: 'varchar', length: 200 })
  eventKey: string;

  @Field({ description: "The gateway's event type (payment.captured, PAYMENT_SUCCESS_WEBHOOK, ...)" })
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Field(() => PaymentEventKind)
  @Column({ type: 'varchar', length: 16 })
  kind: PaymentEventKind;

  @Field(() => PaymentEventOutcome)
  @Column({ type: 'varchar', length: 16 })
  outcome: PaymentEventOutcome;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'order_id', type: 'bigint', nullable: true })
  orderId: number | null;

  @Field(() => String, { nullable: true, description: 'Our reference as the event carried it (ott_<order id>)' })
  @Column({ name: 'payment_reference', type: 'varchar', length: 100, nullable: true })
  paymentReference: string | null;

  @Field(() => String, { nullable: true, description: "The gateway's payment id (pay_…, cf_payment_id); for a refund, the refunded payment" })
  @Column({ name: 'gateway_payment_id', type: 'varchar', length: 128, nullable: true })
  gatewayPaymentId: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Paise; for a refund, the amount refunded' })
  @Column({ type: 'bigint', nullable: true })
  amount: number | null;

  @Field({ description: 'Something for an admin to look at: an unknown reference, a wrong amount, a late or second payment, a partial refund' })
  @Column({ name: 'needs_review', type: 'boolean', default: false })
  needsReview: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Date, { nullable: true, description: 'When an admin reviewed it (reviewPaymentEvent)' })
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'reviewed_by_id', type: 'bigint', nullable: true })
  reviewedById: number | null;

  @Field(() => String, { nullable: true, description: 'What the reviewing admin found or did' })
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Field({ description: 'The body exactly as received (the bytes the signature covered)' })
  @Column({ type: 'text' })
  body: string;

  @Field({ description: 'When it was received' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
