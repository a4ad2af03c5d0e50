import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum FraudFlagType {
  DUPLICATE_UPI = 'DUPLICATE_UPI',
  DUPLICATE_DEVICE = 'DUPLICATE_DEVICE',
  DUPLICATE_IP = 'DUPLICATE_IP',
  LOW_CONVERSION = 'LOW_CONVERSION',
  RAPID_SIGNUPS = 'RAPID_SIGNUPS',
  MANUAL = 'MANUAL',
}
registerEnumType(FraudFlagType, { name: 'FraudFlagType' });

export enum FraudSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(FraudSeverity, { name: 'FraudSeverity' });

export enum FraudFlagStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(FraudFlagStatus, { name: 'FraudFlagStatus' });

@ObjectType()
@Entity('fraud_flags')
export class FraudFlag {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID)
  @Column({ name: 'user_id', type: 'bigint' })
  userId: number;

  @Field(() => FraudFlagType)
  @Column({ type: 'varchar', length: 32 })
  type: FraudFlagType;

  @Field(() => FraudSeverity)
  @Column({ type: 'varchar', length: 16 })
  severity: FraudSeverity;

  @Field(() => FraudFlagStatus)
  @Column({ type: 'varchar', length: 16 })
  status: FraudFlagStatus;

  @Field()
  @Column({ type: 'text' })
  reason: string;

  @Field({ description: 'What the flag is about (the shared value), so one open flag per evidence' })
  @Column({ name: 'evidence_key', type: 'varchar', length: 256 })
  evidenceKey: string;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb' })
  evidence: Record<string, unknown>;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'created_by_id', type: 'bigint', nullable: true })
  createdById: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'resolved_by_id', type: 'bigint', nullable: true })
  resolvedById: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
