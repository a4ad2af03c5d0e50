import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { DatabasePool } from './database-pool.js';
import { defineStatement } from './statement.js';

const ACQUIRE = defineStatement('jobs', 'acquireLease', ['name: text', 'holder: text', 'ttlSeconds: float8'], `
  WITH taken AS (
    INSERT INTO job_leases AS l (name, holder, acquired_at, expires_at) VALUES ($1, $2, now(), now() + make_interval(secs => $3))
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, acquired_at = now(), expires_at = excluded.expires_at
    WHERE l.expires_at < now() OR l.holder = excluded.holder
    RETURNING 1
  )
  SELECT count(*)::int AS taken FROM taken
`);

const RENEW = defineStatement('jobs', 'renewLease', ['name: text', 'holder: text', 'ttlSeconds: float8'], `
  WITH renewed AS (
    UPDATE job_leases SET expires_at = now() + make_interval(secs => $3) WHERE name = $1 AND holder = $2 RETURNING 1
  )
  SELECT count(*)::int AS renewed FROM renewed
`);

const RELEASE = defineStatement('jobs', 'releaseLease', ['name: text', 'holder: text'], `
  DELETE FROM job_leases WHERE name = $1 AND holder = $2
`);

/**
 * The `job_leases` table's statements. Taking and giving back a lease never joins a caller's
 * transaction (an admin mutation's would hide the lease from every other connection until it
 * commits): each is one statement on the application's pool, in its own implicit transaction.
 * Renewing runs in the transaction of the batch it covers.
 */
@Injectable()
export class JobLeasesRepository {
  constructor(@Inject(DatabasePool) private readonly database: DatabasePool) {}

  /** Inserts the lease, or takes it over when it expired or is already the holder's; true when the holder now has it. */
  async acquire(name: string, holder: string, ttlSeconds: number): Promise<boolean> {
    return (await this.database.run<{ taken: number }>(ACQUIRE, [name, holder, ttlSeconds])).rows[0].taken === 1;
  }

  /** Extends the holder's lease in `manager`'s open transaction; false when it is no longer theirs. */
  async renew(manager: EntityManager, name: string, holder: string, ttlSeconds: number): Promise<boolean> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error(`statement ${RENEW.name} must run inside the caller's transaction`);
    const client = (await runner.connect()) as PoolClient;
    return (await this.database.run<{ renewed: number }>(RENEW, [name, holder, ttlSeconds], client)).rows[0].renewed === 1;
  }

  /** Gives the lease back (nothing when another process holds it by now). */
  async release(name: string, holder: string): Promise<void> {
    await this.database.run(RELEASE, [name, holder]);
  }
}
