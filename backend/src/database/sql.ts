import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

let prepared = true;

/**
 * DATABASE_PREPARED_STATEMENTS=false: every statement goes unnamed (parsed and planned each
 * time), for poolers that cannot keep a prepared statement with the server connection a client
 * happens to get (PgBouncer before 1.21 in transaction mode: "prepared statement ... does not
 * exist"). On by default: prepared statements nearly double the money paths' throughput.
 */
export function setPreparedStatements(enabled: boolean): void {
  prepared = enabled;
}

function statement(name: string, text: string, values: unknown[]) {
  return prepared ? { name, text, values } : { text, values };
}

/**
 * Runs one statement on the transaction's own connection as a named (prepared) statement
 * (unless DATABASE_PREPARED_STATEMENTS=false):
 * PostgreSQL parses and plans it once per connection, which the money paths need (see
 * shared PERF-NOTES: prepared statements nearly double throughput). Returns pg's result as is.
 */
export async function sql<R extends QueryResultRow = QueryResultRow>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<QueryResult<R>> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error(`statement ${name} must run inside a transaction`);
  const client = (await runner.connect()) as PoolClient;
  return client.query<R>(statement(name, text, values));
}

/**
 * Runs one statement, named (prepared), on a pooled connection in its own implicit
 * transaction: a write that is a single statement (all its CTEs) commits atomically without
 * BEGIN and COMMIT round trips, and holds its row locks only while it runs. It goes straight
 * to the data source's pg pool: the hot paths need no query runner around one statement.
 */
export function sqlStatement<R extends QueryResultRow = QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<QueryResult<R>> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return pool.query<R>(statement(name, text, values));
}
