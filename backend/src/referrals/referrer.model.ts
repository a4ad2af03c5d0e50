import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../common/graphql/money.scalar.js';
import { User, UserStatus } from '../users/user.entity.js';
import type { ReferralStatsRow } from './referral-stats.entity.js';
import { conversionRate } from './referral-stats.model.js';

@ObjectType({ description: "A referrer's performance: one row per user with at least one direct referral; id is the user's id" })
export class Referrer {
  @Field(() => ID)
  id: number;

  @Field()
  telegramId: string;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field(() => String, { nullable: true })
  firstName: string | null;

  @Field(() => String, { nullable: true })
  lastName: string | null;

  @Field()
  referralCode: string;

  @Field(() => UserStatus)
  status: UserStatus;

  @Field({ description: 'When the referrer registered' })
  createdAt: Date;

  @Field(() => Int)
  directReferrals: number;

  @Field(() => Int)
  level2Referrals: number;

  @Field(() => Int)
  clicks: number;

  @Field(() => Int, { description: 'Direct referrals whose first order has been paid' })
  conversions: number;

  @Field(() => Float, { description: 'conversions / directReferrals, percent' })
  conversionRate: number;

  @Field(() => MoneyScalar)
  level1Earned: number;

  @Field(() => MoneyScalar)
  level2Earned: number;

  @Field(() => MoneyScalar, { description: 'Commissions earned at both levels, not counting reversed ones' })
  totalEarned: number;

  @Field(() => User)
  user: User;

  static from(row: ReferralStatsRow & { user: User }): Referrer {
    const { user } = row;
    return Object.assign(new Referrer(), {
      id: Number(row.userId),
      telegramId: user.telegramId,
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
      referralCode: user.referralCode,
      status: user.status,
      createdAt: user.createdAt,
      directReferrals: row.directReferrals,
      level2Referrals: row.level2Referrals,
      clicks: row.clicks,
      conversions: row.conversions,
      conversionRate: conversionRate(row.conversions, row.directReferrals),
      level1Earned: Number(row.level1Earned),
      level2Earned: Number(row.level2Earned),
      totalEarned: Number(row.level1Earned) + Number(row.level2Earned),
      user,
    });
  }
}
