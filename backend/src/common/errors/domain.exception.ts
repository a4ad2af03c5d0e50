import { ErrorCode } from './error-code.js';

/**
 * The base of every exception a domain throws on purpose. Each domain subclasses it with its own
 * reasons (`WalletException`, `WithdrawalException`...); the error formatter turns `code` into
 * `extensions.code` and `reason` into `extensions.reason`, and shows `message` to the client.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputException extends DomainException {
  constructor(message: string, reason = 'INVALID_INPUT', details?: Record<string, unknown>) {
    super(ErrorCode.BAD_USER_INPUT, message, reason, details);
  }
}

export class NotFoundException extends DomainException {
  constructor(what: string, id?: string | number) {
    super(ErrorCode.NOT_FOUND, id === undefined ? `${what} not found` : `${what} ${id} not found`, 'NOT_FOUND');
  }
}

export class ConflictException extends DomainException {
  constructor(message: string, reason = 'CONFLICT', details?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, reason, details);
  }
}

export class UnauthenticatedException extends DomainException {
  constructor(message = 'Authentication required', reason = 'UNAUTHENTICATED', details?: Record<string, unknown>) {
    super(ErrorCode.UNAUTHENTICATED, message, reason, details);
  }
}

export class ForbiddenException extends DomainException {
  constructor(message = 'You are not allowed to do this', reason = 'FORBIDDEN') {
    super(ErrorCode.FORBIDDEN, message, reason);
  }
}

/**
 * The server cannot do its work right now (the database is unreachable): INTERNAL_SERVER_ERROR
 * with reason SERVICE_UNAVAILABLE, so a client retries later instead of, say, signing out.
 */
export class ServiceUnavailableException extends DomainException {
  constructor(message = 'The service is temporarily unavailable; try again shortly') {
    super(ErrorCode.INTERNAL_SERVER_ERROR, message, 'SERVICE_UNAVAILABLE');
  }
}
