import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';

@InputType()
export class AdminLogFilter extends DatedFilter {
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
}

@ArgsType()
export class AdminLogListArgs extends ListArgs(AdminLogFilter, ['id', 'createdAt', 'action', 'adminId', 'targetType']) {}
