import { readFileSync } from 'node:fs';
import { buildSchema, introspectionFromSchema, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { vi } from 'vitest';
import * as generated from '../src/graphql/generated';

/** The schema the backend emits and commits: the panel's tests run against the real thing. */
export const BACKEND_SCHEMA_PATH = new URL('../../backend/schema.gql', import.meta.url);

export function loadSchema(path: URL | string): GraphQLSchema {
  return buildSchema(readFileSync(path, 'utf8'));
}

/** The same introspection vite/graphqlIntrospection.ts bakes into the build. */
export function introspectionOf(schema: GraphQLSchema) {
  return introspectionFromSchema(schema, { descriptions: false }).__schema;
}

export interface RecordedRequest {
  url: string;
  headers: Headers;
  query: string;
  variables: Record<string, unknown>;
}

/** A string body is sent as is, to play a proxy's HTML error page. */
type Reply = { status?: number; body: unknown };

/**
 * Replaces fetch with a fake GraphQL endpoint: every request is recorded and answered by
 * `reply`, so tests see exactly what the panel sends, with no server and no network.
 */
export function fakeGraphQLServer(reply: (request: RecordedRequest) => Reply) {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const { query, variables } = JSON.parse(String(init.body));
      const request = { url: String(url), headers: new Headers(init.headers), query, variables };
      requests.push(request);
      const { status = 200, body } = reply(request);
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return requests;
}

/**
 * The operations of src/graphql/operations.graphql as the panel sends them: the generated
 * typed documents (each with the fragments it spreads), printed, by operation name.
 */
export function handWrittenOperations(): Record<string, string> {
  const entries: [string, unknown][] = Object.entries(generated);
  return Object.fromEntries(
    entries
      .filter((entry): entry is [string, DocumentNode] => /[a-z]Document$/.test(entry[0]))
      .map(([name, document]) => [name.replace(/Document$/, ''), print(document)]),
  );
}
