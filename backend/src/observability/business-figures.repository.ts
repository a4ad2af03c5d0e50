import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';

/**
 * The open-item counts: the reporting module keeps money per hour (`report_hourly`), not how
 * many withdrawals, fraud flags or commissions are open now, so these are counted, each over a
 * partial or status index covering only its open set (withdrawals_one_open_per_user,
 * fraud_flags_status_idx, commissions_release_idx): the cost follows the open items, not the tables.
 */
const OPEN_COUNTS = defineStatement('observability', 'openCounts', [], `
  SELECT (SELECT count(*) FROM withdrawals WHERE status IN ('PENDING', 'APPROVED', 'PROCESSING'))::int AS "openWithdrawals",
         (SELECT count(*) FROM fraud_flags WHERE status = 'OPEN')::int AS "openFraudFlags",
         (SELECT count(*) FROM commissions WHERE status = 'PENDING')::int AS "pendingCommissions"
`);

export interface OpenCounts {
  openWithdrawals: number;
  openFraudFlags: number;
  pendingCommissions: number;
}

/** The business gauges' one statement of their own (the money figures come from ReportingService). */
@Injectable()
export class BusinessFiguresRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  async openCounts(): Promise<OpenCounts> {
    return (await this.transactions.row<OpenCounts>(OPEN_COUNTS, []))!;
  }
}
