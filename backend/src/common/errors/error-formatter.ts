import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code.js';
import { CommonError, CommonException, DomainException } from './domain.exception.js';
import { REQUEST_ERRORS, type RequestError } from './request-errors.js';

const logger = new Logger('GraphQLErrors');

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.FORBIDDEN,
};

/** Apollo's own codes for documents that never reached a resolver. */
const APOLLO_INPUT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE']);
/** Apollo's codes for an HTTP request that is no GraphQL request this server takes. */
const APOLLO_REQUEST_CODES = new Set(['BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_FOUND']);

/** PostgreSQL SQLSTATEs that mean the input was wrong, not the server. */
const PG_INPUT_STATES: Record<string, { code: ErrorCode; message: string }> = {
  '23505': { code: ErrorCode.CONFLICT, message: 'This conflicts with an existing record' },
  '23503': { code: ErrorCode.BAD_USER_INPUT, message: 'A referenced record does not exist' },
  '23514': { code: ErrorCode.BAD_USER_INPUT, message: 'The change was refused by a data rule' },
  '22P02': { code: ErrorCode.BAD_USER_INPUT, message: 'A value has the wrong format' },
  '22003': { code: ErrorCode.BAD_USER_INPUT, message: 'A number is out of range' },
  '22001': { code: ErrorCode.BAD_USER_INPUT, message: 'A value is too long' },
  // A date PostgreSQL cannot hold or read (the DateTime scalar refuses those first).
  '22008': { code: ErrorCode.BAD_USER_INPUT, message: 'A date or time is out of range' },
  '22007': { code: ErrorCode.BAD_USER_INPUT, message: 'A date or time has the wrong format' },
  '40001': { code: ErrorCode.CONFLICT, message: 'The record changed at the same time; try again' },
  '40P01': { code: ErrorCode.CONFLICT, message: 'The record changed at the same time; try again' },
  '55P03': { code: ErrorCode.CONFLICT, message: 'The record is busy; try again' },
};

/**
 * Failures to reach PostgreSQL (refused, reset or timed-out connections, a server shutting
 * down or starting up): the caller's request was fine, the service is unavailable.
 */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const CONNECTION_ERROR_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && CONNECTION_ERROR_MESSAGE.test(message);
}

function validationMessage(response: unknown): string | undefined {
  if (response && typeof response === 'object' && 'message' in response) {
    const message = (response as { message: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/**
 * The one place where any error becomes what a client sees: a message and `extensions.code`
 * from the contract. Unknown errors are logged here and reach the client as a bare
 * INTERNAL_SERVER_ERROR: no stack trace, SQL or driver message ever leaves the server.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const wrapped = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  // graphql-js wraps what it does not recognise as an Error (one from another realm, as under
  // Jest's VM modules) in a NonErrorThrown holding the value.
  const original = wrapped instanceof Error && wrapped.name === 'NonErrorThrown' && 'thrownValue' in wrapped ? (wrapped as { thrownValue: unknown }).thrownValue : wrapped;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const result = (code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLFormattedError => ({
    ...base,
    message,
    extensions: { code, ...extra },
  });

  if (original instanceof DomainException) {
    return result(original.code, original.message, { ...(original.reason ? { reason: original.reason } : {}), ...original.details });
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    const code = HTTP_STATUS_CODES[status] ?? (status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR);
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
      logger.error(original.message, original.stack);
      return result(code, 'Internal server error');
    }
    return result(code, validationMessage(original.getResponse()) ?? original.message);
  }
  if (isDatabaseUnavailable(original)) {
    logger.error(`database unavailable: ${(original as Error).message}`);
    const unavailable = new CommonException(CommonError.SERVICE_UNAVAILABLE);
    return result(unavailable.code, unavailable.message, { reason: unavailable.reason });
  }
  const pgState = (original as { code?: unknown } | undefined)?.code;
  if (typeof pgState === 'string' && PG_INPUT_STATES[pgState] && (original as { severity?: unknown }).severity) {
    const mapped = PG_INPUT_STATES[pgState];
    logger.warn(`database refused a change (${pgState}): ${(original as Error).message}`);
    return result(mapped.code, mapped.message);
  }
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && APOLLO_REQUEST_CODES.has(apolloCode)) {
    if (apolloCode === 'BAD_REQUEST') return result(ErrorCode.BAD_REQUEST, formatted.message);
    // Apollo's "PersistedQueryNotSupported" is a class name, not a sentence: say what to do instead.
    return result(ErrorCode.BAD_REQUEST, REQUEST_ERRORS.reasons[apolloCode as RequestError].message, { reason: apolloCode });
  }
  const reason = formatted.extensions?.reason;
  const withReason = typeof reason === 'string' ? { reason } : {};
  if (error instanceof GraphQLError && !error.originalError && typeof apolloCode === 'string' && apolloCode in ErrorCode) {
    // Raised deliberately with a contract code (e.g. by a scalar, a guard or a request plugin).
    return result(apolloCode as ErrorCode, formatted.message, withReason);
  }
  if (typeof apolloCode === 'string' && APOLLO_INPUT_CODES.has(apolloCode)) {
    return result(ErrorCode.BAD_USER_INPUT, formatted.message, withReason);
  }
  if (error instanceof GraphQLError && !error.originalError && !error.path) {
    // A document error without a code (coercion of variables, unknown fields): the client's fault.
    return result(ErrorCode.BAD_USER_INPUT, formatted.message);
  }
  logger.error(`unexpected error: ${(original as Error)?.message ?? String(original)}`, (original as Error)?.stack);
  return result(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}

/** graphql-js's hints at names the client got wrong ("Did you mean "allUsers"?", "... the enum value "X"?"). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * formatGraphQLError, plus (when introspection is off) without graphql-js's "Did you mean ..."
 * hints, which would otherwise spell out the hidden schema one guess at a time.
 */
export function graphQLErrorFormatter(options: { hideSuggestions: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = formatGraphQLError(formatted, error);
    return options.hideSuggestions ? { ...result, message: result.message.replace(SUGGESTION, '') } : result;
  };
}
