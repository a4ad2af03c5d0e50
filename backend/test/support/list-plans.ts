import type pg from 'pg';
import { SelectQueryBuilder } from 'typeorm';

export type PageQuery = [sql: string, parameters: unknown[]];

/** What `run` returned, and the SQL of every list page (getMany of a query builder aliased `alias`) it fetched. */
export async function pagesFetched<T>(alias: string, run: () => Promise<T>): Promise<{ result: T; pages: PageQuery[] }> {
  const pages: PageQuery[] = [];
  const getMany = SelectQueryBuilder.prototype.getMany;
  SelectQueryBuilder.prototype.getMany = function (this: SelectQueryBuilder<any>) {
    if (this.alias === alias) pages.push(this.getQueryAndParameters());
    return getMany.call(this);
  } as typeof getMany;
  try {
    return { result: await run(), pages };
  } finally {
    SelectQueryBuilder.prototype.getMany = getMany;
  }
}

/**
 * The plan of a page with sequential scans and sorts priced out (on a test's small table a scan
 * and a sort are cheapest): it names the index only when the page can be read through it.
 */
export async function indexedPlan(db: pg.Pool, [sql, parameters]: PageQuery): Promise<string> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    await client.query('SET LOCAL enable_sort = off');
    return JSON.stringify((await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)).rows[0]);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}
