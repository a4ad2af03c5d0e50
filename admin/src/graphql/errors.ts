interface GraphQLErrorLike {
  extensions?: { code?: unknown; reason?: unknown };
}

interface DataProviderError {
  status?: number;
  body?: { graphQLErrors?: GraphQLErrorLike[]; errors?: GraphQLErrorLike[] };
}

/**
 * True when the server refused the request for want of a valid token. Generated queries
 * fail with an ApolloError body (`graphQLErrors`), hand-written ones with the raw
 * response (`errors`).
 */
export function isUnauthenticated(error: unknown): boolean {
  const { status, body } = (error ?? {}) as DataProviderError;
  const errors = body?.graphQLErrors ?? body?.errors ?? [];
  return (
    status === 401 || errors.some((graphQLError) => graphQLError.extensions?.code === 'UNAUTHENTICATED')
  );
}

/** The contract's `extensions.code` of the first GraphQL error (CONFLICT, BAD_USER_INPUT, ...). */
export function errorCode(error: unknown): string | undefined {
  const { body } = (error ?? {}) as DataProviderError;
  const code = (body?.graphQLErrors ?? body?.errors ?? [])[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A refusal because the record is no longer what the page shows (changed by someone else,
 * or gone): the page should reload it rather than keep offering a stale action.
 */
export function isStaleRecordError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'CONFLICT' || code === 'NOT_FOUND';
}

/** The `extensions.reason` of the first GraphQL error (RELEASE_IN_PROGRESS, ...). */
export function errorReason(error: unknown): string | undefined {
  const { body } = (error ?? {}) as DataProviderError;
  const reason = (body?.graphQLErrors ?? body?.errors ?? [])[0]?.extensions?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * True when the server could not be reached or could not reach its database: fetch's network
 * failure (a TypeError, or ra-data-graphql's HttpError with no status), a proxy's 502/503/504,
 * or INTERNAL_SERVER_ERROR with reason SERVICE_UNAVAILABLE. Such an error says nothing about
 * the session, so the panel keeps it.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  if (!error || typeof error !== 'object') return false;
  const { status, body } = error as DataProviderError;
  if (status === 502 || status === 503 || status === 504) return true;
  if ((status === undefined || status === 0) && body == null && 'message' in error && 'status' in error) return true;
  return errorReason(error) === 'SERVICE_UNAVAILABLE';
}
