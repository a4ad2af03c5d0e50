import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../common/graphql/money.scalar.js';
import type { ReferralStatsRow } from './referral-stats.entity.js';

/** How many drifted users a rebuild report details; the count covers all of them. */
export const DRIFT_DETAIL_LIMIT = 100;

/** Percent of direct referrals who converted, to two decimals; 0 without referrals. */
export function conversionRate(conversions: number, directReferrals: number): number {
  return directReferrals > 0 ? Math.round((conversions * 10000) / directReferrals) / 100 : 0;
}

@ObjectType({ description: "A user's referral counters, maintained with each event (never counted on read)" })
export class ReferralStats {
  @Field(() => Int, { description: 'People who registered with this user’s code' })
  directReferrals: number;

  @Field(() => Int, { description: 'People who registered with the code of one of this user’s direct referrals' })
  level2Referrals: number;

  @Field(() => Int, { description: 'Direct referrals whose first order has been paid' })
  convertedReferrals: number;

  @Field(() => MoneyScalar, { description: 'level1Earned + level2Earned: commissions credited and not reversed' })
  totalEarned: number;

  @Field(() => Int, { description: '`/start` with this user’s code by people already registered' })
  clicks: number;

  @Field(() => Float, { description: 'convertedReferrals / directReferrals, percent (0 without referrals)' })
  conversionRate: number;

  @Field(() => MoneyScalar)
  level1Earned: number;

  @Field(() => MoneyScalar)
  level2Earned: number;

  static from(row: Pick<ReferralStatsRow, 'directReferrals' | 'level2Referrals' | 'clicks' | 'conversions' | 'level1Earned' | 'level2Earned'> | null): ReferralStats {
    const counters = row ?? { directReferrals: 0, level2Referrals: 0, clicks: 0, conversions: 0, level1Earned: 0, level2Earned: 0 };
    return Object.assign(new ReferralStats(), {
      directReferrals: counters.directReferrals,
      level2Referrals: counters.level2Referrals,
      convertedReferrals: counters.conversions,
      clicks: counters.clicks,
      conversionRate: conversionRate(counters.conversions, counters.directReferrals),
      level1Earned: Number(counters.level1Earned),
      level2Earned: Number(counters.level2Earned),
      totalEarned: Number(counters.level1Earned) + Number(counters.level2Earned),
    });
  }
}

@ObjectType({ description: 'One counter that differed from what the source tables say' })
export class ReferralStatsDrift {
  @Field(() => ID)
  userId: number;

  @Field({ description: 'directReferrals, level2Referrals, clicks, conversions, level1Earned or level2Earned' })
  field: string;

  @Field(() => Float, { nullable: true, description: 'The counter as it was (null when the row was missing)' })
  cached: number | null;

  @Field(() => Float, { description: 'The value recomputed from referrals, referral_clicks and commissions' })
  expected: number;
}

@ObjectType({ description: 'The result of recomputing referral_stats from the source tables' })
export class ReferralStatsRebuild {
  @Field(() => Int)
  checkedUsers: number;

  @Field(() => Int, { description: 'Users whose stats row was missing or differed, all of them now fixed' })
  driftedUsers: number;

  @Field(() => [ReferralStatsDrift], { description: `The differences found, for the first ${DRIFT_DETAIL_LIMIT} drifted users by id` })
  drift: ReferralStatsDrift[];

  @Field(() => Int)
  durationMs: number;

  @Field()
  checkedAt: Date;
}
