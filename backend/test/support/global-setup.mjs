// Runs outside Jest's ESM transform, so it uses the compiled backend (`npm test` builds it first).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { startEmbeddedPostgres } from '../../dist/database/embedded-postgres.js';

/**
 * One PostgreSQL server for the whole integration run: TEST_DATABASE_URL when it is set (any
 * server of version 13 or later), otherwise an embedded one in a temporary folder. Each test
 * file then creates its own fresh database on it.
 */
export default async function globalSetup() {
  // each Jest project runs its global setup (integration, bank): the first one's server serves all
  if (globalThis.__EMBEDDED_PG__) return;
  if (process.env.TEST_DATABASE_URL) {
    process.env.TEST_SERVER_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  Logger.overrideLogger(['error', 'warn']);
  const server = await startEmbeddedPostgres(await mkdtemp(join(tmpdir(), 'ott-test-')));
  globalThis.__EMBEDDED_PG__ = server;
  process.env.TEST_SERVER_URL = server.serverUrl;
}
