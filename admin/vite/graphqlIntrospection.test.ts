import { describe, expect, it } from 'vitest';
import { graphqlIntrospection, INTROSPECTION_MODULE_ID, introspectionModule } from './graphqlIntrospection';

const SDL = `
  """A business setting"""
  type Setting { id: ID!, key: String! }
  type Query { allSettings: [Setting!]! }
`;

describe('graphqlIntrospection', () => {
  it('turns the SDL into a module exporting its introspection, without descriptions', async () => {
    const code = introspectionModule(SDL);
    const { default: schema } = await import(`data:text/javascript,${encodeURIComponent(code)}`);

    expect(schema.queryType.name).toBe('Query');
    const setting = schema.types.find((type: { name: string }) => type.name === 'Setting');
    expect(setting.fields.map((field: { name: string }) => field.name)).toEqual(['id', 'key']);
    expect(setting.description).toBeUndefined();
  });

  it('fails the build, naming the file, when the backend has not emitted its schema', () => {
    const plugin = graphqlIntrospection({ schemaPath: '/nowhere/schema.gql' });
    const buildStart = plugin.buildStart as (this: unknown) => void;
    const context = {
      error(message: string): never {
        throw new Error(message);
      },
    };

    expect(() => buildStart.call(context)).toThrow(/GraphQL schema not found at \/nowhere\/schema\.gql/);
  });

  it('answers only for its virtual module', () => {
    const plugin = graphqlIntrospection({ schemaPath: '/nowhere/schema.gql' });
    const resolveId = plugin.resolveId as (source: string) => string | undefined;

    expect(resolveId(INTROSPECTION_MODULE_ID)).toBe(`\0${INTROSPECTION_MODULE_ID}`);
    expect(resolveId('react')).toBeUndefined();
  });
});
