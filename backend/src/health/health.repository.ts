import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';

const PING = defineStatement('health', 'ping', [], `
  SELECT 1
`);

const APPLIED_MIGRATIONS = defineStatement('health', 'appliedMigrations', [], `
  SELECT name FROM migrations
`);

/** What the health checks ask the database, on the application's pool. */
@Injectable()
export class HealthRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Resolves when the database answers; rejects when it cannot be reached. */
  async ping(): Promise<void> {
    await this.transactions.execute(PING, []);
  }

  /** The names of the migrations applied to the database. */
  async appliedMigrations(): Promise<string[]> {
    return (await this.transactions.rows<{ name: string }>(APPLIED_MIGRATIONS, [])).map((row) => row.name);
  }
}
