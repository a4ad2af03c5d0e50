import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { runService } from './lifecycle.js';
import { useRequestLogger } from './observability/use-request-logger.js';
import { WorkerModule } from './worker.module.js';

/**
 * Runs the scheduled jobs (commission release, fraud checks) as a process of its own, for
 * deployments that keep them out of the API servers (JOBS_ENABLED=false there). Several workers
 * may run: each job is single-runner across instances (a lease row and transaction advisory
 * locks). It listens on WORKER_PORT for /health/live, /health/ready and /metrics only.
 */
void runService('Worker', async (config, database) => {
  const worker = await NestFactory.create(WorkerModule.register(config, database.url), { bufferLogs: true });
  useRequestLogger(worker, config);
  if (config.WORKER_PORT) await worker.listen(config.WORKER_PORT, config.HOST);
  else await worker.init();
  new Logger('Worker').log(`Worker started: scheduled jobs run in this process${config.WORKER_PORT ? `; health and metrics on port ${config.WORKER_PORT}` : ''}`);
  return worker;
});
