import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { PaymentEventKind } from '../gateway-events.js';
import { PaymentEventOutcome } from '../payment-event.entity.js';
import { PaymentGateway } from '../payment-gateway.js';

@InputType()
export class PaymentEventFilter extends DatedFilter {
  @Field(() => PaymentGateway, { nullable: true })
  @IsOptional() @IsEnum(PaymentGateway)
  gateway?: PaymentGateway;

  @Field({ nullable: true, description: "The gateway's event type, exactly" })
  @IsOptional() @IsString() @MaxLength(64)
  type?: string;

  @Field(() => PaymentEventKind, { nullable: true })
  @IsOptional() @IsEnum(PaymentEventKind)
  kind?: PaymentEventKind;

  @Field(() => PaymentEventOutcome, { nullable: true })
  @IsOptional() @IsEnum(PaymentEventOutcome)
  outcome?: PaymentEventOutcome;

  @IdField({ nullable: true })
  orderId?: string;

  @Field({ nullable: true })
  @IsOptional() @IsBoolean()
  needsReview?: boolean;
}

@ArgsType()
export class PaymentEventListArgs extends ListArgs(PaymentEventFilter, ['id', 'createdAt', 'gateway', 'type', 'outcome', 'orderId', 'amount']) {}
