import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One attribution: `referred` joined with `referrer`'s code. Converted when their first order is paid. */
@ObjectType()
@Entity('referrals')
export class Referral {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID)
  @Column({ name: 'referrer_id', type: 'bigint' })
  referrerId: number;

  @Field(() => ID)
  @Column({ name: 'referred_id', type: 'bigint' })
  referredId: number;

  @Field()
  @Column({ name: 'code_used', type: 'varchar', length: 64 })
  codeUsed: string;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'converted_at', type: 'timestamptz', nullable: true })
  convertedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'first_order_id', type: 'bigint', nullable: true })
  firstOrderId: number | null;
}

/** A `/start ref_X` by someone already registered: counted for X's owner, attribution unchanged. */
@Entity('referral_clicks')
export class ReferralClick {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'referrer_id', type: 'bigint' })
  referrerId: number;

  @Column({ name: 'user_id', type: 'bigint' })
  userId: number;

  @Column({ name: 'code_used', type: 'varchar', length: 64 })
  codeUsed: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
