import type { ApolloServerPlugin } from '@apollo/server';
import { CodedException } from './domain.exception.js';
import { defineErrors } from './error-catalog.js';
import { ErrorCode } from './error-code.js';

/** Reasons for a request refused before any domain saw it: its body, its characters, its document. */
export enum RequestError {
  INVALID_JSON = 'INVALID_JSON',
  UNSUPPORTED_CHARSET = 'UNSUPPORTED_CHARSET',
  UNSUPPORTED_ENCODING = 'UNSUPPORTED_ENCODING',
  BODY_TOO_LARGE = 'BODY_TOO_LARGE',
  INVALID_BODY = 'INVALID_BODY',
  REQUEST_ABORTED = 'REQUEST_ABORTED',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  INVALID_CHARACTERS = 'INVALID_CHARACTERS',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
}

const body = (message: string, description: string) => ({ code: ErrorCode.BAD_REQUEST, message, description });

export const REQUEST_ERRORS = defineErrors<RequestError>('request', {
  INVALID_JSON: body('The request body must be a JSON object: {"query": "...", "variables": {...}}', 'The body is not a JSON object.'),
  UNSUPPORTED_CHARSET: body('The request body must be JSON in UTF-8', 'The body is in a character set other than UTF-8.'),
  UNSUPPORTED_ENCODING: body('The request body has an unsupported content encoding', 'The body has a content encoding the server does not read.'),
  BODY_TOO_LARGE: body('The request body is too large', 'The body is larger than the server accepts.'),
  INVALID_BODY: body('The request body could not be read', 'The body could not be read in full or as declared.'),
  REQUEST_ABORTED: body('The request body was not received in full', 'The client stopped sending the body.'),
  PERSISTED_QUERY_NOT_SUPPORTED: body('Persisted queries are not supported', 'The request named a persisted query; send the document itself.'),
  PERSISTED_QUERY_NOT_FOUND: body('Persisted queries are not supported', 'The request named a persisted query; send the document itself.'),
  INVALID_CHARACTERS: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'The input contains characters that are not allowed',
    description: 'A string holds a NUL character or a lone surrogate.',
  },
  VALIDATION_FAILED: { code: ErrorCode.BAD_USER_INPUT, message: 'Invalid input', description: "An input object failed its fields' validation rules." },
});

/** Apollo's codes for a request naming a persisted query, which this server does not keep. */
const PERSISTED_QUERY_CODES = new Set<string>([RequestError.PERSISTED_QUERY_NOT_SUPPORTED, RequestError.PERSISTED_QUERY_NOT_FOUND]);

/**
 * Answers a request naming a persisted query (an `extensions.persistedQuery` hash, by POST or
 * GET) with HTTP 400, as every other request error. Apollo sends those with 200, which its own
 * persisted-query clients expect; nothing here uses them, so they are plain bad requests.
 */
export function persistedQueryStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (errors?.some((error) => PERSISTED_QUERY_CODES.has(String(error.extensions?.code)))) response.http.status = 400;
        },
      };
    },
  };
}

/** A request refused before any domain saw it (an input object failing validation). */
export class RequestException extends CodedException<RequestError> {
  constructor(reason: RequestError, message?: string, details?: Record<string, unknown>) {
    super(REQUEST_ERRORS, reason, message, details);
  }
}
