import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  type ServerError,
  type TypedDocumentNode,
} from '@apollo/client';
import { getOperationAST, type GraphQLFormattedError } from 'graphql';
import { HttpError } from 'react-admin';
import { authorizationHeader } from '../authStorage';

// Same origin as the panel: the backend serves both, and `vite dev` proxies it.
export const GRAPHQL_URL = '/graphql';

// The token is read at each request, so a new login applies without rebuilding the client.
const authorization = new ApolloLink((operation, forward) => {
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    headers: { ...headers, ...authorizationHeader() },
  }));
  return forward(operation);
});

/**
 * The server answers some refusals with a 4xx status and a GraphQL body (a request body it
 * cannot parse, a query past its limits); Apollo would report those as a network error and
 * drop the body. Hand their `errors` on as GraphQL errors, so every refusal keeps its
 * `extensions.code` and `reason`. A response without GraphQL errors (a proxy's 502 page, no
 * network) stays a network error.
 */
const refusalsAsGraphQLErrors = new ApolloLink(
  (operation, forward) =>
    new Observable((observer) => {
      const subscription = forward(operation).subscribe({
        next: (result) => observer.next(result),
        complete: () => observer.complete(),
        error: (error: Partial<ServerError>) => {
          const errors = (error.result as { errors?: GraphQLFormattedError[] } | undefined)?.errors;
          if (!Array.isArray(errors) || errors.length === 0) return observer.error(error);
          observer.next({ data: null, errors });
          observer.complete();
        },
      });
      return () => subscription.unsubscribe();
    }),
);

/**
 * The one GraphQL client of the panel: ra-data-graphql's CRUD queries, the admin operations and
 * the login all go through it. No cache: react-admin caches with react-query already, and
 * Apollo's normalised cache only warned about objects without an id (stats, wallets).
 */
export function createGraphQLClient(): ApolloClient<unknown> {
  return new ApolloClient({
    link: ApolloLink.from([
      authorization,
      refusalsAsGraphQLErrors,
      // Looks fetch up at each request (tests replace it).
      new HttpLink({ uri: GRAPHQL_URL, fetch: (input, init) => fetch(input, init) }),
    ]),
    cache: new InMemoryCache(),
    defaultOptions: {
      query: { fetchPolicy: 'no-cache' },
      watchQuery: { fetchPolicy: 'no-cache' },
      mutate: { fetchPolicy: 'no-cache' },
    },
  });
}

interface ApolloFailure {
  message: string;
  networkError?: { message: string; statusCode?: number } | null;
}

/**
 * The panel's one error shape, the one ra-data-graphql gives its CRUD queries: a refusal is an
 * HttpError whose body is Apollo's error (`body.graphQLErrors[i].extensions.code` / `.reason`),
 * a failed request an HttpError with the HTTP status, if any, and no body.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const { message, networkError } = (error ?? {}) as ApolloFailure;
  if (networkError) return new HttpError(networkError.message, networkError.statusCode as number);
  return new HttpError(message, 200, error);
}

/** Sends one typed operation (query or mutation) through the client; fails with toHttpError's shape. */
export async function sendOperation<TData, TVariables extends Record<string, unknown>>(
  client: ApolloClient<unknown>,
  document: TypedDocumentNode<TData, TVariables>,
  ...[variables]: Record<string, never> extends TVariables ? [TVariables?] : [TVariables]
): Promise<TData> {
  try {
    const result =
      getOperationAST(document)?.operation === 'mutation'
        ? await client.mutate({ mutation: document, variables })
        : await client.query({ query: document, variables });
    return result.data as TData;
  } catch (error) {
    throw toHttpError(error);
  }
}
