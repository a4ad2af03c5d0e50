import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { MoneyScalar } from '../../common/graphql/money.scalar.js';
import { BalanceBucket, LedgerEntryType } from '../wallet.entity.js';

@ArgsType()
export class WalletTransactionsArgs {
  @Field()
  @Matches(/^\d{1,20}$/, { message: 'telegramId must be 1 to 20 digits' })
  telegramId: string;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Counted from 0' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  page: number;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  perPage: number;
}

@InputType()
export class WalletTransactionFilter extends DatedFilter {
  @IdField({ nullable: true })
  userId?: string;

  @Field(() => LedgerEntryType, { nullable: true })
  @IsOptional() @IsEnum(LedgerEntryType)
  type?: LedgerEntryType;

  @Field(() => BalanceBucket, { nullable: true })
  @IsOptional() @IsEnum(BalanceBucket)
  bucket?: BalanceBucket;

  @IdField({ nullable: true })
  orderId?: string;

  @IdField({ nullable: true })
  withdrawalId?: string;
}

@ArgsType()
export class WalletTransactionListArgs extends ListArgs(WalletTransactionFilter, ['id', 'createdAt', 'amount', 'type', 'userId']) {}

@ObjectType({ description: 'A wallet whose cached balances differ from its ledger (or from its commissions)' })
export class WalletDrift {
  @Field(() => ID)
  userId: number;

  @Field({ description: 'pending, available, locked, withdrawn, totalEarned, or pendingCommissions' })
  field: string;

  @Field(() => MoneyScalar)
  cached: number;

  @Field(() => MoneyScalar)
  expected: number;
}

@ObjectType()
export class ReconciliationReport {
  @Field(() => Int)
  checkedWallets: number;

  @Field(() => Int)
  driftedWallets: number;

  @Field(() => [WalletDrift])
  drift: WalletDrift[];

  @Field()
  checkedAt: Date;
}
