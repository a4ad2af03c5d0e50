import { HttpError } from 'react-admin';
import { authorizationHeader } from '../authStorage';

// Same origin as the panel: the backend serves both, and `vite dev` proxies it.
export const GRAPHQL_URL = '/graphql';

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * Sends one hand-written operation (login, admin actions). A GraphQL error becomes an
 * HttpError carrying the server's message, and the response as its body for checkError.
 */
export async function graphqlRequest<TData>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<TData> {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorizationHeader() },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => null)) as GraphQLResponse<TData> | null;
  if (body?.errors?.length) {
    throw new HttpError(body.errors[0].message, response.status, body);
  }
  if (!response.ok || !body?.data) {
    throw new HttpError(response.statusText || 'The server sent no data', response.status, body);
  }
  return body.data;
}
