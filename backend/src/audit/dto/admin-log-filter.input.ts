import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';

@InputType()
export class AdminLogFilter extends DatedFilter {
  @IdField({ nullable: true })
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
