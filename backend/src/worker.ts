import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { logLevels } from './bootstrap.js';
import { runService } from './lifecycle.js';
import { WorkerModule } from './worker.module.js';

/**
 * Runs the scheduled jobs (commission release, fraud checks) as a process of its own, for
 * deployments that keep them out of the API servers (JOBS_ENABLED=false there). Several workers
 * may run: each job takes a PostgreSQL advisory lock, so one runs at a time.
 */
void runService('Worker', async (config, database) => {
  const context = await NestFactory.createApplicationContext(WorkerModule.register(config, database.url), { logger: logLevels(config.LOG_LEVEL) });
  new Logger('Worker').log('Worker started: scheduled jobs run in this process');
  return context;
});
