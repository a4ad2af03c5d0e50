import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '../common/errors/error-formatter.js';

/** PostgreSQL's "try again" states: serialization failure, deadlock, lock not available. */
const RETRYABLE_STATES = new Set(['40001', '40P01', '55P03']);

/** The database could not take the event just now; the same delivery later will be fine. */
export function isTransientDatabaseError(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const holder = error as { code?: unknown; severity?: unknown; driverError?: { code?: unknown; severity?: unknown } } | null;
  const state = holder?.driverError ?? holder;
  return typeof state?.code === 'string' && RETRYABLE_STATES.has(state.code) && typeof state.severity === 'string';
}

/**
 * The webhooks' answer when the database could not store an event (down, or a deadlock or
 * serialization failure): 503 with Retry-After, so the gateway delivers it again, instead of
 * Nest's bare 500 "Internal server error". Nothing was stored: the event's transaction rolled
 * back. Anything else is Nest's usual answer.
 */
@Catch()
export class WebhookErrorsFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Webhooks');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (!isTransientDatabaseError(exception)) return super.catch(exception, host);
    this.logger.warn(`Event not stored, asked to deliver it again: ${(exception as Error).message}`);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(503)
      .set('Retry-After', '5')
      .json({ statusCode: 503, message: 'The event could not be stored just now; deliver it again' });
  }
}
