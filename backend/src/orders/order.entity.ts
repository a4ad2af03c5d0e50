import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyScalar } from '../common/graphql/money.scalar.js';
import { PaymentGateway } from '../payments/payment-gateway.js';

export enum OrderStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });

export enum PaymentMethod {
  UPI = 'UPI',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });

export enum CommissionRounding {
  RUPEE = 'RUPEE',
  PAISE = 'PAISE',
}
registerEnumType(CommissionRounding, { name: 'CommissionRounding' });

/** A purchase. Price, cost, rates, rounding and hold are snapshotted from the settings at creation. */
@ObjectType()
@Entity('orders')
export class Order {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID)
  @Column({ name: 'user_id', type: 'bigint' })
  userId: number;

  @Field(() => OrderStatus)
  @Column({ type: 'varchar', length: 16 })
  status: OrderStatus;

  @Field(() => PaymentMethod)
  @Column({ name: 'payment_method', type: 'varchar', length: 16 })
  paymentMethod: PaymentMethod;

  @Field(() => String, { nullable: true })
  @Column({ name: 'upi_id', type: 'varchar', length: 100, nullable: true })
  upiId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  @Field()
  @Column({ name: 'product_name', type: 'varchar', length: 200 })
  productName: string;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint' })
  amount: number;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint' })
  cost: number;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', insert: false, update: false })
  profit: number;

  @Field(() => Int, { description: 'Level-1 rate in basis points (3000 = 30%)' })
  @Column({ name: 'level1_rate_bps', type: 'integer' })
  level1RateBps: number;

  @Field(() => Int, { description: 'Level-2 rate in basis points (1000 = 10%)' })
  @Column({ name: 'level2_rate_bps', type: 'integer' })
  level2RateBps: number;

  @Field(() => CommissionRounding)
  @Column({ name: 'commission_rounding', type: 'varchar', length: 8 })
  commissionRounding: CommissionRounding;

  @Field(() => Int)
  @Column({ name: 'commission_hold_hours', type: 'integer' })
  commissionHoldHours: number;

  @Field(() => String, { nullable: true })
  @Column({ name: 'transaction_id', type: 'varchar', length: 128, nullable: true })
  transactionId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'failed_transaction_id', type: 'varchar', length: 128, nullable: true })
  failedTransactionId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'refunded_at', type: 'timestamptz', nullable: true })
  refundedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'refund_reason', type: 'text', nullable: true })
  refundReason: string | null;

  @Field(() => PaymentGateway, { nullable: true, description: 'The gateway whose payment link the order carries' })
  @Column({ name: 'payment_gateway', type: 'varchar', length: 16, nullable: true })
  paymentGateway: PaymentGateway | null;

  @Field(() => String, { nullable: true, description: "The gateway's payment link to send the buyer; null without a gateway or when creating it failed (retry with createPaymentLink)" })
  @Column({ name: 'payment_url', type: 'text', nullable: true })
  paymentUrl: string | null;

  @Field(() => String, { nullable: true, description: "The gateway's id of that link (Razorpay plink_…, Cashfree order id)" })
  @Column({ name: 'payment_link_id', type: 'varchar', length: 128, nullable: true })
  paymentLinkId: string | null;

  @Field(() => Int, { description: 'Payment attempts the gateway reported failed (the order stays PENDING; the buyer may retry)' })
  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts: number;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_failed_attempt_at', type: 'timestamptz', nullable: true })
  lastFailedAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the order was failed for staying PENDING longer than order_expiry_minutes' })
  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
