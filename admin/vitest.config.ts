import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts so unit tests never need the backend's emitted schema.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'vite/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    unstubGlobals: true,
    // ra-data-graphql's ES build takes named imports from @apollo/client, which Node loads as
    // CommonJS and refuses: pre-bundle the provider, as the app build does.
    deps: { optimizer: { ssr: { enabled: true, include: ['ra-data-graphql-simple'] } } },
    // The backend's query limits (test/queryLimits.test.ts) cost documents with
    // graphql-query-complexity, whose ES build Node would link to graphql's CommonJS copy, not the
    // one the tests' schema is built with: let Vite load it, as it loads the tests.
    server: { deps: { inline: ['graphql-query-complexity'] } },
  },
});
