import type pg from 'pg';
import type { TestApp } from './test-app.js';

/**
 * Row locks held from a connection of the test's own, to fix the order in which concurrent
 * operations reach a row: hold it, start the operations one after another (each waiting
 * behind the hold, then behind the one before), release, and PostgreSQL hands the row to the
 * waiters first come, first served.
 */
export interface HeldLock {
  release(): Promise<void>;
}

/** Runs `lockSql` (a SELECT … FOR UPDATE) in a transaction left open until `release`. */
export async function holdLock(t: TestApp, lockSql: string, values: unknown[] = []): Promise<HeldLock> {
  const client: pg.PoolClient = await t.db.connect();
  await client.query('BEGIN');
  try {
    const locked = await client.query(lockSql, values);
    if (!locked.rowCount) throw new Error(`holdLock: nothing to lock with ${lockSql}`);
  } catch (error) {
    await client.query('ROLLBACK');
    client.release();
    throw error;
  }
  return {
    release: async () => {
      await client.query('COMMIT');
      client.release();
    },
  };
}

/** Holds the wallet rows of these users. */
export function holdWallets(t: TestApp, ...userIds: number[]): Promise<HeldLock> {
  return holdLock(t, 'SELECT 1 FROM wallets WHERE user_id = ANY($1::bigint[]) ORDER BY user_id FOR UPDATE', [userIds]);
}

/** How many sessions of this database wait for a lock (heavyweight or row). */
export async function lockWaiters(t: TestApp): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return rows[0].n;
}

/** Waits until `count` sessions wait for a lock; throws after `timeoutMs`. */
export async function waitForLockWaiters(t: TestApp, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting = await lockWaiters(t);
    if (waiting >= count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} sessions waiting for a lock, saw ${waiting}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts `operation` and answers once it waits for a lock, so that the next one queues behind
 * it; `waitingBefore` is how many sessions were already waiting. Its outcome is `outcome`.
 */
export async function startWaiting<T>(t: TestApp, waitingBefore: number, operation: () => Promise<T>, timeoutMs = 10_000): Promise<{ outcome: Promise<T> }> {
  let finished = false;
  const outcome = operation();
  outcome.then(
    () => (finished = true),
    () => (finished = true),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await lockWaiters(t)) > waitingBefore) return { outcome };
    // an operation that finishes without waiting means the arrangement failed: say so
    if (finished) throw new Error(`the operation finished without waiting for a lock: ${JSON.stringify(await outcome)}`);
    if (Date.now() > deadline) throw new Error(`the operation neither waited for a lock nor finished in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
