import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { type EmbeddedDatabase, ensureDatabase, runningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

const EMBEDDED_DATABASE_NAME = 'ott';

/** How long a process waits for an embedded server another process is still starting. */
const RUNNING_SERVER_WAIT_MS = 30_000;

export interface ResolvedDatabase {
  url: string;
  /** Set when this process started the embedded server (and must stop it). */
  embedded?: EmbeddedDatabase;
}

/** The database cannot be reached or used: the operator's setting, told in one line (no stack trace). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
    // the loggers print a stack only when it has frames
    this.stack = message;
  }
}

/**
 * DATABASE_URL when set (checked to answer); otherwise the embedded PostgreSQL in DATA_DIR: the
 * one another process (the API, while the CLI or the worker starts) already runs there, or one
 * started here.
 */
export async function resolveDatabase(config: AppConfig, logger = new Logger('Database')): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    await checkConnection(config.DATABASE_URL, 'DATABASE_URL');
    return { url: config.DATABASE_URL };
  }
  if (config.isProduction) {
    logger.warn(
      `DATABASE_URL is not set in production: using an embedded PostgreSQL with its data in ${config.DATA_DIR}. ` +
        'Inside a container that data is lost with the container unless DATA_DIR is a volume; set DATABASE_URL to your PostgreSQL server.',
    );
  }
  const running = await runningEmbeddedPostgres(config.DATA_DIR);
  if (running) {
    const url = running.databaseUrl(EMBEDDED_DATABASE_NAME);
    await waitForServer(running.serverUrl);
    await ensureDatabase(url);
    logger.log(`Using the embedded PostgreSQL another process (pid ${running.pid}) runs with its data in ${config.DATA_DIR}; it stops with that process`);
    return { url };
  }
  const embedded = await startEmbeddedPostgres(config.DATA_DIR);
  const url = embedded.databaseUrl(EMBEDDED_DATABASE_NAME);
  await ensureDatabase(url);
  logger.log(`Embedded PostgreSQL running with its data in ${config.DATA_DIR} (set DATABASE_URL to use your own server)`);
  return { url, embedded };
}

/** Polls until the server answers: its owner may have started it a moment ago. */
async function waitForServer(serverUrl: string): Promise<void> {
  const deadline = Date.now() + RUNNING_SERVER_WAIT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new DatabaseUnavailableError(`The embedded PostgreSQL already running on DATA_DIR does not answer: ${connectionProblem(serverUrl, error)}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Connects once to `url`, throwing a DatabaseUnavailableError naming `variable`, the server and what failed. */
export async function checkConnection(url: string, variable: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot use the database in ${variable} (${maskPassword(url)}): ${connectionProblem(url, error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What went wrong connecting to `url`, in words (the driver's codes and PostgreSQL's SQLSTATEs). */
function connectionProblem(url: string, error: unknown): string {
  const { hostname, port, pathname, username } = new URL(url);
  const server = `${hostname}:${port || 5432}`;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${server} (connection refused): is PostgreSQL running there?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${hostname} is not found (DNS)`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no answer from ${server}`;
    case '3D000':
      return `the server at ${server} has no database ${decodeURIComponent(pathname.slice(1))}`;
    case '28P01':
      return `the server at ${server} refused the password of ${decodeURIComponent(username)}`;
    case '28000':
      return `the server at ${server} refused the connection: ${message}`;
    case '57P03':
      return `the server at ${server} is starting up or shutting down`;
    default:
      return /timeout/i.test(message) ? `no answer from ${server} within 5 s` : `${server}: ${message}`;
  }
}

/** The URL with its password replaced by ***, for messages. */
export function maskPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** host:port/database, without credentials, for logs. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
