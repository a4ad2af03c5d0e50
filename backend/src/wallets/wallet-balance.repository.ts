import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { WALLET_CHANGE_SQL } from './wallet-balance.js';

/**
 * The user's wallet balance (pending + available + locked) right after each of the given
 * entries: one pass over the ledgers of the users involved, up to the newest entry asked for.
 */
const BALANCE_AFTER = defineStatement('wallets', 'balanceAfter', ['entryIds: bigint[]'], `
  WITH asked AS (SELECT id, user_id FROM wallet_transactions WHERE id = ANY($1::bigint[])),
  running AS (
    SELECT w.id, sum(${WALLET_CHANGE_SQL}) OVER (PARTITION BY w.user_id ORDER BY w.id) AS balance
      FROM wallet_transactions w
     WHERE w.user_id IN (SELECT user_id FROM asked) AND w.id <= (SELECT max(id) FROM asked)
  )
  SELECT running.id, running.balance::bigint AS balance FROM running JOIN asked ON asked.id = running.id
`);

/** The ledger read as a statement: running balances. */
@Injectable()
export class WalletBalanceRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** The balance right after each of these ledger entries (none for an unknown id). */
  balanceAfter(entryIds: readonly number[]): Promise<{ id: number; balance: number }[]> {
    return this.transactions.rows(BALANCE_AFTER, [entryIds]);
  }
}
