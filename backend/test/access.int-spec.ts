import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY, Principal } from '../src/common/auth/access.decorator.js';
import { ACCESS_TABLE, type Caller } from './support/access-table.js';
import { introspect, isRequired, type Operation, SchemaWalker, type TypeRef } from './support/schema-walk.js';
import { codeOf, createAdmin, type GraphQLResponse, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Default deny, proven over the whole schema: every Query and Mutation field the API exposes is
 * called anonymously (and with a bad token), as the bot, as an ADMIN and as the super admin, and
 * the outcome is checked against the literal table in support/access-table.ts, written from the
 * contract. The resolvers' own `@Access` markers are only checked for presence, never used as
 * the expectation, so widening an operation in the code fails here.
 */

// Nest GraphQL's method metadata (graphql.constants.js).
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';
const RESOLVER_PROPERTY = 'graphql:resolve_property';

/** One resolver method as Nest sees it, with the access it effectively carries. */
interface ResolverMethod {
  className: string;
  method: string;
  /** 'Query' | 'Mutation' | 'Subscription' for root fields, else the parent type of a field resolver. */
  parent: string;
  field: string;
  access: Principal[] | undefined;
}

function resolverMethods(t: TestApp): ResolverMethod[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const seen = new Set<unknown>();
  const methods: ResolverMethod[] = [];
  for (const wrapper of discovery.getProviders()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!wrapper.instance || typeof type !== 'function' || !type.prototype || seen.has(type)) continue;
    seen.add(type);
    const classAccess = Reflect.getMetadata(ACCESS_KEY, type) as Principal[] | undefined;
    const classParent = Reflect.getMetadata(RESOLVER_TYPE, type) as string | undefined;
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = type.prototype[name] as object;
      const rootType = Reflect.getMetadata(RESOLVER_TYPE, handler) as string | undefined;
      const isField = Reflect.getMetadata(RESOLVER_PROPERTY, handler) === true;
      if (!rootType && !isField) continue;
      const methodAccess = Reflect.getMetadata(ACCESS_KEY, handler) as Principal[] | undefined;
      methods.push({
        className: type.name,
        method: name,
        parent: isField ? (classParent ?? '?') : rootType!,
        field: (Reflect.getMetadata(RESOLVER_NAME, handler) as string | undefined) ?? name,
        // AccessGuard reads getAllAndOverride([handler, class]): the method's marker wins.
        access: methodAccess ?? classAccess,
      });
    }
  }
  return methods;
}

function assertRefused(response: GraphQLResponse, code: string, operation: Operation, caller: string) {
  const context = `${caller} → ${operation.kind} ${operation.field}: ${JSON.stringify(response.errors ?? response.data)}`;
  expect({ context, status: response.status }).toEqual({ context, status: 200 });
  expect({ context, code: codeOf(response) }).toEqual({ context, code });
  const values = response.data ? Object.values(response.data) : [];
  expect({ context, data: values.filter((value) => value !== null) }).toEqual({ context, data: [] });
  expect(JSON.stringify(response)).not.toMatch(/stacktrace/i);
}

function assertLetThrough(response: GraphQLResponse, operation: Operation, caller: string) {
  const context = `${caller} → ${operation.kind} ${operation.field}: ${JSON.stringify(response.errors)}`;
  expect({ context, code: codeOf(response) }).not.toEqual({ context, code: 'FORBIDDEN' });
  expect({ context, code: codeOf(response) }).not.toEqual({ context, code: 'UNAUTHENTICATED' });
  expect({ context, code: codeOf(response) }).not.toEqual({ context, code: 'INTERNAL_SERVER_ERROR' });
}

const key = (operation: Operation) => `${operation.kind} ${operation.field}`;

/**
 * The operation with every ID set to "0", which validation refuses after the guard: an allowed
 * caller gets BAD_USER_INPUT and nothing changes (no admin disables itself, no user is blocked).
 */
function withInvalidIds(walker: SchemaWalker, operation: Operation): Operation {
  const root = operation.kind === 'query' ? walker.schema.queryType.name : walker.schema.mutationType!.name;
  const args = walker.type(root).fields!.find((field) => field.name === operation.field)!.args.filter(isRequired);
  const value = (ref: TypeRef, current: unknown): unknown => {
    if (ref.kind === 'NON_NULL') return value(ref.ofType!, current);
    if (ref.kind === 'LIST') return (current as unknown[]).map((item) => value(ref.ofType!, item));
    if (ref.name === 'ID') return '0';
    const type = walker.type(ref.name!);
    if (type.kind !== 'INPUT_OBJECT') return current;
    const object = { ...(current as Record<string, unknown>) };
    for (const field of type.inputFields!) if (field.name in object) object[field.name] = value(field.type, object[field.name]);
    return object;
  };
  const variables = Object.fromEntries(args.map((arg, i) => [`v${i}`, value(arg.type, operation.variables[`v${i}`])]));
  return { ...operation, variables };
}

