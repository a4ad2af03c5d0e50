import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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

@ArgsType()
export class ReviewPaymentEventArgs {
  @IdField()
  id: string;

  @Field({ description: 'What the admin found or did (refunded at the gateway, delivered the plan, ...)' })
  @IsString() @MinLength(3, { message: 'note must be at least 3 characters' }) @MaxLength(1000)
  note: string;
}
