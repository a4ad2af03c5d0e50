import { describe, expect, it } from 'vitest';
import type { Order } from '../types';
import { canRefundOrder } from './orderActions';
import { orderTerms } from './orderFields';

describe('canRefundOrder', () => {
  it.each([
    ['PAID', true],
    ['PENDING', false],
    ['FAILED', false],
    ['REFUNDED', false],
    [undefined, false],
  ] as const)('a %s order can be refunded: %s', (status, expected) => {
    expect(canRefundOrder(status)).toBe(expected);
  });
});

describe('orderTerms', () => {
  it('shows the price terms the order was created with', () => {
    const order = {
      cost: 4200,
      profit: 9300,
      level1RateBps: 3000,
      level2RateBps: 1000,
      commissionHoldHours: 24,
      commissionRounding: 'RUPEE',
    } as Order;
    expect(orderTerms(order)).toBe('cost ₹42.00 · profit ₹93.00 · L1 30% · L2 10% · hold 24 h · RUPEE');
  });
});