describe('access control over the whole schema', () => {
  let t: TestApp;
  let walker: SchemaWalker;
  let operations: Operation[];
  let methods: ResolverMethod[];
  let callAs: Record<Caller, (operation: Operation) => Promise<GraphQLResponse>>;

  beforeAll(async () => {
    t = await startTestApp();
    walker = new SchemaWalker(await introspect(t));
    operations = walker.operations();
    methods = resolverMethods(t);
    const admin = await createAdmin(t, '700000101');
    callAs = {
      anonymous: (operation) => t.gql(operation.document, operation.variables),
      bot: (operation) => t.bot(operation.document, operation.variables),
      ADMIN: (operation) => t.as(admin.token)(operation.document, operation.variables),
      SUPER_ADMIN: (operation) => t.admin(operation.document, operation.variables),
    };
  });
  afterAll(() => t.close());

  it('lists every operation of the schema in the access table, and nothing else', () => {
    expect(operations.length).toBeGreaterThan(10);
    const missing = operations.map(key).filter((name) => !ACCESS_TABLE[name]);
    const hint = 'add each to ACCESS_TABLE in backend/test/support/access-table.ts with the callers the contract (../shared/CONTRACT.md) allows';
    expect({ missing, hint: missing.length ? hint : '' }).toEqual({ missing: [], hint: '' });
    const stale = Object.keys(ACCESS_TABLE).filter((name) => !operations.some((operation) => key(operation) === name));
    expect({ stale, hint: stale.length ? 'remove these from backend/test/support/access-table.ts: the schema has no such operation' : '' }).toEqual({ stale: [], hint: '' });
  });

  it('finds an access marker on every resolver method (on the method or its class)', () => {
    expect(methods.length).toBeGreaterThan(10);
    expect(methods.some((m) => m.parent !== 'Query' && m.parent !== 'Mutation')).toBe(true); // field resolvers are walked too
    const unmarked = methods.filter((m) => !m.access?.length).map((m) => `${m.className}.${m.method}`);
    expect(unmarked).toEqual([]);
    const valid = new Set(Object.values(Principal));
    const invalid = methods.filter((m) => m.access!.some((p) => !valid.has(p))).map((m) => `${m.className}.${m.method}`);
    expect(invalid).toEqual([]);
  });

  it('refuses an anonymous caller, and one with a bad token, every operation but login with UNAUTHENTICATED and no data', async () => {
    const closed = operations.filter((operation) => !ACCESS_TABLE[key(operation)].includes('anonymous'));
    expect(closed.length).toBe(operations.length - 1);
    for (const operation of closed) {
      assertRefused(await callAs.anonymous(operation), 'UNAUTHENTICATED', operation, 'anonymous');
      assertRefused(await t.gql(operation.document, operation.variables, { authorization: 'Bearer not-a-token' }), 'UNAUTHENTICATED', operation, 'bad token');
    }
  });

  const NAMES = { bot: 'the bot', ADMIN: 'an ADMIN', SUPER_ADMIN: 'the super admin' } as const;
  for (const caller of ['bot', 'ADMIN', 'SUPER_ADMIN'] as const) {
    it(`refuses ${NAMES[caller]} with FORBIDDEN every operation the table does not open to it`, async () => {
      const closed = operations.filter((operation) => !ACCESS_TABLE[key(operation)].includes(caller));
      expect(closed.length).toBeGreaterThan(0);
      for (const operation of closed) assertRefused(await callAs[caller](operation), 'FORBIDDEN', operation, caller);
    });

    it(`lets ${NAMES[caller]} through the guard on every operation the table opens to it (ids invalid, so nothing changes)`, async () => {
      // login is open to anyone; with made-up credentials it answers UNAUTHENTICATED by design.
      const open = operations.filter((operation) => ACCESS_TABLE[key(operation)].includes(caller) && operation.field !== 'login');
      expect(open.length).toBeGreaterThan(0);
      for (const operation of open) assertLetThrough(await callAs[caller](withInvalidIds(walker, operation)), operation, caller);
    });
  }
});
