/** The contract's error codes, carried in every GraphQL error's `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** The HTTP request itself is not a GraphQL request (not JSON, not an object, another charset, a persisted query). */
  BAD_REQUEST = 'BAD_REQUEST',
}
