import { defineErrors, type ErrorCatalog } from './error-catalog.js';
import { ErrorCode } from './error-code.js';

/**
 * The base of every exception thrown on purpose. Each domain subclasses it with its own reason
 * enum and catalog (`WithdrawalException(WithdrawalError.BELOW_MINIMUM)`); the catalog maps the
 * reason to the contract's code once, and the error formatter turns `code` into
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

/** Reasons that belong to no one domain: malformed input, a missing record, sign-in and permission. */
export enum CommonError {
  INVALID_INPUT = 'INVALID_INPUT',
  INVALID_ID = 'INVALID_ID',
  INVALID_TELEGRAM_ID = 'INVALID_TELEGRAM_ID',
  INVALID_SORT = 'INVALID_SORT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

export const COMMON_ERRORS = defineErrors<CommonError>('common', {
  INVALID_INPUT: { code: ErrorCode.BAD_USER_INPUT, message: 'The input is not valid', description: 'An argument or input field is malformed or out of range.' },
  INVALID_ID: { code: ErrorCode.BAD_USER_INPUT, message: 'The id is not valid', description: 'An id is not a positive whole number.' },
  INVALID_TELEGRAM_ID: { code: ErrorCode.BAD_USER_INPUT, message: 'telegramId must be 1 to 20 digits', description: 'A Telegram id is not 1 to 20 digits, or is out of range.' },
  INVALID_SORT: { code: ErrorCode.BAD_USER_INPUT, message: 'The sort field is not one of the list’s', description: "A list's sortField is not one it can sort by." },
  NOT_FOUND: { code: ErrorCode.NOT_FOUND, message: 'Not found', description: 'The record asked for does not exist.' },
  CONFLICT: { code: ErrorCode.CONFLICT, message: 'This conflicts with the current state', description: 'The record is not in a state that allows this.' },
  UNAUTHENTICATED: { code: ErrorCode.UNAUTHENTICATED, message: 'Authentication required', description: 'No valid API key or token came with the request.' },
  FORBIDDEN: { code: ErrorCode.FORBIDDEN, message: 'You are not allowed to do this', description: "The caller's role does not allow this operation." },
  SERVICE_UNAVAILABLE: {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: 'The service is temporarily unavailable; try again shortly',
    description: 'The database cannot be reached right now; retry later.',
  },
});

/**
 * An exception with a catalogued reason: its code comes from the catalog, its message is the
 * catalog's unless the throw gives a more specific one. Each domain extends it with its own
 * reason enum (`class WithdrawalException extends CodedException<WithdrawalError>`).
 */
export abstract class CodedException<R extends string> extends DomainException {
  declare readonly reason: R;

  constructor(catalog: ErrorCatalog<R>, reason: R, message?: string, details?: Record<string, unknown>) {
    const definition = catalog.reasons[reason];
    super(definition.code, message ?? definition.message, reason, details);
  }
}

/** A common reason: `new CommonException(CommonError.NOT_FOUND, 'Order 5 not found')`. */
export class CommonException extends CodedException<CommonError> {
  constructor(reason: CommonError, message?: string, details?: Record<string, unknown>) {
    super(COMMON_ERRORS, reason, message, details);
  }

  /** `<what> <id> not found`. */
  static notFound(what: string, id?: string | number): CommonException {
    return new CommonException(CommonError.NOT_FOUND, id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}
