import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { BaseFilter, ListArgs } from '../../common/graphql/list.js';
import { UserStatus } from '../../users/user.entity.js';

@InputType()
export class ReferrerFilter extends BaseFilter {
  @Field(() => UserStatus, { nullable: true })
  @IsOptional() @IsEnum(UserStatus)
  status?: UserStatus;

  @Field(() => Int, { nullable: true, description: 'At least this many direct referrals' })
  @IsOptional() @IsInt() @Min(1)
  directReferralsGte?: number;
}

export const REFERRER_SORT_FIELDS = [
  'id', 'telegramId', 'username', 'createdAt', 'directReferrals', 'level2Referrals', 'clicks', 'conversions',
  'conversionRate', 'level1Earned', 'level2Earned', 'totalEarned',
] as const;

@ArgsType()
export class ReferrerListArgs extends ListArgs(ReferrerFilter, REFERRER_SORT_FIELDS) {}
