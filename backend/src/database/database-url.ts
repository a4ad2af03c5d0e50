import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { type EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

const EMBEDDED_DATABASE_NAME = 'ott';

export interface ResolvedDatabase {
  url: string;
  /** Set when this process started the embedded server (and must stop it). */
  embedded?: EmbeddedDatabase;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR, started here. */
export async function resolveDatabase(config: AppConfig, logger = new Logger('Database')): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres(config.DATA_DIR);
  const url = embedded.databaseUrl(EMBEDDED_DATABASE_NAME);
  await ensureDatabase(url);
  logger.log(`Embedded PostgreSQL running with its data in ${config.DATA_DIR} (set DATABASE_URL to use your own server)`);
  return { url, embedded };
}

/** host:port/database, without credentials, for logs. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
