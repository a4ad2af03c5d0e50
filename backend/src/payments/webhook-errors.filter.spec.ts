import { describe, expect, it, jest } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { isTransientDatabaseError, WebhookErrorsFilter } from './webhook-errors.filter.js';

/** A PostgreSQL error as pg raises it (a code and a severity), or wrapped as TypeORM does. */
const pgError = (code: string) => Object.assign(new Error(`state ${code}`), { code, severity: 'ERROR' });

function answerTo(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    set(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new WebhookErrorsFilter().catch(exception, host);
  return sent;
}

describe('the webhooks\' answer to a database that could not store the event', () => {
  it.each([
    ['a deadlock', pgError('40P01')],
    ['a serialization failure', pgError('40001')],
    ['a lock not available', pgError('55P03')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a deadlock wrapped by TypeORM', Object.assign(new Error('deadlock detected'), { driverError: pgError('40P01') })],
  ])('answers %s 503 with Retry-After, no detail', (_name, error) => {
    const sent = answerTo(error);
    expect(sent).toEqual({ status: 503, headers: { 'Retry-After': '5' }, body: { statusCode: 503, message: 'The event could not be stored just now; deliver it again' } });
  });

  it('leaves every other error to Nest (a unique violation, a bug, a refusal)', () => {
    const base = jest.spyOn(BaseExceptionFilter.prototype, 'catch').mockImplementation(() => undefined);
    try {
      for (const error of [pgError('23505'), new TypeError('x is undefined'), { code: '40P01' }]) {
        expect(isTransientDatabaseError(error)).toBe(false);
        expect(answerTo(error).status).toBeUndefined();
      }
      expect(base).toHaveBeenCalledTimes(3);
    } finally {
      base.mockRestore();
    }
  });
});
