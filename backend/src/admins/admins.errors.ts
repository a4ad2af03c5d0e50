import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** Admin accounts' own reasons; a disabled account or a bad token is the auth catalog's (common/auth/auth.errors.ts). */
export enum AdminError {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  RATE_LIMITED = 'RATE_LIMITED',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  SAME_PASSWORD = 'SAME_PASSWORD',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  INVALID_TELEGRAM_ID = 'INVALID_TELEGRAM_ID',
  ALREADY_ADMIN = 'ALREADY_ADMIN',
  SELF_CHANGE = 'SELF_CHANGE',
  LAST_SUPER_ADMIN = 'LAST_SUPER_ADMIN',
}

export const ADMIN_ERRORS = defineErrors<AdminError>('admins', {
  INVALID_CREDENTIALS: { code: ErrorCode.UNAUTHENTICATED, message: 'Invalid Telegram ID or password', description: 'Sign-in with an unknown admin or a wrong password.' },
  RATE_LIMITED: {
    code: ErrorCode.UNAUTHENTICATED,
    message: 'Too many failed sign-in attempts; try again later',
    description: 'Too many sign-in attempts for the account or from the IP address (details.retryAfterSeconds).',
  },
  WRONG_PASSWORD: { code: ErrorCode.BAD_USER_INPUT, message: 'The current password is wrong', description: 'changePassword with a wrong current password.' },
  SAME_PASSWORD: { code: ErrorCode.BAD_USER_INPUT, message: 'The new password must differ from the current one', description: 'changePassword to the current password.' },
  WEAK_PASSWORD: { code: ErrorCode.BAD_USER_INPUT, message: 'The password is too short or too long', description: 'A new password outside the allowed length.' },
  INVALID_TELEGRAM_ID: { code: ErrorCode.BAD_USER_INPUT, message: 'The Telegram id is not valid', description: 'A Telegram id that is not 1 to 20 digits, or out of range.' },
  ALREADY_ADMIN: { code: ErrorCode.CONFLICT, message: 'This Telegram user is already an admin', description: 'createAdmin for a user who already has an admin role.' },
  SELF_CHANGE: { code: ErrorCode.CONFLICT, message: 'You cannot change your own role or disable yourself', description: "An admin changing their own role or active flag." },
  LAST_SUPER_ADMIN: {
    code: ErrorCode.CONFLICT,
    message: 'The last active super admin cannot be demoted or disabled',
    description: 'The change would leave no active super admin.',
  },
});

export class AdminException extends CodedException<AdminError> {
  constructor(reason: AdminError, message?: string, details?: Record<string, unknown>) {
    super(ADMIN_ERRORS, reason, message, details);
  }
}
