import { BadRequestException, HttpException } from '@nestjs/common';
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

/** For a gzip, deflate or br body that does not decompress (zlib's own words name no cause a client can act on). */
const DECOMPRESSION_FAILED = 'The request body could not be decompressed: it does not match its Content-Encoding';
/** For a body the JSON parser refuses outside /graphql (its own words quote the body). */
const INVALID_JSON = 'The body is not valid JSON';

/**
 * An Express error handler for the GraphQL endpoint: a body the JSON parser refuses (not JSON,
 * a bare string or number, another charset, too large) is answered like every other GraphQL
 * error, `{ errors: [{ message, extensions: { code: "BAD_REQUEST", reason } }] }`, with the
 * parser's 4xx status, instead of Nest's `{ statusCode, message }`.
 */
export function graphqlBodyErrorHandler(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (response.headersSent) return next(error);
  if (typeof type !== 'string') {
    if (!isDecompressionFailure(error, request)) return next(error);
    const reason = RequestError.INVALID_BODY;
    response.status(400).json({ errors: [{ message: DECOMPRESSION_FAILED, extensions: { code: REQUEST_ERRORS.reasons[reason].code, reason } }] });
    return;
  }
  const reason = BODY_ERRORS[type] ?? RequestError.INVALID_BODY;
  const { code, message } = REQUEST_ERRORS.reasons[reason];
  const httpStatus = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
  response.status(httpStatus).json({ errors: [{ message, extensions: { code, reason } }] });
}


/**
 * The parser passes zlib's own error on ("incorrect header check", "Decompression failed"), with
 * no `type`, when a gzip, deflate or br body does not decompress.
 */
function isDecompressionFailure(error: unknown, request: Request): boolean {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  return typeof type !== 'string' && status === 400 && !!encoding && encoding !== 'identity';
}

/**
 * For the other routes (the gateways' webhooks, the Mini App), which answer in Nest's shape: a
 * body the parser refused as Nest's error with a plain message, instead of the JSON parser's
 * text quoting the body ("Unexpected token '"', ""x"" is not valid JSON") or zlib's. Undefined
 * when `exception` is no such refusal. Nest hands the parser's error over as the `cause` of the
 * HttpException it maps it to.
 */
export function plainBodyError(exception: unknown, request: Request): HttpException | undefined {
  const error = exception instanceof HttpException ? exception.cause : exception;
  const type = (error as { type?: unknown } | undefined)?.type;
  const message = type === 'entity.parse.failed' ? INVALID_JSON : isDecompressionFailure(error, request) ? DECOMPRESSION_FAILED : undefined;
  return message ? new BadRequestException(message, { cause: error }) : undefined;
}
