import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyScalar } from '../common/graphql/money.scalar.js';

export enum CommissionStatus {
  PENDING = 'PENDING',
  AVAILABLE = 'AVAILABLE',
  REVERSED = 'REVERSED',
}
registerEnumType(CommissionStatus, { name: 'CommissionStatus' });

/** What one paid order earns one referrer at one level. At most one per order and level. */
@ObjectType()
@Entity('commissions')
export class Commission {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'bigint' })
  orderId: number;

  @Field(() => ID)
  @Column({ name: 'beneficiary_id', type: 'bigint' })
  beneficiaryId: number;

  @Field(() => ID)
  @Column({ name: 'source_user_id', type: 'bigint' })
  sourceUserId: number;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  level: number;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint' })
  amount: number;

  @Field(() => CommissionStatus)
  @Column({ type: 'varchar', length: 16 })
  status: CommissionStatus;

  @Field()
  @Column({ name: 'release_at', type: 'timestamptz' })
  releaseAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'reversed_at', type: 'timestamptz', nullable: true })
  reversedAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
