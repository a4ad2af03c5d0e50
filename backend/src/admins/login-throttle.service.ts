import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { UnauthenticatedException } from '../common/errors/domain.exception.js';

/**
 * Limits sign-in attempts per account and per client IP, in PostgreSQL so every instance shares
 * the count. Each attempt is counted before the password is checked, so parallel requests (or
 * many aliased `login` fields in one request) each use up one attempt; a success gives it back.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async consume(telegramId: string, ip: string | undefined): Promise<void> {
    const window = `${this.config.LOGIN_WINDOW_MINUTES} minutes`;
    const keys = [`account:${telegramId}`, `ip:${ip ?? 'unknown'}`];
    const rows = await this.dataSource.query<{ key: string; failures: number; retry_after: number }[]>(
      `INSERT INTO auth_throttle AS t (key, failures, window_started_at)
       SELECT unnest($1::varchar[]), 1, now()
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - $2::interval THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - $2::interval THEN now() ELSE t.window_started_at END
       RETURNING key, failures, ceil(extract(epoch FROM t.window_started_at + $2::interval - now()))::int AS retry_after`,
      [keys, window],
    );
    const limits: Record<string, number> = {
      [keys[0]]: this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      [keys[1]]: this.config.LOGIN_MAX_FAILURES_PER_IP,
    };
    const exceeded = rows.find((row) => row.failures > limits[row.key]);
    if (exceeded) {
      throw new UnauthenticatedException(
        `Too many failed sign-in attempts; try again in ${Math.max(1, Math.ceil(exceeded.retry_after / 60))} minute(s)`,
        'RATE_LIMITED',
        { retryAfterSeconds: Math.max(1, exceeded.retry_after) },
      );
    }
  }

  /** A successful sign-in clears the account's count and returns its attempt to the IP. */
  async succeeded(telegramId: string, ip: string | undefined): Promise<void> {
    await this.dataSource.query(
      `WITH cleared AS (DELETE FROM auth_throttle WHERE key = $1)
       UPDATE auth_throttle SET failures = greatest(failures - 1, 0) WHERE key = $2`,
      [`account:${telegramId}`, `ip:${ip ?? 'unknown'}`],
    );
  }
}
