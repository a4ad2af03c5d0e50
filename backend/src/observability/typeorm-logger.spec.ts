import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger, type LoggerService } from '@nestjs/common';
import { TypeOrmLogger } from './typeorm-logger.js';

describe('TypeORM messages through Nest (and so pino)', () => {
  let written: { level: string; message: string; context: string }[];

  beforeEach(() => {
    written = [];
    const capture =
      (level: string) =>
      (message: unknown, ...params: unknown[]) =>
        written.push({ level, message: String(message), context: String(params[params.length - 1]) });
    const service: LoggerService = { log: capture('log'), error: capture('error'), warn: capture('warn'), debug: capture('debug'), verbose: capture('verbose') };
    Logger.overrideLogger(service);
  });
  afterEach(() => {
    Logger.overrideLogger(true);
  });

  it('writes a failed query once, with its error and statement but never its parameters', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_telegram_id_key"'), { name: 'error' });
    new TypeOrmLogger(['error', 'warn', 'migration']).logQueryError(error as unknown as string, 'INSERT INTO users (telegram_id) VALUES ($1)', ['5551234567-secret']);
    expect(written).toEqual([
      {
        level: 'warn',
        context: 'TypeORM',
        message: 'Query failed: duplicate key value violates unique constraint "users_telegram_id_key" (INSERT INTO users (telegram_id) VALUES ($1))',
      },
    ]);
  });

  it("writes the pool's errors as warnings and a failed migration as an error", () => {
    const logger = new TypeOrmLogger(['error', 'warn', 'migration']);
    logger.log('warn', 'Postgres pool raised an error. Error: Connection terminated unexpectedly');
    logger.logMigration('Migration "InitialSchema1733000000000" failed, error: relation "users" already exists');
    expect(written).toEqual([
      { level: 'warn', context: 'TypeORM', message: 'Postgres pool raised an error. Error: Connection terminated unexpectedly' },
      { level: 'error', context: 'TypeORM', message: 'Migration "InitialSchema1733000000000" failed, error: relation "users" already exists' },
    ]);
  });

  it('leaves out what `logging` does not ask for', () => {
    const logger = new TypeOrmLogger(['error']);
    logger.log('warn', 'Postgres pool raised an error');
    logger.logQuery('SELECT 1');
    expect(written).toEqual([]);
  });
});
