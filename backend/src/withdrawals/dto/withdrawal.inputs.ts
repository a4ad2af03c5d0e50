import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { MoneyScalar } from '../../common/graphql/money.scalar.js';
import { UPI_ID_MESSAGE, UPI_ID_PATTERN } from '../../orders/dto/order.inputs.js';
import { WithdrawalStatus } from '../withdrawal.entity.js';

@InputType()
export class RequestWithdrawalInput {
  @Field()
  @Matches(/^\d{1,20}$/, { message: 'telegramId must be 1 to 20 digits' })
  telegramId: string;

  @Field(() => MoneyScalar, { description: 'Paise; at least min_withdrawal_amount and at most what is available' })
  @IsInt()
  amount: number;

  @Field()
  @Matches(UPI_ID_PATTERN, { message: UPI_ID_MESSAGE })
  upiId: string;
}

@ArgsType()
export class RejectWithdrawalArgs {
  @IdField()
  id: string;

  @Field()
  @IsString() @MinLength(3, { message: 'reason must be at least 3 characters' }) @MaxLength(500)
  reason: string;
}

@ArgsType()
export class MarkWithdrawalPaidArgs {
  @IdField()
  id: string;

  @Field({ description: 'The UPI payout reference (UTR) of the transfer' })
  @IsString() @MinLength(4) @MaxLength(128)
  @Matches(/^[A-Za-z0-9_.:\/-]+$/, { message: 'payoutReference may contain only letters, digits and _ . : / -' })
  payoutReference: string;
}

@InputType()
export class WithdrawalFilter extends DatedFilter {
  @Field(() => WithdrawalStatus, { nullable: true })
  @IsOptional() @IsEnum(WithdrawalStatus)
  status?: WithdrawalStatus;

  @IdField({ nullable: true })
  userId?: string;
}

@ArgsType()
export class WithdrawalListArgs extends ListArgs(WithdrawalFilter, ['id', 'createdAt', 'amount', 'status', 'userId']) {}
