import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ERRORS, RequestError } from './request-errors.js';

/** What a client is told for each body-parser failure (never the body itself or a stack). */
const BODY_ERRORS: Record<string, RequestError> = {
  'entity.parse.failed': RequestError.INVALID_JSON,
  'charset.unsupported': RequestError.UNSUPPORTED_CHARSET,
  'encoding.unsupported': RequestError.UNSUPPORTED_ENCODING,
  'entity.too.large': RequestError.BODY_TOO_LARGE,
  'entity.verify.failed': RequestError.INVALID_BODY,
  'request.aborted': RequestError.REQUEST_ABORTED,
  'request.size.invalid': RequestError.INVALID_BODY,
  'stream.encoding.set': RequestError.INVALID_BODY,
};

/**
 * An Express error handler for the GraphQL endpoint: a body the JSON parser refuses (not JSON,
 * a bare string or number, another charset, too large) is answered like every other GraphQL
 * error, `{ errors: [{ message, extensions: { code: "BAD_REQUEST", reason } }] }`, with the
 * parser's 4xx status, instead of Nest's `{ statusCode, message }`.
 */
export function graphqlBodyErrorHandler(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || response.headersSent) return next(error);
  const reason = BODY_ERRORS[type] ?? RequestError.INVALID_BODY;
  const { code, message } = REQUEST_ERRORS.reasons[reason];
  const httpStatus = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
  response.status(httpStatus).json({ errors: [{ message, extensions: { code, reason } }] });
}
