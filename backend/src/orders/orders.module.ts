import { Module } from '@nestjs/common';
import { CommissionsModule } from '../commissions/commissions.module.js';
import { PaymentLinksService } from '../payments/payment-links.service.js';
import { ReportingModule } from '../reporting/reporting.module.js';
import { OrdersRepository } from './orders.repository.js';
import { OrdersResolver } from './orders.resolver.js';
import { OrdersService } from './orders.service.js';

@Module({
  imports: [CommissionsModule, ReportingModule],
  providers: [OrdersService, OrdersRepository, OrdersResolver, PaymentLinksService],
  exports: [OrdersService],
})
export class OrdersModule {}
