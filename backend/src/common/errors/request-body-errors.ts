import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from './error-code.js';

/** What a client is told for each body-parser failure (never the body itself or a stack). */
const BODY_ERRORS: Record<string, { reason: string; message: string }> = {
  'entity.parse.failed': { reason: 'INVALID_JSON', message: 'The request body must be a JSON object: {"query": "...", "variables": {...}}' },
  'charset.unsupported': { reason: 'UNSUPPORTED_CHARSET', message: 'The request body must be JSON in UTF-8' },
  'encoding.unsupported': { reason: 'UNSUPPORTED_ENCODING', message: 'The request body has an unsupported content encoding' },
  'entity.too.large': { reason: 'BODY_TOO_LARGE', message: 'The request body is too large' },
  'entity.verify.failed': { reason: 'INVALID_BODY', message: 'The request body could not be read' },
  'request.aborted': { reason: 'REQUEST_ABORTED', message: 'The request body was not received in full' },
  'request.size.invalid': { reason: 'INVALID_BODY', message: 'The request body could not be read' },
  'stream.encoding.set': { reason: 'INVALID_BODY', message: 'The request body could not be read' },
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
  const known = BODY_ERRORS[type] ?? { reason: 'INVALID_BODY', message: 'The request body could not be read' };
  const httpStatus = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
  response.status(httpStatus).json({ errors: [{ message: known.message, extensions: { code: ErrorCode.BAD_REQUEST, reason: known.reason } }] });
}
