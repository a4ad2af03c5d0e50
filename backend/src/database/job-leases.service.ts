import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** This process, as a lease holder: host, pid and a random suffix (pids repeat across containers). */
export const PROCESS_HOLDER = `${hostname().slice(0, 60)}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Leases on the `job_leases` table: which process runs a job that spans many transactions (the
 * commission release), across every instance. Each call is one statement in its own implicit
 * transaction, so it works behind a transaction-mode pooler where a session advisory lock would
 * be held by whichever client happens to share the server connection. A lease expires by itself
 * `ttlSeconds` after its last renewal, so a crashed holder blocks the job for at most that long.
 */
@Injectable()
export class JobLeases {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** True when this process now holds `name` (newly, or it already did). */
  async acquire(name: string, ttlSeconds: number, holder = PROCESS_HOLDER): Promise<boolean> {
    const [{ taken }] = await this.dataSource.query<{ taken: number }[]>(
      `WITH taken AS (
         INSERT INTO job_leases AS l (name, holder, acquired_at, expires_at) VALUES ($1, $2, now(), now() + make_interval(secs => $3))
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, acquired_at = now(), expires_at = excluded.expires_at
         WHERE l.expires_at < now() OR l.holder = excluded.holder
         RETURNING 1
       )
       SELECT count(*)::int AS taken FROM taken`,
      [name, holder, ttlSeconds],
    );
    return taken === 1;
  }

  /**
   * Extends the lease inside the caller's transaction; false when it was lost (expired and taken
   * by another process), and the caller must stop.
   */
  async renew(manager: EntityManager, name: string, ttlSeconds: number, holder = PROCESS_HOLDER): Promise<boolean> {
    // (a SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count])
    const [{ renewed }] = await manager.query<{ renewed: number }[]>(
      `WITH renewed AS (UPDATE job_leases SET expires_at = now() + make_interval(secs => $3) WHERE name = $1 AND holder = $2 RETURNING 1)
       SELECT count(*)::int AS renewed FROM renewed`,
      [name, holder, ttlSeconds],
    );
    return renewed === 1;
  }

  async release(name: string, holder = PROCESS_HOLDER): Promise<void> {
    await this.dataSource.query(`DELETE FROM job_leases WHERE name = $1 AND holder = $2`, [name, holder]);
  }
}
