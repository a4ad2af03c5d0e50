import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { describeDatabaseUrl } from './database/database-url.js';
import { runService } from './lifecycle.js';

void runService('Main', async (config, database) => {
  const app = await createApp(config, database.url);
  await app.listen(config.PORT, config.HOST);

  const logger = new Logger('Main');
  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  logger.log(`GraphQL API:        POST ${base}/graphql`);
  if (config.playground) logger.log(`GraphQL playground: ${base}/graphql (open in a browser)`);
  logger.log(`Admin panel:        ${base}/admin`);
  logger.log(`Health check:       ${base}/health`);
  logger.log(`Database:           ${database.embedded ? `embedded PostgreSQL (${config.DATA_DIR})` : describeDatabaseUrl(database.url)}`);
  logger.log(`Scheduled jobs:     ${config.JOBS_ENABLED ? 'on in this process' : 'off here (JOBS_ENABLED=false; run the worker)'}`);
  for (const name of config.defaultSecretsInUse()) {
    logger.warn(`${name} is the development default: set it before this server holds real data`);
  }
  return app;
});
