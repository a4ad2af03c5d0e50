import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isEnumType } from 'graphql';
import pg from 'pg';
import { createApp, migrate } from '../../src/bootstrap.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { installPgTypeParsers } from '../../src/database/pg-types.js';

export const BOT_API_KEY = 'test-bot-api-key-0123456789abcdef';
export const SUPER_ADMIN = { telegramId: '900000001', password: 'super-admin-password-1' };

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; reason?: string; [key: string]: unknown } }[];
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  databaseUrl: string;
  /** Direct SQL on the test database, for arranging and asserting rows. */
  db: pg.Pool;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  bot<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** As the super admin (signed in on first use). */
  admin<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  login(telegramId: string, password: string): Promise<string>;
  as(token: string): TestApp['bot'];
  close(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_SERVER_URL;
  if (!url) throw new Error('TEST_SERVER_URL is not set: run integration tests through jest (global setup starts PostgreSQL)');
  return url;
}

/** Creates an empty database on the test server and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `ott_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    JOBS_ENABLED: 'false',
    BOT_API_KEY,
    JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
    SUPER_ADMIN_TELEGRAM_ID: SUPER_ADMIN.telegramId,
    SUPER_ADMIN_PASSWORD: SUPER_ADMIN.password,
    DATABASE_POOL_SIZE: '16',
    ...env,
  });
}

/** Boots the real application on a fresh, migrated database and listens on a free port. */
export async function startTestApp(options: { env?: Record<string, string>; databaseUrl?: string } = {}): Promise<TestApp> {
  installPgTypeParsers();
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const ownsDatabase = !options.databaseUrl;
  const config = testConfig(options.env);
  await migrate(databaseUrl);
  const app = await createApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // An idle connection closed by the server (a database dropped WITH (FORCE) at the end of a
  // file) is simply discarded; anything else is a real failure.
  db.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  let superToken: string | undefined;
  // Every extensions.reason a test sees must be a value of the schema's documented ErrorReason enum.
  const reasons = app.get(GraphQLSchemaHost).schema.getType('ErrorReason');
  const documented = new Set(isEnumType(reasons) ? reasons.getValues().map((v) => v.name) : []);
  const assertDocumentedReasons = (errors: GraphQLResponse['errors']) => {
    for (const error of errors ?? []) {
      const reason = error.extensions?.reason;
      if (reason !== undefined && !documented.has(reason)) throw new Error(`extensions.reason ${String(reason)} is not a value of the schema's ErrorReason enum`);
    }
  };

  const gql: TestApp['gql'] = async (query, variables, headers = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    assertDocumentedReasons(body.errors);
    return { status: response.status, ...body } as GraphQLResponse<any>;
  };
  const as = (token: string): TestApp['bot'] => (query, variables) => gql(query, variables, { authorization: `Bearer ${token}` });
  const login = async (telegramId: string, password: string) => {
    const result = await gql<{ login: { accessToken: string } }>(
      'mutation($t: String!, $p: String!) { login(telegramId: $t, password: $p) { accessToken } }',
      { t: telegramId, p: password },
    );
    if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.accessToken;
  };

  return {
    app,
    url,
    config,
    databaseUrl,
    db,
    gql,
    as,
    login,
    bot: (query, variables) => gql(query, variables, { 'x-api-key': BOT_API_KEY }),
    admin: async (query, variables) => {
      superToken ??= await login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
      return as(superToken)(query, variables);
    },
    close: async () => {
      await app.close();
      await db.end();
      if (ownsDatabase) await dropTestDatabase(databaseUrl);
    },
  };
}

/** Creates an admin through the API (as the super admin) and signs them in. */
export async function createAdmin(t: TestApp, telegramId: string, role: 'ADMIN' | 'SUPER_ADMIN' = 'ADMIN', password = 'admin-password-123') {
  const created = await t.admin<{ createAdmin: { id: string } }>(
    'mutation($input: CreateAdminInput!) { createAdmin(input: $input) { id } }',
    { input: { telegramId, password, role } },
  );
  if (!created.data?.createAdmin) throw new Error(`createAdmin failed: ${JSON.stringify(created.errors)}`);
  return { id: created.data.createAdmin.id, token: await t.login(telegramId, password), password };
}

export function codeOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
