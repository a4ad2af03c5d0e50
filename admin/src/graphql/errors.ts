interface GraphQLErrorLike {
  extensions?: { code?: unknown };
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
