import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, Matches } from 'class-validator';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { CommissionStatus } from '../commission.entity.js';

@InputType()
export class CommissionFilter extends DatedFilter {
  @Field(() => CommissionStatus, { nullable: true })
  @IsOptional() @IsEnum(CommissionStatus)
  status?: CommissionStatus;

  @Field(() => ID, { nullable: true, description: 'The referrer who earns it' })
  @IsOptional() @Matches(/^[1-9]\d{0,17}$/, { message: 'beneficiaryId must be a positive integer id' })
  beneficiaryId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional() @Matches(/^[1-9]\d{0,17}$/, { message: 'orderId must be a positive integer id' })
  orderId?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional() @IsIn([1, 2])
  level?: number;
}

@ArgsType()
export class CommissionListArgs extends ListArgs(CommissionFilter, ['id', 'createdAt', 'releaseAt', 'amount', 'status', 'level']) {}
