import type DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { loaderOfGroups } from '../common/graphql/loaders.js';
import { Commission } from './commission.entity.js';

/** An order's commissions, level 1 first: one query for a page of orders. */
export interface CommissionLoaders {
  commissionsByOrder: DataLoader<number, Commission[]>;
}

export function commissionLoaders(dataSource: DataSource): CommissionLoaders {
  return {
    commissionsByOrder: loaderOfGroups(
      (orderIds) => dataSource.getRepository(Commission).find({ where: { orderId: In(orderIds) }, order: { level: 'ASC' } }),
      (commission) => commission.orderId,
    ),
  };
}
