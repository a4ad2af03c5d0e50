import type DataLoader from 'dataloader';
import { loaderById } from '../common/graphql/loaders.js';
import type { ReferralStatsRow } from './referral-stats.entity.js';
import type { ReferralsRepository } from './referrals.repository.js';

/** referral_stats rows by user id (null when a user has none): one statement per request. */
export interface ReferralLoaders {
  referralStats: DataLoader<number, ReferralStatsRow | null>;
}

export function referralLoaders(referrals: ReferralsRepository): ReferralLoaders {
  return { referralStats: loaderById((userIds) => referrals.statsByUserIds(userIds), (row) => row.userId) };
}
