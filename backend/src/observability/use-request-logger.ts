import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Every Nest log line of the application goes through nestjs-pino (inside a request: with its id). */
export function useRequestLogger(app: INestApplicationContext): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
}
