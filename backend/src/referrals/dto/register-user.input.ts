import { Field, InputType } from '@nestjs/graphql';
import { IsIP, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PROFILE_TEXT_LIMIT } from '../../users/user-profile.js';

const TOO_LONG = `must be at most ${PROFILE_TEXT_LIMIT} characters`;

@InputType({ description: 'What the bot knows when someone sends /start (optionally /start ref_<code>)' })
export class RegisterUserInput {
  @Field({ description: 'Telegram user id: digits only' })
  @IsString() @Matches(/^\d{1,20}$/, { message: 'telegramId must be 1 to 20 digits' })
  telegramId: string;

  @Field(() => String, { nullable: true, description: 'Trimmed, a leading @ dropped, kept to 64 characters' })
  @IsOptional() @IsString() @MaxLength(PROFILE_TEXT_LIMIT, { message: `username ${TOO_LONG}` })
  username?: string | null;

  @Field(() => String, { nullable: true, description: 'Trimmed and kept to 128 characters' })
  @IsOptional() @IsString() @MaxLength(PROFILE_TEXT_LIMIT, { message: `firstName ${TOO_LONG}` })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Trimmed and kept to 128 characters' })
  @IsOptional() @IsString() @MaxLength(PROFILE_TEXT_LIMIT, { message: `lastName ${TOO_LONG}` })
  lastName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The payload of /start: ref_XXXXXXXX or XXXXXXXX, any case. Unknown, own or blocked code: the user is created unattributed, with the reason noted',
  })
  @IsOptional() @IsString() @MaxLength(PROFILE_TEXT_LIMIT, { message: `referralCode ${TOO_LONG}` })
  referralCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(128)
  deviceId?: string | null;

  @Field(() => String, { nullable: true, description: 'IPv4 or IPv6 address' })
  @IsOptional() @IsIP(undefined, { message: 'ipAddress must be an IPv4 or IPv6 address' })
  ipAddress?: string | null;
}
