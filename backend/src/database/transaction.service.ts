import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { DatabasePool } from './database-pool.js';
import type { Statement } from './statement.js';

/**
 * One database transaction per operation, shared by everything that runs inside it. A service
 * method that moves money calls `run`; when an admin mutation already opened a transaction (the
 * audit interceptor does), it joins that one, so the change and its audit row commit together.
 */
@Injectable()
export class TransactionService {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DatabasePool) private readonly database: DatabasePool,
  ) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => this.storage.run(manager, () => work(manager)));
  }

  /**
   * Runs a repository's statement: on the open transaction's connection when there is one,
   * otherwise on the application's pool, where the statement (all its CTEs) is a transaction by
   * itself, with no BEGIN and COMMIT round trips.
   */
  async execute<R extends QueryResultRow = QueryResultRow>(statement: Statement, values: readonly unknown[]): Promise<QueryResult<R>> {
    const current = this.storage.getStore();
    if (!current) return this.database.run<R>(statement, values);
    const runner = current.queryRunner;
    if (!runner) throw new Error(`statement ${statement.name}: the transaction has no query runner`);
    return this.database.run<R>(statement, values, (await runner.connect()) as PoolClient);
  }

  /** The rows of `execute`. */
  async rows<R extends QueryResultRow = QueryResultRow>(statement: Statement, values: readonly unknown[]): Promise<R[]> {
    return (await this.execute<R>(statement, values)).rows;
  }

  /** The first row of `execute`, or undefined. */
  async row<R extends QueryResultRow = QueryResultRow>(statement: Statement, values: readonly unknown[]): Promise<R | undefined> {
    return (await this.execute<R>(statement, values)).rows[0];
  }

  /**
   * Runs `work` outside the open transaction, if any: its own `run`s open and commit their own
   * transactions (for work that must not wait for the caller's commit, such as a payout's state
   * between calls to a provider).
   */
  outside<T>(work: () => Promise<T>): Promise<T> {
    return this.storage.exit(work);
  }

  /** The open transaction's manager, or the pool's when none is open. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }
}
