import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./playground', import.meta.url)),
  base: '/playground/',
  plugins: [react()],
  // Monaco's workers import each other as ES modules.
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist-playground', import.meta.url)),
    emptyOutDir: true,
    // Monaco is large; it is loaded once, by developers, from this same server.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // GraphiQL's React Compiler output starts modules with "use no memo", which means
      // nothing once bundled.
      checks: { moduleLevelDirective: false },
    },
  },
  server: {
    proxy: { '/graphql': 'http://localhost:3000' },
  },
});
