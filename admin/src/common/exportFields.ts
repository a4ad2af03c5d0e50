import type { IntrospectionObjectType, IntrospectionOutputTypeRef, IntrospectionSchema } from 'graphql';

function namedKind(type: IntrospectionOutputTypeRef): string {
  return type.kind === 'NON_NULL' || type.kind === 'LIST' ? namedKind(type.ofType) : type.kind;
}

/**
 * The fields an export fetches (ra-data-graphql-simple `meta.sparseFields`): the type's own
 * scalar and enum columns. Nested objects (a user's stats, a withdrawal's risk) each cost a
 * lookup per page and tripled the time of a 100,000-row export; the CSV keeps their ids.
 */
export function exportFields(schema: IntrospectionSchema, typeName: string): string[] | undefined {
  const type = schema.types.find((candidate) => candidate.name === typeName) as IntrospectionObjectType | undefined;
  if (!type || type.kind !== 'OBJECT') return undefined;
  return type.fields
    .filter((field) => field.args.length === 0 && ['SCALAR', 'ENUM'].includes(namedKind(field.type)))
    .map((field) => field.name);
}
