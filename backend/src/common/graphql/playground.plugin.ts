import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';

const NOT_BUILT_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>GraphQL</title></head>
<body style="font-family:sans-serif;margin:3rem"><h1>GraphQL playground not built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>) to build it. The API itself answers POST requests on this URL.</p></body></html>`;

/**
 * Serves the GraphiQL build from `admin/dist-playground` as the page a browser gets for
 * `GET /graphql`. Everything it loads comes from this server, so it works with no internet.
 */
export function playgroundPlugin(enabled: boolean, playgroundDir: string): ApolloServerPlugin {
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  const indexFile = join(playgroundDir, 'index.html');
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : NOT_BUILT_PAGE };
        },
      };
    },
  };
}
