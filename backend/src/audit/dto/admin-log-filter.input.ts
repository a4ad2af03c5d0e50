import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { BaseFilter, ListArgs } from '../../common/graphql/list.js';

@InputType()
export class AdminLogFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional() @Matches(/^[1-9]\d{0,17}$/, { message: 'adminId must be a positive integer id' })
  adminId?: string;

  @Field({ nullable: true })
  @IsOptional() @IsString() @MaxLength(64)
  action?: string;

  @Field({ nullable: true })
  @IsOptional() @IsString() @MaxLength(64)
  targetType?: string;

  @Field({ nullable: true })
  @IsOptional() @IsString() @MaxLength(64)
  targetId?: string;

  @Field({ nullable: true, description: 'Logged at or after' })
  @IsOptional() @IsDate()
  createdAtGte?: Date;

  @Field({ nullable: true, description: 'Logged at or before' })
  @IsOptional() @IsDate()
  createdAtLte?: Date;
}

@ArgsType()
export class AdminLogListArgs extends ListArgs(AdminLogFilter, ['id', 'createdAt', 'action', 'adminId', 'targetType']) {}
