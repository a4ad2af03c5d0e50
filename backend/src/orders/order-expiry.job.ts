import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { OrdersService } from './orders.service.js';

/** Every five minutes: an order expires at most five minutes late, and the pass is one indexed range scan. */
export const ORDER_EXPIRY_SCHEDULE = CronExpression.EVERY_5_MINUTES;

@Injectable()
export class OrderExpiryJob {
  constructor(@Inject(OrdersService) private readonly orders: OrdersService) {}

  @Cron(ORDER_EXPIRY_SCHEDULE, { name: 'expire-orders' })
  run() {
    return this.orders.expireStale();
  }
}
