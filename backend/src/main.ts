import { Logger } from '@nestjs/common';
import exitHook from 'async-exit-hook';
import { createApp, logLevels, migrate } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';

const EMBEDDED_DATABASE_NAME = 'ott';

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function main(): Promise<void> {
  const logger = new Logger('Main');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  Logger.overrideLogger(logLevels(config.LOG_LEVEL));

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    databaseUrl = embedded.databaseUrl(EMBEDDED_DATABASE_NAME);
    await ensureDatabase(databaseUrl);
    logger.log(`Embedded PostgreSQL running with its data in ${config.DATA_DIR} (set DATABASE_URL to use your own server)`);
  }

  const app = await (async () => {
    try {
      await migrate(databaseUrl);
      const created = await createApp(config, databaseUrl);
      await created.listen(config.PORT, config.HOST);
      return created;
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  })();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  // embedded-postgres stops its server on these signals by itself, racing the app's own
  // connections; the app closes first and then stops the server.
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  logger.log(`GraphQL API:        POST ${base}/graphql`);
  if (config.playground) logger.log(`GraphQL playground: ${base}/graphql (open in a browser)`);
  logger.log(`Admin panel:        ${base}/admin`);
  logger.log(`Health check:       ${base}/health`);
  logger.log(`Database:           ${embedded ? `embedded PostgreSQL (${config.DATA_DIR})` : describeUrl(databaseUrl)}`);
  logger.log(`Scheduled jobs:     ${config.JOBS_ENABLED ? 'on' : 'off (JOBS_ENABLED=false)'}`);
  for (const name of config.defaultSecretsInUse()) {
    logger.warn(`${name} is the development default: set it before this server holds real data`);
  }
}

main().catch((error) => {
  new Logger('Main').error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined);
  process.exit(1);
});
