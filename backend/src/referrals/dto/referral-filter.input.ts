import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';

const ID_PATTERN = /^[1-9]\d{0,17}$/;

@InputType()
export class ReferralFilter extends DatedFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional() @Matches(ID_PATTERN, { message: 'referrerId must be a positive integer id' })
  referrerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional() @Matches(ID_PATTERN, { message: 'referredId must be a positive integer id' })
  referredId?: string;

  @Field({ nullable: true, description: 'Whether the referred user’s first order has been paid' })
  @IsOptional() @IsBoolean()
  converted?: boolean;
}

@ArgsType()
export class ReferralListArgs extends ListArgs(ReferralFilter, ['id', 'createdAt', 'convertedAt', 'referrerId', 'referredId']) {}
