import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';

const INSERT_LOG = defineStatement(
  'audit',
  'insertLog',
  ['adminId: bigint', 'action: varchar', 'targetType: varchar', 'targetId: varchar', 'before: jsonb', 'after: jsonb', 'ipAddress: varchar', 'userAgent: varchar'],
  `
  INSERT INTO admin_logs (admin_id, action, target_type, target_id, before, after, ip_address, user_agent)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
`,
);

/** One admin_logs row as written: before and after already JSON text (secrets removed). */
export interface AdminLogEntry {
  adminId: number;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: string | null;
  after: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/** The audit trail's one write (rows are never changed); its reads go through TypeORM in AuditService. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Appends a row, in the open transaction (the admin mutation's). */
  async insertLog(entry: AdminLogEntry): Promise<void> {
    const { adminId, action, targetType, targetId, before, after, ipAddress, userAgent } = entry;
    await this.transactions.execute(INSERT_LOG, [adminId, action, targetType, targetId, before, after, ipAddress, userAgent]);
  }
}
