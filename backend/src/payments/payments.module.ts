import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { PaymentEventsResolver } from './payment-events.resolver.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentsService } from './payments.service.js';
import { WebhooksController } from './webhooks.controller.js';

/** Payment gateways' webhooks and the PaymentEvent admin resource (payment links live with orders). */
@Module({
  imports: [OrdersModule],
  controllers: [WebhooksController],
  providers: [PaymentsService, PaymentsRepository, PaymentEventsResolver],
})
export class PaymentsModule {}
