import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReportInterval } from './report.models.js';

/** The longest staleness window accepted: a year. */
const MAX_STALE_MINUTES = 525_600;
export const MAX_LIST_LIMIT = 200;

@ArgsType()
export class ReportRangeArgs {
  @Field({ description: 'Start, inclusive' })
  @IsDate()
  from: Date;

  @Field({ description: 'End, exclusive; after from' })
  @IsDate()
  to: Date;
}

@ArgsType()
export class ReportSeriesArgs extends ReportRangeArgs {
  @Field(() => ReportInterval, { nullable: true, defaultValue: ReportInterval.DAY, description: 'DAY when omitted; at most 1,000 buckets' })
  @IsOptional() @IsEnum(ReportInterval)
  interval?: ReportInterval;
}

@ArgsType()
export class PaymentMonitoringArgs extends ReportRangeArgs {
  @Field(() => Int, { nullable: true, defaultValue: 30, description: 'A PENDING order older than this is stale (default 30)' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_STALE_MINUTES)
  staleAfterMinutes?: number;
}

@ArgsType()
export class StalePendingOrdersArgs {
  @Field(() => Int, { nullable: true, defaultValue: 30 })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_STALE_MINUTES)
  staleAfterMinutes?: number;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: `At most ${MAX_LIST_LIMIT}` })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_LIST_LIMIT)
  limit?: number;
}

@ArgsType()
export class RecentFailedPaymentsArgs {
  @Field({ nullable: true, description: 'Failed at or after' })
  @IsOptional() @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Failed before' })
  @IsOptional() @IsDate()
  to?: Date;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: `At most ${MAX_LIST_LIMIT}` })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_LIST_LIMIT)
  limit?: number;
}
