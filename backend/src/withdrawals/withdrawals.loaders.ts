import type DataLoader from 'dataloader';
import { loaderById } from '../common/graphql/loaders.js';
import { toWithdrawalRisk, type WithdrawalRisk } from './withdrawal-risk.js';
import type { WithdrawalsRepository } from './withdrawals.repository.js';

/** The risk summary of withdrawals by id: one statement for a page of the queue. */
export interface WithdrawalLoaders {
  withdrawalRisk: DataLoader<number, WithdrawalRisk | null>;
}

export function withdrawalLoaders(withdrawals: WithdrawalsRepository): WithdrawalLoaders {
  return { withdrawalRisk: loaderById((withdrawalIds) => withdrawals.risks(withdrawalIds), (row) => row.id, toWithdrawalRisk) };
}
