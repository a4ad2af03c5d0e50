import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobLeasesRepository } from './job-leases.repository.js';

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
  constructor(@Inject(JobLeasesRepository) private readonly leases: JobLeasesRepository) {}

  /** True when `holder` (by default this process; a job may name each of its runs) now holds `name`, newly or already. */
  acquire(name: string, ttlSeconds: number, holder = PROCESS_HOLDER): Promise<boolean> {
    return this.leases.acquire(name, holder, ttlSeconds);
  }

  /**
   * Extends the lease inside the caller's transaction; false when it was lost (expired and taken
   * by another process), and the caller must stop.
   */
  renew(manager: EntityManager, name: string, ttlSeconds: number, holder = PROCESS_HOLDER): Promise<boolean> {
    return this.leases.renew(manager, name, holder, ttlSeconds);
  }

  release(name: string, holder = PROCESS_HOLDER): Promise<void> {
    return this.leases.release(name, holder);
  }
}
