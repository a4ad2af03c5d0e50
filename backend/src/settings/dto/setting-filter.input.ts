import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { BaseFilter, ListArgs } from '../../common/graphql/list.js';
import { SettingValueType } from '../setting.entity.js';

@InputType()
export class SettingFilter extends BaseFilter {
  @Field(() => SettingValueType, { nullable: true })
  @IsOptional()
  @IsEnum(SettingValueType)
  valueType?: SettingValueType;
}

@ArgsType()
export class SettingListArgs extends ListArgs(SettingFilter, ['id', 'key', 'updatedAt']) {}
