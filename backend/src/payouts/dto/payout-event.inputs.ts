import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { PayoutEventOutcome } from '../payout-event.entity.js';

@InputType()
export class PayoutEventFilter extends DatedFilter {
  @Field(() => PayoutEventOutcome, { nullable: true })
  @IsOptional() @IsEnum(PayoutEventOutcome)
  outcome?: PayoutEventOutcome;

  @Field({ nullable: true, description: 'The event type, exactly (payout.processed, poll.processed, ...)' })
  @IsOptional() @IsString() @MaxLength(64)
  type?: string;

  @IdField({ nullable: true })
  withdrawalId?: string;
}

@ArgsType()
export class PayoutEventListArgs extends ListArgs(PayoutEventFilter, ['id', 'createdAt', 'type', 'outcome', 'withdrawalId']) {}
