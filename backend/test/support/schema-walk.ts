import type { TestApp } from './test-app.js';

/**
 * The live schema, read through the API's introspection, and valid requests built from it for
 * any Query or Mutation field (dummy values for the required arguments). Tests that must cover
 * every operation use this instead of a list, so operations added later are covered too.
 */

export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
export interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
export interface FullType {
  kind: string;
  name: string;
  fields: RootField[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}
export interface RootField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
export interface IntrospectedSchema {
  queryType: { name: string };
  mutationType: { name: string } | null;
  types: FullType[];
}

/** A valid document for one root field, with its variables. */
export interface Operation {
  kind: 'query' | 'mutation';
  field: string;
  document: string;
  variables: Record<string, unknown>;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }';
const INTROSPECTION = `{
  __schema {
    queryType { name }
    mutationType { name }
    types {
      kind name
      enumValues(includeDeprecated: true) { name }
      inputFields { name defaultValue type { ${TYPE_REF} } }
      fields(includeDeprecated: true) { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } }
    }
  }
}`;

/** Introspects the schema over HTTP as the super admin. */
export async function introspect(t: TestApp): Promise<IntrospectedSchema> {
  const result = await t.admin<{ __schema: IntrospectedSchema }>(INTROSPECTION);
  if (!result.data) throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  return result.data.__schema;
}

export function printType(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${printType(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${printType(ref.ofType!)}]`;
  return ref.name!;
}

export function namedType(ref: TypeRef): TypeRef {
  return ref.ofType ? namedType(ref.ofType) : ref;
}

export const isRequired = (value: InputValue) => value.type.kind === 'NON_NULL' && value.defaultValue === null;

/** Builds requests against one introspected schema. */
export class SchemaWalker {
  private readonly types: Map<string, FullType>;

  constructor(readonly schema: IntrospectedSchema) {
    this.types = new Map(schema.types.map((type) => [type.name, type]));
  }

  type(name: string): FullType {
    const type = this.types.get(name);
    if (!type) throw new Error(`no type ${name} in the schema`);
    return type;
  }

  /** Root fields as [kind, field]. */
  roots(): ['query' | 'mutation', RootField][] {
    const roots: ['query' | 'mutation', RootField][] = [];
    for (const field of this.type(this.schema.queryType.name).fields ?? []) roots.push(['query', field]);
    if (this.schema.mutationType) for (const field of this.type(this.schema.mutationType.name).fields ?? []) roots.push(['mutation', field]);
    return roots;
  }

  /**
   * A dummy value of a type: ID/String "1", Int/Float/Money/JSON 1, Boolean true, DateTime an ISO
   * string, an enum its first value, an input object its required fields.
   */
  dummy(ref: TypeRef, depth = 0): unknown {
    if (depth > 10) throw new Error('input types nest too deeply for the walk');
    if (ref.kind === 'NON_NULL') return this.dummy(ref.ofType!, depth);
    if (ref.kind === 'LIST') return [this.dummy(ref.ofType!, depth)];
    const type = this.type(ref.name!);
    if (type.kind === 'ENUM') return type.enumValues![0].name;
    if (type.kind === 'INPUT_OBJECT') {
      return Object.fromEntries(type.inputFields!.filter(isRequired).map((field) => [field.name, this.dummy(field.type, depth + 1)]));
    }
    switch (ref.name) {
      case 'Int':
      case 'Float':
      case 'Money':
      case 'JSON':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2024-01-01T00:00:00.000Z';
      default: // ID, String and any other string-like scalar
        return '1';
    }
  }

  /**
   * A valid request for a root field: its required arguments (plus `extraArgs`) as variables with
   * dummy values, `__typename` selected on an object result.
   */
  operation(kind: 'query' | 'mutation', fieldName: string, extraArgs: string[] = []): Operation {
    const root = kind === 'query' ? this.schema.queryType.name : this.schema.mutationType!.name;
    const field = this.type(root).fields!.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`no ${kind} field ${fieldName}`);
    const used = field.args.filter((arg) => isRequired(arg) || extraArgs.includes(arg.name));
    const declarations = used.map((arg, i) => `$v${i}: ${printType(arg.type)}`);
    const args = used.map((arg, i) => `${arg.name}: $v${i}`);
    const resultKind = this.type(namedType(field.type).name!).kind;
    const selection = ['OBJECT', 'INTERFACE', 'UNION'].includes(resultKind) ? ' { __typename }' : '';
    return {
      kind,
      field: field.name,
      document: `${kind} Walk${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`,
      variables: Object.fromEntries(used.map((arg, i) => [`v${i}`, this.dummy(arg.type)])),
    };
  }

  /** Every Query and Mutation field as a valid request. */
  operations(): Operation[] {
    return this.roots().map(([kind, field]) => this.operation(kind, field.name));
  }

  /**
   * The first place (queries first) where an argument, or a field of an input argument, has the
   * scalar `scalar` (not inside a list): the root field and the path to it.
   */
  findScalarArgument(scalar: string): { kind: 'query' | 'mutation'; field: string; path: string[] } | undefined {
    const search = (ref: TypeRef, path: string[], depth: number): string[] | undefined => {
      if (ref.kind === 'NON_NULL') return search(ref.ofType!, path, depth);
      if (ref.kind === 'LIST' || depth > 5) return undefined;
      if (ref.name === scalar) return path;
      const type = this.type(ref.name!);
      if (type.kind !== 'INPUT_OBJECT') return undefined;
      for (const field of type.inputFields!) {
        const found = search(field.type, [...path, field.name], depth + 1);
        if (found) return found;
      }
      return undefined;
    };
    const roots = [...this.roots()].sort(([a], [b]) => (a === b ? 0 : a === 'query' ? -1 : 1));
    for (const [kind, field] of roots) {
      for (const arg of field.args) {
        const path = search(arg.type, [arg.name], 0);
        if (path) return { kind, field: field.name, path };
      }
    }
    return undefined;
  }

  /** A request for the argument found by findScalarArgument, with `value` at its path. */
  operationWithValueAt(found: { kind: 'query' | 'mutation'; field: string; path: string[] }, value: unknown): Operation {
    const operation = this.operation(found.kind, found.field, [found.path[0]]);
    const variable = operation.document.match(new RegExp(`\\b${found.path[0]}: \\$(v\\d+)`))![1];
    if (found.path.length === 1) {
      operation.variables[variable] = value;
      return operation;
    }
    // Walk down the input types, filling any optional object on the way with its required fields.
    const root = found.kind === 'query' ? this.schema.queryType.name : this.schema.mutationType!.name;
    let ref = this.type(root).fields!.find((field) => field.name === found.field)!.args.find((arg) => arg.name === found.path[0])!.type;
    let target = operation.variables[variable] as Record<string, unknown>;
    for (const key of found.path.slice(1, -1)) {
      ref = this.type(namedType(ref).name!).inputFields!.find((field) => field.name === key)!.type;
      target = (target[key] ??= this.dummy(ref)) as Record<string, unknown>;
    }
    target[found.path.at(-1)!] = value;
    return operation;
  }
}
