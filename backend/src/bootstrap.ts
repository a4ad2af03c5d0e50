import 'reflect-metadata';
import { type INestApplication, Logger, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ValidationError } from 'class-validator';
import { DataSource, MigrationExecutor } from 'typeorm';
import { AppModule, STATIC_SITE_ROOTS } from './app.module.js';
import { RequestError, RequestException } from './common/errors/request-errors.js';
import { graphqlBodyErrorHandler } from './common/errors/request-body-errors.js';
import { useSecurityHeaders } from './common/security-headers.js';
import type { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './data-source.js';
import { useRequestLogger } from './observability/use-request-logger.js';

const REQUEST_BODY_LIMIT = '1mb';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(level: AppConfig['LOG_LEVEL']): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => (prefix ? `${prefix}.${message}` : message)),
    ...flatten(error.children ?? [], prefix ? `${prefix}.${error.property}` : error.property),
  ]);
}

/** The validation every input passes through; its failures are BAD_USER_INPUT naming each field. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => new RequestException(RequestError.VALIDATION_FAILED, flatten(errors).join('; ') || undefined),
  });
}

/**
 * The advisory lock key that serialises migration runs between processes (API replicas, the
 * worker, the CLI): any fixed number no other lock in the app uses.
 */
const MIGRATIONS_LOCK_KEY = '4163027150';

/**
 * Runs `work` on one connection inside one transaction that first takes the migrations' advisory
 * lock: a second process waits here, then finds what the first applied. Transaction-scoped, so
 * PgBouncer in transaction mode keeps the lock and the migrations on the same server connection.
 */
async function underMigrationLock<T>(databaseUrl: string, logger: Logger, work: (executor: MigrationExecutor) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, 1), logging: ['error'] });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    const [{ locked }] = await runner.query(`SELECT pg_try_advisory_xact_lock(${MIGRATIONS_LOCK_KEY}) AS locked`);
    if (!locked) {
      logger.log('Another process is applying migrations: waiting for it to finish');
      await runner.query(`SELECT pg_advisory_xact_lock(${MIGRATIONS_LOCK_KEY})`);
    }
    const executor = new MigrationExecutor(dataSource, runner);
    // all pending migrations in this one transaction: all applied, or none
    executor.transaction = 'all';
    const result = await work(executor);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

/** Applies the pending migrations on `databaseUrl` in one transaction, one process at a time; returns their names. */
export async function migrate(databaseUrl: string, logger = new Logger('Migrations')): Promise<string[]> {
  return underMigrationLock(databaseUrl, logger, async (executor) => {
    const applied = await executor.executePendingMigrations();
    for (const migration of applied) logger.log(`Applied ${migration.name}`);
    if (!applied.length) logger.log('Schema is up to date');
    return applied.map((migration) => migration.name);
  });
}

/** Reverts the most recently applied migration; returns its name (undefined: none was applied). */
export async function revertLastMigration(databaseUrl: string, logger = new Logger('Migrations')): Promise<string | undefined> {
  return underMigrationLock(databaseUrl, logger, async (executor) => {
    // newest first
    const [latest] = await executor.getExecutedMigrations();
    if (!latest) {
      logger.log('No migration has been applied: nothing to revert');
      return undefined;
    }
    await executor.undoLastMigration();
    logger.log(`Reverted ${latest.name}`);
    return latest.name;
  });
}

/** The migrations this build has that `databaseUrl` has not applied yet. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, 1), logging: ['error'] });
  await dataSource.initialize();
  try {
    return (await new MigrationExecutor(dataSource).getPendingMigrations()).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Builds the Nest application (not yet listening), configured as in production. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl), {
    logger: logLevels(config.LOG_LEVEL),
    cors: config.CORS_ORIGINS.length ? { origin: config.CORS_ORIGINS, credentials: true } : false,
    bufferLogs: true,
    // keeps each parsed body's bytes as req.rawBody: gateway webhooks are signed over the raw bytes
    rawBody: true,
  });
  useRequestLogger(app, config);
  // Express's default 100 kB would answer an oversized field with a bare HTTP 413; up to this
  // size the request reaches validation and gets a GraphQL BAD_USER_INPUT naming the field.
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
  // Right after the parser, so its refusals on /graphql get a GraphQL-shaped answer.
  app.use('/graphql', graphqlBodyErrorHandler);
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.disable('x-powered-by');
  useSecurityHeaders(app);
  // An ETag would hash every GraphQL response (all POSTs, never revalidated): pure cost. The
  // static admin panel and playground keep theirs (serve-static sets its own).
  app.set('etag', false);
  // The admin panel and playground bundles are ~1.6 MB of JavaScript, ~0.45 MB gzipped. Only the
  // static sites: GraphQL answers stay uncompressed, as gzip there would cost CPU on every call.
  app.use(STATIC_SITE_ROOTS, compression());
  app.useGlobalPipes(validationPipe());
  return app;
}
