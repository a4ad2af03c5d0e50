import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { PinoNestLogger, requestLoggingMiddleware, rootLogger } from './logging.js';

/**
 * Request logs (pino-http: one line per request with its id, operation, principal, duration and
 * outcome; `x-request-id` on every response) ahead of every route, and every Nest log line of
 * the application through pino (inside a request: with its id).
 */
export function useRequestLogger(app: INestApplication, config: AppConfig): void {
  app.use(requestLoggingMiddleware(config));
  app.useLogger(new PinoNestLogger(rootLogger(config)));
  app.flushLogs();
}
