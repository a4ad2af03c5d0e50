import type DataLoader from 'dataloader';
import { loaderById } from '../common/graphql/loaders.js';
import type { WalletBalanceRepository } from './wallet-balance.repository.js';

/** The wallet balance after each ledger entry, by entry id: one statement per page. */
export interface WalletLoaders {
  balanceAfter: DataLoader<number, number | null>;
}

export function walletLoaders(balances: WalletBalanceRepository): WalletLoaders {
  return { balanceAfter: loaderById((entryIds) => balances.balanceAfter(entryIds), (row) => row.id, (row) => Number(row.balance)) };
}
