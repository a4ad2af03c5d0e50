import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyScalar } from '../common/graphql/money.scalar.js';

/** Cached balances, one row per user, changed only with ledger rows in the same transaction. */
@ObjectType()
@Entity('wallets')
export class Wallet {
  @Field(() => ID)
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: number;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint' })
  pending: number;

  @Field(() => MoneyScalar, { description: 'Withdrawable; negative while a clawback debt lasts' })
  @Column({ type: 'bigint' })
  available: number;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint' })
  locked: number;

  @Field(() => MoneyScalar, { name: 'totalWithdrawn' })
  @Column({ name: 'withdrawn', type: 'bigint' })
  withdrawn: number;

  @Field(() => MoneyScalar)
  @Column({ name: 'total_earned', type: 'bigint' })
  totalEarned: number;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export enum LedgerEntryType {
  COMMISSION_CREDIT = 'COMMISSION_CREDIT',
  COMMISSION_RELEASE = 'COMMISSION_RELEASE',
  COMMISSION_REVERSAL = 'COMMISSION_REVERSAL',
  CLAWBACK = 'CLAWBACK',
  WITHDRAWAL_LOCK = 'WITHDRAWAL_LOCK',
  WITHDRAWAL_UNLOCK = 'WITHDRAWAL_UNLOCK',
  WITHDRAWAL_PAYOUT = 'WITHDRAWAL_PAYOUT',
  /** A paid withdrawal returned by the bank (REVERSED): withdrawn → available. */
  WITHDRAWAL_REVERSAL = 'WITHDRAWAL_REVERSAL',
}
registerEnumType(LedgerEntryType, { name: 'WalletTransactionType' });

export enum BalanceBucket {
  PENDING = 'PENDING',
  AVAILABLE = 'AVAILABLE',
  LOCKED = 'LOCKED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(BalanceBucket, { name: 'BalanceBucket' });

/**
 * One append-only ledger entry: a signed amount in one balance bucket, or a transfer of a positive
 * amount from `fromBucket` into `bucket`. The database refuses UPDATE and DELETE.
 */
@ObjectType()
@Entity('wallet_transactions')
export class WalletTransaction {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID)
  @Column({ name: 'user_id', type: 'bigint' })
  userId: number;

  @Field(() => LedgerEntryType)
  @Column({ type: 'varchar', length: 32 })
  type: LedgerEntryType;

  @Field(() => BalanceBucket)
  @Column({ type: 'varchar', length: 16 })
  bucket: BalanceBucket;

  @Field(() => BalanceBucket, { nullable: true, description: 'Set on a transfer: the amount moved from this bucket into `bucket`' })
  @Column({ name: 'from_bucket', type: 'varchar', length: 16, nullable: true })
  fromBucket: BalanceBucket | null;

  @Field(() => MoneyScalar, { description: 'Signed: positive credits the bucket, negative debits it; a transfer is always positive' })
  @Column({ type: 'bigint' })
  amount: number;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'order_id', type: 'bigint', nullable: true })
  orderId: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'commission_id', type: 'bigint', nullable: true })
  commissionId: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'withdrawal_id', type: 'bigint', nullable: true })
  withdrawalId: number | null;

  @Field({ description: 'Who caused it: system, bot or admin:<id>' })
  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
