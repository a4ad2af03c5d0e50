import type { GraphiQLProps } from 'graphiql';

// The playground is served by the API's own origin (at /playground/ and for GET /graphql).
const GRAPHQL_URL = '/graphql';

/**
 * Posts each operation as JSON, which Apollo's CSRF prevention requires, with the headers
 * typed into the headers editor.
 */
export const fetcher: GraphiQLProps['fetcher'] = async (graphQLParams, options) => {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      ...options?.headers,
    },
    body: JSON.stringify(graphQLParams),
  });
  return response.json();
};
