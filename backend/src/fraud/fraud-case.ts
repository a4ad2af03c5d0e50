import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FraudFlagType, FraudSeverity } from './fraud-flag.entity.js';

/**
 * The open flags that share one piece of evidence (a device, an IP address or a UPI ID): one
 * case, listing every account involved, decided together.
 */
@ObjectType()
export class FraudCase {
  @Field({ description: 'The shared value: device:<id>, ip:<address> or upi:<id>' })
  evidenceKey: string;

  @Field(() => FraudFlagType)
  type: FraudFlagType;

  @Field(() => FraudSeverity, { description: 'The highest severity among its flags' })
  severity: FraudSeverity;

  @Field(() => [ID], { description: 'Its open flags, oldest first' })
  flagIds: string[];

  @Field(() => [ID], { description: 'The accounts involved' })
  userIds: string[];

  @Field({ description: 'When its first flag was raised' })
  openedAt: Date;
}

@ArgsType()
export class FraudCaseArgs {
  @Field(() => Int, { nullable: true, description: 'Page, counted from 0' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000)
  page?: number;

  @Field(() => Int, { nullable: true, description: 'Cases per page (default 25, at most 100)' })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  perPage?: number;
}
