import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg, { type Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import { installPgTypeParsers } from './pg-types.js';
import type { Statement } from './statement.js';

export interface DatabasePoolOptions {
  url: string;
  size: number;
  /** false (DATABASE_PREPARED_STATEMENTS=false): unnamed statements, for poolers without prepared-statement support. */
  preparedStatements: boolean;
}

/**
 * The pg pool this application owns for the repositories' single statements (the hot paths:
 * payment, registration, release, reports). A statement that is a whole operation (all its
 * CTEs) runs here in its own implicit transaction, with no BEGIN and COMMIT round trips, as a
 * named (prepared) statement: PostgreSQL parses and plans it once per connection, which nearly
 * doubles the money paths' throughput (shared PERF-NOTES). Multi-statement transactions run on
 * TypeORM's connections (`TransactionService`), whose client TypeORM's public query runner hands out.
 */
export class DatabasePool implements OnApplicationShutdown {
  private readonly logger = new Logger('DatabasePool');
  readonly pool: Pool;
  readonly preparedStatements: boolean;
  private closed = false;

  constructor(options: DatabasePoolOptions) {
    installPgTypeParsers();
    this.preparedStatements = options.preparedStatements;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.size,
      application_name: 'ott-referral',
      // A connection attempt to an unreachable server fails after 5 s instead of holding the request.
      connectionTimeoutMillis: 5000,
    });
    // An idle client's connection dropping (a restart, an outage) must not crash the process;
    // the pool replaces it on the next checkout.
    this.pool.on('error', (error) => this.logger.warn(`An idle database connection failed: ${error.message}`));
  }

  /** pg's query config for a statement: named (prepared) unless prepared statements are off. */
  config(statement: Statement, values: readonly unknown[]) {
    return this.preparedStatements ? { name: statement.name, text: statement.text, values: [...values] } : { text: statement.text, values: [...values] };
  }

  /** Runs one statement on a pooled connection, or on `client` (a transaction's) when given. */
  run<R extends QueryResultRow = QueryResultRow>(statement: Statement, values: readonly unknown[], client?: PoolClient): Promise<QueryResult<R>> {
    return (client ?? this.pool).query<R>(this.config(statement, values));
  }

  /** Connections in the pool: open, idle, and callers waiting for one (for /metrics). */
  stats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
