import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';

@InputType()
export class ReferralFilter extends DatedFilter {
  @IdField({ nullable: true })
  referrerId?: string;

  @IdField({ nullable: true })
  referredId?: string;

  @Field({ nullable: true, description: 'Whether the referred user’s first order has been paid' })
  @IsOptional() @IsBoolean()
  converted?: boolean;
}

@ArgsType()
export class ReferralListArgs extends ListArgs(ReferralFilter, ['id', 'createdAt', 'convertedAt', 'referrerId', 'referredId']) {}
