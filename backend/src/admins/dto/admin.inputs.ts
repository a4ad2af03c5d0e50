import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { BaseFilter, ListArgs } from '../../common/graphql/list.js';
import { AdminRole } from '../../users/user.entity.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

@ArgsType()
export class LoginArgs {
  @Field()
  @IsString() @MaxLength(20)
  telegramId: string;

  @Field()
  @IsString() @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

@ArgsType()
export class UpdateMyNameArgs {
  @Field({ description: 'The name the panel shows for the signed-in admin ("Signed in as …")' })
  @IsString() @Matches(/\S/, { message: 'firstName must not be empty' }) @MaxLength(128)
  firstName: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(128)
  lastName?: string | null;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @IsString() @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword: string;

  @Field()
  @IsString() @MinLength(MIN_PASSWORD_LENGTH, { message: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters` }) @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword: string;
}

@InputType()
export class CreateAdminInput {
  @Field()
  @Matches(/^\d{1,20}$/, { message: 'telegramId must be 1 to 20 digits' })
  telegramId: string;

  @Field()
  @IsString() @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` }) @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  @Field(() => AdminRole, { defaultValue: AdminRole.ADMIN })
  @IsEnum(AdminRole)
  role: AdminRole;

  @Field({ nullable: true })
  @IsOptional() @IsString() @MaxLength(64)
  username?: string;
}

@InputType()
export class AdminFilter extends BaseFilter {
  @Field(() => AdminRole, { nullable: true })
  @IsOptional() @IsEnum(AdminRole)
  role?: AdminRole;

  @Field({ nullable: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class AdminListArgs extends ListArgs(AdminFilter, ['id', 'telegramId', 'username', 'role', 'active', 'lastLoginAt', 'createdAt']) {}
