import type DataLoader from 'dataloader';
import { loaderById } from '../common/graphql/loaders.js';
import type { WalletsRepository } from './wallets.repository.js';

/** The wallet balance after each ledger entry, by entry id: one statement per page. */
export interface WalletLoaders {
  balanceAfter: DataLoader<number, number | null>;
}

export function walletLoaders(wallets: WalletsRepository): WalletLoaders {
  return { balanceAfter: loaderById((entryIds) => wallets.balancesAfter(entryIds), (row) => row.id, (row) => Number(row.balance)) };
}
