import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../common/graphql/money.scalar.js';
import { UserStatus } from '../users/user.entity.js';

/** Why the server would refuse to approve a withdrawal of a user in this status, or null. */
export function approvalRefusal(userStatus: string | null | undefined): { reason: 'USER_BLOCKED' | 'USER_ON_HOLD'; message: string } | null {
  if (userStatus === UserStatus.BLOCKED) return { reason: 'USER_BLOCKED', message: 'The user is blocked; reject this withdrawal instead' };
  if (userStatus === UserStatus.SUSPICIOUS) return { reason: 'USER_ON_HOLD', message: 'The user has open fraud flags; resolve them before approving' };
  return null;
}

/** What an operator weighs before paying a withdrawal out, for the queue's rows. */
@ObjectType()
export class WithdrawalRisk {
  @Field(() => UserStatus)
  userStatus: UserStatus;

  @Field(() => Int, { description: "The requester's OPEN fraud flags" })
  openFlags: number;

  @Field({ description: "When the requester's account was created" })
  accountCreatedAt: Date;

  @Field(() => MoneyScalar, { description: 'Everything the requester has earned (wallet total_earned)' })
  totalEarned: number;

  @Field(() => MoneyScalar, { description: 'Everything already paid out to the requester' })
  totalWithdrawn: number;

  @Field(() => Int, { description: 'Other users who asked for a withdrawal to the same UPI ID (case-insensitive)' })
  sameUpiUsers: number;

  @Field(() => String, {
    nullable: true,
    description: 'USER_BLOCKED or USER_ON_HOLD when approveWithdrawal would be refused for the user (a PENDING request only)',
  })
  approvalBlockedReason: string | null;
}

export interface WithdrawalRiskRow {
  id: number;
  status: string;
  userStatus: UserStatus;
  openFlags: number;
  accountCreatedAt: Date;
  totalEarned: number;
  totalWithdrawn: number;
  sameUpiUsers: number;
}

export function toWithdrawalRisk(row: WithdrawalRiskRow): WithdrawalRisk {
  return {
    userStatus: row.userStatus,
    openFlags: row.openFlags,
    accountCreatedAt: row.accountCreatedAt,
    totalEarned: Number(row.totalEarned),
    totalWithdrawn: Number(row.totalWithdrawn),
    sameUpiUsers: row.sameUpiUsers,
    approvalBlockedReason: row.status === 'PENDING' ? (approvalRefusal(row.userStatus)?.reason ?? null) : null,
  };
}
