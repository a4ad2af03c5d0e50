import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import type { WithdrawalRiskRow } from './withdrawal-risk.js';

/** One statement for a page of withdrawals; every subquery runs on an index. */
const RISK_OF = defineStatement('withdrawals', 'riskOf', ['withdrawalIds: bigint[]'], `
  SELECT w.id, w.status, u.status AS "userStatus", u.created_at AS "accountCreatedAt",
         (SELECT count(*)::int FROM fraud_flags f WHERE f.user_id = w.user_id AND f.status = 'OPEN') AS "openFlags",
         coalesce(wa.total_earned, 0) AS "totalEarned", coalesce(wa.withdrawn, 0) AS "totalWithdrawn",
         (SELECT count(DISTINCT o.user_id)::int FROM withdrawals o WHERE lower(o.upi_id) = lower(w.upi_id) AND o.user_id <> w.user_id) AS "sameUpiUsers"
    FROM withdrawals w
    JOIN users u ON u.id = w.user_id
    LEFT JOIN wallets wa ON wa.user_id = w.user_id
   WHERE w.id = ANY($1::bigint[])
`);

/** The withdrawal queue's risk summary (what an operator weighs before paying out). */
@Injectable()
export class WithdrawalRiskRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** The risk rows of these withdrawals (none for an unknown id). */
  riskOf(withdrawalIds: readonly number[]): Promise<WithdrawalRiskRow[]> {
    return this.transactions.rows<WithdrawalRiskRow>(RISK_OF, [withdrawalIds]);
  }
}
