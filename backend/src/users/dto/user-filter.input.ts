import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdField } from '../../common/graphql/ids.js';
import { DatedFilter, ListArgs } from '../../common/graphql/list.js';
import { UserStatus, UserType } from '../user.entity.js';

@InputType()
export class UserFilter extends DatedFilter {
  @Field(() => UserStatus, { nullable: true })
  @IsOptional() @IsEnum(UserStatus)
  status?: UserStatus;

  @Field(() => UserType, { nullable: true })
  @IsOptional() @IsEnum(UserType)
  type?: UserType;

  @IdField({ nullable: true, description: 'Only the direct referrals of this user' })
  referredById?: string;

  @Field({ nullable: true, description: 'UNKNOWN_CODE, OWN_CODE, REFERRER_BLOCKED or REFERRALS_DISABLED' })
  @IsOptional() @IsString() @MaxLength(32)
  attributionNote?: string;
}

export const USER_SORT_FIELDS = ['id', 'telegramId', 'username', 'firstName', 'lastName', 'status', 'createdAt', 'referredById'] as const;

@ArgsType()
export class UserListArgs extends ListArgs(UserFilter, USER_SORT_FIELDS) {}
