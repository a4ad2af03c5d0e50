import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { FraudFlagStatus, FraudFlagType, FraudSeverity } from '../fraud-flag.entity.js';

@InputType({ description: 'A flag raised by an admin' })
export class CreateFraudFlagInput {
  @IdField()
  userId: string;

  @Field(() => FraudFlagType, { description: 'Usually MANUAL; any type may be raised by hand' })
  @IsEnum(FraudFlagType)
  type: FraudFlagType;

  @Field()
  @IsString() @MinLength(3, { message: 'reason must be at least 3 characters' }) @MaxLength(500)
  reason: string;

  @Field(() => FraudSeverity, { nullable: true, description: 'MEDIUM when not given' })
  @IsOptional() @IsEnum(FraudSeverity)
  severity?: FraudSeverity;
}

@ArgsType()
export class CloseFraudFlagArgs {
  @IdField()
  id: string;

  @Field({ description: 'Why: what the admin found' })
  @IsString() @MinLength(3, { message: 'note must be at least 3 characters' }) @MaxLength(1000)
  note: string;
}

@ArgsType()
export class BlockUserArgs {
  @IdField()
  id: string;

  @Field()
  @IsString() @MinLength(3, { message: 'reason must be at least 3 characters' }) @MaxLength(500)
  reason: string;
}

@ArgsType()
export class SetFraudExemptionArgs {
  @IdField()
  userId: string;

  @Field({ description: 'true: the automatic fraud checks skip this user from now on' })
  @IsBoolean()
  exempt: boolean;

  @Field(() => String, { nullable: true, description: 'Why, for the audit log (a known shared office IP, say)' })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string | null;
}

@InputType()
export class FraudFlagFilter extends DatedFilter {
  @Field(() => FraudFlagType, { nullable: true })
  @IsOptional() @IsEnum(FraudFlagType)
  type?: FraudFlagType;

  @Field(() => FraudFlagStatus, { nullable: true })
  @IsOptional() @IsEnum(FraudFlagStatus)
  status?: FraudFlagStatus;

  @Field(() => FraudSeverity, { nullable: true })
  @IsOptional() @IsEnum(FraudSeverity)
  severity?: FraudSeverity;

  @IdField({ nullable: true })
  userId?: string;
}

export const FRAUD_FLAG_SORT_FIELDS = ['id', 'createdAt', 'type', 'severity', 'status', 'userId', 'resolvedAt'] as const;

@ArgsType()
export class FraudFlagListArgs extends ListArgs(FraudFlagFilter, FRAUD_FLAG_SORT_FIELDS) {}
