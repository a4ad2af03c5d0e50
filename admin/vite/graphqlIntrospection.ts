import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, introspectionFromSchema } from 'graphql';
import type { Plugin } from 'vite';

export const INTROSPECTION_MODULE_ID = 'virtual:graphql-introspection';
const RESOLVED_ID = `\0${INTROSPECTION_MODULE_ID}`;

/**
 * Serves `virtual:graphql-introspection`: the introspection of the backend's emitted SDL,
 * computed at build time. The data provider needs no introspection query at run time, so
 * production can keep GraphQL introspection off.
 */
export function graphqlIntrospection({ schemaPath }: { schemaPath: string }): Plugin {
  return {
    name: 'graphql-introspection',
    buildStart() {
      if (!existsSync(schemaPath)) {
        this.error(
          `GraphQL schema not found at ${schemaPath}. The admin panel is built from the SDL ` +
            'the backend emits (backend/schema.gql): emit or pull it before building the admin.',
        );
      }
    },
    resolveId(source) {
      return source === INTROSPECTION_MODULE_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(schemaPath);
      return introspectionModule(readFileSync(schemaPath, 'utf8'));
    },
  };
}

export function introspectionModule(sdl: string): string {
  // Descriptions are dropped: the data provider never reads them and they only add weight.
  const { __schema } = introspectionFromSchema(buildSchema(sdl), { descriptions: false });
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(__schema))});`;
}
