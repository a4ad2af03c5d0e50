import type { OrderStatus } from '../types';

/** Only a paid order can be refunded (PAID → REFUNDED); any other is a CONFLICT. */
export function canRefundOrder(status: OrderStatus | undefined): boolean {
  return status === 'PAID';
}
