import { CodedException } from '../errors/domain.exception.js';
import { defineErrors } from '../errors/error-catalog.js';
import { ErrorCode } from '../errors/error-code.js';

/** Why a request's credentials (API key or token) or the operation itself is refused, before any resolver runs. */
export enum AuthError {
  INVALID_TOKEN = 'INVALID_TOKEN',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_REVOKED = 'TOKEN_REVOKED',
  INVALID_API_KEY = 'INVALID_API_KEY',
  ADMIN_DISABLED = 'ADMIN_DISABLED',
  NOT_EXPOSED = 'NOT_EXPOSED',
}

export const AUTH_ERRORS = defineErrors<AuthError>('auth', {
  INVALID_TOKEN: { code: ErrorCode.UNAUTHENTICATED, message: 'Invalid token', description: 'The bearer token is malformed, badly signed or for another audience.' },
  TOKEN_EXPIRED: { code: ErrorCode.UNAUTHENTICATED, message: 'The session has expired; sign in again', description: 'The bearer token has expired.' },
  TOKEN_REVOKED: {
    code: ErrorCode.UNAUTHENTICATED,
    message: 'The password was changed; sign in again',
    description: "The bearer token was issued before the admin's password last changed.",
  },
  INVALID_API_KEY: { code: ErrorCode.UNAUTHENTICATED, message: 'Invalid API key', description: 'The x-api-key header is not the bot key.' },
  ADMIN_DISABLED: { code: ErrorCode.UNAUTHENTICATED, message: 'This admin account is disabled', description: 'The admin account is disabled: no sign-in, and its tokens stop working.' },
  NOT_EXPOSED: { code: ErrorCode.FORBIDDEN, message: 'This operation is not available', description: 'The operation carries no access marker, so nobody may call it.' },
});

export class AuthException extends CodedException<AuthError> {
  constructor(reason: AuthError, message?: string, details?: Record<string, unknown>) {
    super(AUTH_ERRORS, reason, message, details);
  }
}
