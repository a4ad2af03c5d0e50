import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { graphqlIntrospection } from './vite/graphqlIntrospection';

export default defineConfig({
  base: '/admin/',
  plugins: [
    react(),
    graphqlIntrospection({
      schemaPath: fileURLToPath(new URL('../backend/schema.gql', import.meta.url)),
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: { '/graphql': 'http://localhost:3000' },
  },
});
