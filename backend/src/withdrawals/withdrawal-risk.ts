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

/** One statement for a page of withdrawals; every subquery runs on an index. */
export const WITHDRAWAL_RISK_SQL = `
SELECT w.id, w.status, u.status AS "userStatus", u.created_at AS "accountCreatedAt",
       (SELECT count(*)::int FROM fraud_flags f WHERE f.user_id = w.user_id AND f.status = 'OPEN') AS "openFlags",
       coalesce(wa.total_earned, 0) AS "totalEarned", coalesce(wa.withdrawn, 0) AS "totalWithdrawn",
       (SELECT count(DISTINCT o.user_id)::int FROM withdrawals o WHERE lower(o.upi_id) = lower(w.upi_id) AND o.user_id <> w.user_id) AS "sameUpiUsers"
  FROM withdrawals w
  JOIN users u ON u.id = w.user_id
  LEFT JOIN wallets wa ON wa.user_id = w.user_id
 WHERE w.id = ANY($1::bigint[])`;

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
