import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { CommissionStatus } from '../commission.entity.js';

@InputType()
export class CommissionFilter extends DatedFilter {
  @Field(() => CommissionStatus, { nullable: true })
  @IsOptional() @IsEnum(CommissionStatus)
  status?: CommissionStatus;

  @IdField({ nullable: true, description: 'The referrer who earns it' })
  beneficiaryId?: string;

  @IdField({ nullable: true })
  orderId?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional() @IsIn([1, 2])
  level?: number;
}

@ArgsType()
export class CommissionListArgs extends ListArgs(CommissionFilter, ['id', 'createdAt', 'releaseAt', 'amount', 'status', 'level']) {}
