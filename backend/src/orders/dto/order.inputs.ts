import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { OrderStatus, PaymentMethod } from '../order.entity.js';

import { UPI_ID_MESSAGE, UPI_ID_PATTERN } from '../../common/upi.js';

export { UPI_ID_MESSAGE, UPI_ID_PATTERN };

@InputType()
export class CreateOrderInput {
  @Field()
  @Matches(/^\d{1,20}$/, { message: 'telegramId must be 1 to 20 digits' })
  telegramId: string;

  @Field(() => PaymentMethod)
  @IsEnum(PaymentMethod)
  paymentMethod: PaymentMethod;

  @Field({ nullable: true })
  @IsOptional() @Matches(UPI_ID_PATTERN, { message: UPI_ID_MESSAGE })
  upiId?: string;

  @Field({ nullable: true, description: 'The same key again (for this user) returns the same order' })
  @IsOptional() @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'idempotencyKey must be 1 to 100 characters of letters, digits, _ . : -' })
  idempotencyKey?: string;
}

@InputType()
export class ConfirmPaymentInput {
  @IdField()
  orderId: string;

  @Field()
  @IsString() @MinLength(1) @MaxLength(128)
  @Matches(/^[A-Za-z0-9_.:\/-]+$/, { message: 'transactionId may contain only letters, digits and _ . : / -' })
  transactionId: string;
}

@ArgsType()
export class RefundOrderArgs {
  @IdField()
  id: string;

  @Field()
  @IsString() @MinLength(3, { message: 'reason must be at least 3 characters' }) @MaxLength(500)
  reason: string;
}

@InputType()
export class OrderFilter extends DatedFilter {
  @Field(() => OrderStatus, { nullable: true })
  @IsOptional() @IsEnum(OrderStatus)
  status?: OrderStatus;

  @IdField({ nullable: true })
  userId?: string;
}

@ArgsType()
export class OrderListArgs extends ListArgs(OrderFilter, ['id', 'createdAt', 'paidAt', 'amount', 'status', 'userId']) {}
