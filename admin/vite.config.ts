import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { graphqlIntrospection } from './vite/graphqlIntrospection.ts';

export default defineConfig({
  base: '/admin/',
  plugins: [
    react(),
    graphqlIntrospection({
      schemaPath: fileURLToPath(new URL('../backend/schema.gql', import.meta.url)),
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react-admin and MUI make one ~1.3 MB chunk (~400 kB gzipped); for an internal panel
    // that is fine, and splitting it would only add requests.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/graphql': 'http://localhost:3000' },
  },
});
