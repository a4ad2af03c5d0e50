import { formatBasisPoints } from '../common/format';
import { formatMoney } from '../money';
import type { Order } from '../types';

/** "cost ₹42.00 · profit ₹93.00 · L1 30% · L2 10% · hold 24 h · RUPEE" */
export function orderTerms(order: Order): string {
  return [
    `cost ${formatMoney(order.cost)}`,
    `profit ${formatMoney(order.profit)}`,
    `L1 ${formatBasisPoints(order.level1RateBps)}`,
    `L2 ${formatBasisPoints(order.level2RateBps)}`,
    `hold ${order.commissionHoldHours} h`,
    order.commissionRounding,
  ].join(' · ');
}
