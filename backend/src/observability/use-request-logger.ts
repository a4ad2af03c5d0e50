import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { drainMiddleware } from './drain.middleware.js';
import { httpMetricsMiddleware } from './http-metrics.middleware.js';
import { PinoNestLogger, requestLoggingMiddleware, rootLogger } from './logging.js';
import { MetricsService } from './metrics.service.js';

/**
 * Ahead of every route (static files included): request logs (pino-http: one line per request
 * with its id, operation, principal, duration and outcome; `x-request-id` on every response),
 * request timings for /metrics, and `Connection: close` while draining. Every Nest log line of
 * the application goes through pino (inside a request: with its id).
 */
export function useRequestLogger(app: INestApplication, config: AppConfig): void {
  app.use(requestLoggingMiddleware(config), httpMetricsMiddleware(app.get(MetricsService)), drainMiddleware);
  app.useLogger(new PinoNestLogger(rootLogger(config)));
  app.flushLogs();
}
