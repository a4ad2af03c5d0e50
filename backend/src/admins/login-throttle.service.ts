import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AdminError, AdminException } from './admins.errors.js';
import { AdminsRepository } from './admins.repository.js';

/**
 * Limits sign-in attempts per account and per client IP, in PostgreSQL so every instance shares
 * the count. Each attempt is counted before the password is checked, so parallel requests (or
 * many aliased `login` fields in one request) each use up one attempt; a success gives it back.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(AdminsRepository) private readonly admins: AdminsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async consume(telegramId: string, ip: string | undefined): Promise<void> {
    const window = `${this.config.LOGIN_WINDOW_MINUTES} minutes`;
    const keys = [`account:${telegramId}`, `ip:${ip ?? 'unknown'}`];
    const rows = await this.admins.countSignInAttempt(keys, window);
    const limits: Record<string, number> = {
      [keys[0]]: this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      [keys[1]]: this.config.LOGIN_MAX_FAILURES_PER_IP,
    };
    const exceeded = rows.find((row) => row.failures > limits[row.key]);
    if (exceeded) {
      throw new AdminException(
        AdminError.RATE_LIMITED,
        `Too many failed sign-in attempts; try again in ${Math.max(1, Math.ceil(exceeded.retry_after / 60))} minute(s)`,
        { retryAfterSeconds: Math.max(1, exceeded.retry_after) },
      );
    }
  }

  /** A successful sign-in clears the account's count and returns its attempt to the IP. */
  async succeeded(telegramId: string, ip: string | undefined): Promise<void> {
    await this.admins.signInSucceeded(`account:${telegramId}`, `ip:${ip ?? 'unknown'}`);
  }
}
