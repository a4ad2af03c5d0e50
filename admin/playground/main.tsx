// Monaco's editor, JSON and GraphQL workers, bundled by Vite: nothing loads from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_HEADERS, DEFAULT_QUERY, DEFAULT_VARIABLES } from './defaults';
import { fetcher } from './fetcher';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      initialVariables={DEFAULT_VARIABLES}
      defaultHeaders={DEFAULT_HEADERS}
      defaultEditorToolsVisibility="headers"
    />
  </StrictMode>,
);
