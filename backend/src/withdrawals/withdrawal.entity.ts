import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyScalar } from '../common/graphql/money.scalar.js';

export enum WithdrawalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  /** Sent to the payout provider; the money stays locked until it answers. */
  PROCESSING = 'PROCESSING',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
  /** The provider failed or rejected the payout: the money returned locked → available. */
  FAILED = 'FAILED',
  /** Paid, then returned by the bank: the money returned withdrawn → available. */
  REVERSED = 'REVERSED',
}
registerEnumType(WithdrawalStatus, { name: 'WithdrawalStatus' });

@ObjectType()
@Entity('withdrawals')
export class Withdrawal {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID)
  @Column({ name: 'user_id', type: 'bigint' })
  userId: number;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint' })
  amount: number;

  @Field()
  @Column({ name: 'upi_id', type: 'varchar', length: 100 })
  upiId: string;

  @Field(() => WithdrawalStatus)
  @Column({ type: 'varchar', length: 16 })
  status: WithdrawalStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'payout_reference', type: 'varchar', length: 128, nullable: true })
  payoutReference: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'approved_by_id', type: 'bigint', nullable: true })
  approvedById: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'decided_by_id', type: 'bigint', nullable: true })
  decidedById: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Field(() => String, { nullable: true, description: "The payout provider's payout id (RazorpayX pout_…) once sent" })
  @Column({ name: 'provider_payout_id', type: 'varchar', length: 64, nullable: true })
  providerPayoutId: string | null;

  @Field(() => String, { nullable: true, description: "The provider's last known status of the payout (processing, processed, reversed, …)" })
  @Column({ name: 'provider_status', type: 'varchar', length: 32, nullable: true })
  providerStatus: string | null;

  @Field(() => String, { nullable: true, description: 'Why the provider failed, rejected or reversed the payout, or refused to take it (then the withdrawal stays APPROVED)' })
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was sent to the payout provider (PROCESSING)' })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'reversed_at', type: 'timestamptz', nullable: true })
  reversedAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
