import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

export interface AuditDetails {
  action?: string;
  targetType?: string;
  targetId?: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * What a service tells the audit log about the change it is making (its target and the state
 * before and after). The AuditInterceptor opens the record around every admin mutation and
 * writes it in the mutation's transaction; a service only fills in what it knows.
 */
@Injectable()
export class AuditService {
  private readonly storage = new AsyncLocalStorage<AuditDetails>();

  /** Runs `work` with an open audit record and returns both. */
  async record<T>(work: () => Promise<T>): Promise<{ result: T; details: AuditDetails }> {
    const details: AuditDetails = {};
    const result = await this.storage.run(details, work);
    return { result, details };
  }

  /** Adds to the open record; outside an admin mutation (bot, jobs) it does nothing. */
  describe(details: AuditDetails): void {
    const current = this.storage.getStore();
    if (current) Object.assign(current, details);
  }
}

/** Keys whose values never reach the audit log: passwords, hashes, tokens, secrets. */
const SECRET_KEY = /^(password|.*Password|.*Hash|.*hash|.*[Tt]oken|.*[Ss]ecret)$/;

/** A JSON-safe copy without secrets, for the log's before/after columns. */
export function auditSnapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, inner) => (SECRET_KEY.test(key) ? undefined : typeof inner === 'bigint' ? inner.toString() : inner)),
  );
}
