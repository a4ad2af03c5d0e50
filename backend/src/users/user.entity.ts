import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { AdminRole as AdminRoleName } from '../common/auth/principal.js';
import { bigintAsString } from '../common/graphql/transformers.js';

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  SUSPICIOUS = 'SUSPICIOUS',
  BLOCKED = 'BLOCKED',
}
registerEnumType(UserStatus, { name: 'UserStatus' });

export enum AdminRole {
  ADMIN = 'ADMIN',
  SUPER_ADMIN = 'SUPER_ADMIN',
}
registerEnumType(AdminRole, { name: 'AdminRole' });

/** How the admin panel groups people: staff, people who brought others in, and everyone else. */
export enum UserType {
  CUSTOMER = 'CUSTOMER',
  REFERRER = 'REFERRER',
  ADMIN = 'ADMIN',
}
registerEnumType(UserType, {
  name: 'UserType',
  description: 'ADMIN: has an admin role; REFERRER: has at least one direct referral; CUSTOMER: everyone else',
});

/** A person known to the bot. Admins are users too, with a role and a password. */
@ObjectType()
@Entity('users')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field({ description: 'Telegram user id, as a string of digits (it exceeds 32 bits)' })
  @Column({ name: 'telegram_id', type: 'bigint', transformer: bigintAsString })
  telegramId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'first_name', type: 'varchar', length: 128, nullable: true })
  firstName: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'last_name', type: 'varchar', length: 128, nullable: true })
  lastName: string | null;

  @Field()
  @Column({ name: 'referral_code', type: 'varchar', length: 16 })
  referralCode: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'referred_by_id', type: 'bigint', nullable: true })
  referredById: number | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'referred_by_id' })
  referredBy?: Relation<User> | null;

  @Field(() => String, { nullable: true, description: 'The referral code given at registration, as typed' })
  @Column({ name: 'referral_code_used', type: 'varchar', length: 64, nullable: true })
  referralCodeUsed: string | null;

  @Field(() => String, { nullable: true, description: 'Why a given referral code was not attributed (UNKNOWN_CODE, OWN_CODE, REFERRER_BLOCKED, REFERRALS_DISABLED)' })
  @Column({ name: 'attribution_note', type: 'varchar', length: 32, nullable: true })
  attributionNote: string | null;

  @Field(() => UserStatus)
  @Column({ type: 'varchar', length: 16, default: UserStatus.ACTIVE })
  status: UserStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'blocked_reason', type: 'text', nullable: true })
  blockedReason: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt: Date | null;

  @Field({ description: 'Cleared by an admin: automatic fraud checks skip this user' })
  @Column({ name: 'fraud_exempt', type: 'boolean', default: false })
  fraudExempt: boolean;

  @Field(() => String, { nullable: true })
  @Column({ name: 'device_id', type: 'varchar', length: 128, nullable: true })
  deviceId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'ip_address', type: 'varchar', length: 64, nullable: true })
  ipAddress: string | null;

  @Field(() => Date, { nullable: true, description: 'When the user last opened the verification Mini App (device id and IP recorded); null: never' })
  @Column({ name: 'device_verified_at', type: 'timestamptz', nullable: true })
  deviceVerifiedAt: Date | null;

  @Field(() => AdminRole, { nullable: true, description: 'Set for admin accounts only' })
  @Column({ name: 'admin_role', type: 'varchar', length: 16, nullable: true })
  role: AdminRoleName | null;

  @Column({ name: 'admin_active', type: 'boolean', default: true })
  adminActive: boolean;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash?: string | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
