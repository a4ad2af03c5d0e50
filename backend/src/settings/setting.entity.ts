import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum SettingValueType {
  MONEY = 'MONEY',
  PERCENT = 'PERCENT',
  HOURS = 'HOURS',
  INTEGER = 'INTEGER',
  BOOLEAN = 'BOOLEAN',
  STRING = 'STRING',
  ENUM = 'ENUM',
}
registerEnumType(SettingValueType, { name: 'SettingValueType' });

@ObjectType({ description: 'A business setting; `id` is its key' })
@Entity('system_settings')
export class Setting {
  @Field(() => ID)
  id: string;

  @Field()
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb' })
  value: unknown;

  @Field(() => SettingValueType)
  valueType: SettingValueType;

  @Field(() => [String], { nullable: true, description: 'Allowed values of an ENUM setting' })
  options?: string[];

  @Field(() => Float, { nullable: true, description: 'Smallest accepted value of a numeric setting (paise, hours, percent, count)' })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest accepted value of a numeric setting' })
  max?: number | null;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'updated_by_id', type: 'bigint', nullable: true })
  updatedById: number | null;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
