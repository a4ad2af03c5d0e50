import { User } from './user.entity.js';

/** The users columns as User's property names, for raw statements that return whole users. */
export function userColumns(alias: string): string {
  return `${alias}.id, ${alias}.telegram_id::text AS "telegramId", ${alias}.username, ${alias}.first_name AS "firstName",
    ${alias}.last_name AS "lastName", ${alias}.referral_code AS "referralCode", ${alias}.referred_by_id AS "referredById",
    ${alias}.referral_code_used AS "referralCodeUsed", ${alias}.attribution_note AS "attributionNote", ${alias}.status,
    ${alias}.blocked_reason AS "blockedReason", ${alias}.blocked_at AS "blockedAt", ${alias}.fraud_exempt AS "fraudExempt",
    ${alias}.device_id AS "deviceId", ${alias}.ip_address AS "ipAddress", ${alias}.device_verified_at AS "deviceVerifiedAt", ${alias}.admin_role AS "role",
    ${alias}.admin_active AS "adminActive", ${alias}.password_changed_at AS "passwordChangedAt",
    ${alias}.last_login_at AS "lastLoginAt", ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt"`;
}

const USER_FIELDS = [
  'id', 'telegramId', 'username', 'firstName', 'lastName', 'referralCode', 'referredById', 'referralCodeUsed', 'attributionNote',
  'status', 'blockedReason', 'blockedAt', 'fraudExempt', 'deviceId', 'ipAddress', 'deviceVerifiedAt', 'role', 'adminActive', 'passwordChangedAt',
  'lastLoginAt', 'createdAt', 'updatedAt',
] as const;

/** A User from a row selected with `userColumns`, ignoring any other columns of the row. */
export function userFromRow(row: Record<string, unknown>): User {
  const user = new User();
  for (const field of USER_FIELDS) (user as unknown as Record<string, unknown>)[field] = row[field];
  return user;
}
