import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { AdminLog } from './admin-log.entity.js';
import { type AdminLogEntry, AuditRepository } from './audit.repository.js';
import type { AdminLogFilter } from './dto/admin-log-filter.input.js';

export interface AuditDetails {
  action?: string;
  targetType?: string;
  targetId?: string | number;
  before?: unknown;
  after?: unknown;
}

/** What the admin panel's AdminLog list may filter and sort by. */
const list = new ListQuery<AdminLogFilter>({
  sortable: { id: 'log.id', createdAt: 'log.created_at', action: 'log.action', adminId: 'log.admin_id', targetType: 'log.target_type' },
  defaultSort: { field: 'createdAt', order: 'DESC' },
  tieBreaker: 'log.id',
  applyFilter: (query, filter) => {
    if (filter.q) query.andWhere('(log.action ILIKE :q OR log.target_type ILIKE :q OR log.target_id ILIKE :q)', { q: likePattern(filter.q) });
    if (filter.adminId) query.andWhere('log.admin_id = :adminId', { adminId: filter.adminId });
    if (filter.action) query.andWhere('log.action = :action', { action: filter.action });
    if (filter.targetType) query.andWhere('log.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('log.target_id = :targetId', { targetId: filter.targetId });
  },
});

/**
 * What a service tells the audit log about the change it is making (its target and the state
 * before and after). The AuditInterceptor opens the record around every admin mutation and
 * writes it in the mutation's transaction; a service only fills in what it knows. Also the
 * trail's reads for the admin panel's AdminLog resource.
 */
@Injectable()
export class AuditService {
  private readonly storage = new AsyncLocalStorage<AuditDetails>();

  constructor(
    @Inject(AuditRepository) private readonly logs: AuditRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

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

  /** Writes a finished record, in the open transaction (the interceptor's, around the mutation). */
  write(entry: AdminLogEntry): Promise<void> {
    return this.logs.insertLog(entry);
  }

  findOne(id: string): Promise<AdminLog | null> {
    return this.dataSource.getRepository(AdminLog).findOneBy({ id: parseId(id) });
  }

  findAll(args: ListArgsShape<AdminLogFilter>): Promise<AdminLog[]> {
    return list.rows(this.query(), args);
  }

  count(args: ListArgsShape<AdminLogFilter>): Promise<number> {
    return list.count(this.query(), args);
  }

  private query() {
    return this.dataSource.getRepository(AdminLog).createQueryBuilder('log');
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
