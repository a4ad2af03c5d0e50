interface GraphQLErrorLike {
  extensions?: { code?: unknown; reason?: unknown };
}

/**
 * Every request of the panel fails the same way (graphql/client.ts toHttpError, the shape
 * ra-data-graphql gives its CRUD queries): an HttpError whose body is Apollo's error, with the
 * server's GraphQL errors in `graphQLErrors`, or, when no GraphQL answer came, the HTTP status
 * (if any) and no body.
 */
interface DataProviderError {
  status?: number;
  body?: { graphQLErrors?: readonly GraphQLErrorLike[] } | null;
}

function graphQLErrors(error: unknown): readonly GraphQLErrorLike[] {
  return (error as DataProviderError | null | undefined)?.body?.graphQLErrors ?? [];
}

/** True when the server refused the request for want of a valid token. */
export function isUnauthenticated(error: unknown): boolean {
  const { status } = (error ?? {}) as DataProviderError;
  return status === 401 || graphQLErrors(error).some(({ extensions }) => extensions?.code === 'UNAUTHENTICATED');
}

/** The contract's `extensions.code` of the first GraphQL error (CONFLICT, BAD_USER_INPUT, ...). */
export function errorCode(error: unknown): string | undefined {
  const code = graphQLErrors(error)[0]?.extensions?.code;
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
  const reason = graphQLErrors(error)[0]?.extensions?.reason;
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
