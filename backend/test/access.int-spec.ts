import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY, Principal } from '../src/common/auth/access.decorator.js';
import { introspect, type Operation, SchemaWalker } from './support/schema-walk.js';
import { codeOf, createAdmin, type GraphQLResponse, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Default deny, proven over the whole schema rather than a list: every Query and Mutation field
 * the API exposes is called anonymously, as an ADMIN, as the super admin and as the bot, and the
 * expected refusals are derived from the resolvers' own `@Access` metadata. Operations added
 * later are walked without touching this file.
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

function assertRefused(response: GraphQLResponse, code: string, operation: Operation) {
  const context = `${operation.kind} ${operation.field}: ${JSON.stringify(response.errors ?? response.data)}`;
  expect({ context, status: response.status }).toEqual({ context, status: 200 });
  expect({ context, code: codeOf(response) }).toEqual({ context, code });
  const values = response.data ? Object.values(response.data) : [];
  expect({ context, data: values.filter((value) => value !== null) }).toEqual({ context, data: [] });
  expect(JSON.stringify(response)).not.toMatch(/stacktrace/i);
}

describe('access control over the whole schema', () => {
  let t: TestApp;
  let operations: Operation[];
  let methods: ResolverMethod[];
  let rootAccess: Map<string, Principal[] | undefined>;
  let admin: { token: string };

  beforeAll(async () => {
    t = await startTestApp();
    operations = new SchemaWalker(await introspect(t)).operations();
    methods = resolverMethods(t);
    rootAccess = new Map(
      methods.filter((m) => m.parent === 'Query' || m.parent === 'Mutation').map((m) => [`${m.parent.toLowerCase()} ${m.field}`, m.access]),
    );
    admin = await createAdmin(t, '700000101');
  });
  afterAll(() => t.close());

  const accessOf = (operation: Operation) => rootAccess.get(`${operation.kind} ${operation.field}`);

  it('finds the operations and the resolver methods behind every one of them', () => {
    expect(operations.length).toBeGreaterThan(10);
    const fields = operations.map((op) => op.field);
    for (const known of ['login', 'me', 'changePassword', 'allSettings', 'updateSetting', 'createAdmin', 'allAdminLogs']) {
      expect(fields).toContain(known);
    }
    const unmapped = operations.filter((op) => !rootAccess.has(`${op.kind} ${op.field}`)).map((op) => `${op.kind} ${op.field}`);
    expect(unmapped).toEqual([]);
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

  it('opens only `login` to anyone', () => {
    const open = methods.filter((m) => m.access?.includes(Principal.PUBLIC)).map((m) => `${m.parent}.${m.field}`);
    expect(open).toEqual(['Mutation.login']);
  });

  it('refuses an anonymous caller on every operation but login, with UNAUTHENTICATED and no data', async () => {
    const walked = operations.filter((op) => op.field !== 'login');
    for (const operation of walked) {
      assertRefused(await t.gql(operation.document, operation.variables), 'UNAUTHENTICATED', operation);
    }
    // An invalid bearer token is no better than none.
    for (const operation of walked) {
      assertRefused(await t.gql(operation.document, operation.variables, { authorization: 'Bearer not-a-token' }), 'UNAUTHENTICATED', operation);
    }
  });

  it('refuses an ADMIN every super-admin and bot-only operation with FORBIDDEN', async () => {
    const closed = operations.filter((op) => {
      const access = accessOf(op)!;
      return !access.includes(Principal.ADMIN) && !access.includes(Principal.PUBLIC);
    });
    const superOnly = closed.filter((op) => accessOf(op)!.includes(Principal.SUPER_ADMIN)).map((op) => op.field);
    for (const known of ['updateSetting', 'createAdmin', 'updateAdminRole', 'disableAdmin', 'enableAdmin', 'allAdmins', '_allAdminsMeta', 'Admin']) {
      expect(superOnly).toContain(known);
    }
    for (const operation of closed) {
      assertRefused(await t.as(admin.token)(operation.document, operation.variables), 'FORBIDDEN', operation);
    }
  });

  it('refuses the super admin every operation that only the bot may call', async () => {
    const botOnly = operations.filter((op) => {
      const access = accessOf(op)!;
      return !access.includes(Principal.ADMIN) && !access.includes(Principal.SUPER_ADMIN) && !access.includes(Principal.PUBLIC);
    });
    for (const operation of botOnly) {
      assertRefused(await t.admin(operation.document, operation.variables), 'FORBIDDEN', operation);
    }
  });

  it('refuses the bot every operation not marked BOT with FORBIDDEN', async () => {
    const notBot = operations.filter((op) => {
      const access = accessOf(op)!;
      return !access.includes(Principal.BOT) && !access.includes(Principal.PUBLIC);
    });
    expect(notBot.map((op) => op.field)).toEqual(expect.arrayContaining(['me', 'updateSetting', 'allAdminLogs', 'allSettings']));
    for (const operation of notBot) {
      assertRefused(await t.bot(operation.document, operation.variables), 'FORBIDDEN', operation);
    }
  });

  it('lets an ADMIN through the guard on operations open to admins (walked read-only: queries)', async () => {
    const open = operations.filter((op) => op.kind === 'query' && accessOf(op)!.includes(Principal.ADMIN));
    expect(open.length).toBeGreaterThan(3);
    for (const operation of open) {
      const response = await t.as(admin.token)(operation.document, operation.variables);
      const context = `${operation.field}: ${JSON.stringify(response.errors)}`;
      expect({ context, code: codeOf(response) }).not.toEqual({ context, code: 'FORBIDDEN' });
      expect({ context, code: codeOf(response) }).not.toEqual({ context, code: 'UNAUTHENTICATED' });
      expect(response.status).toBe(200);
    }
  });
});
