import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CommissionReleaseJob } from '../commissions/commission-release.job.js';
import { CommissionsModule } from '../commissions/commissions.module.js';
import { FraudCheckModule } from '../fraud/fraud-check.module.js';
import { LowConversionJob } from '../fraud/low-conversion.job.js';
import { OrderExpiryJob } from '../orders/order-expiry.job.js';
import { OrdersModule } from '../orders/orders.module.js';

/** The scheduled jobs; included only where JOBS_ENABLED is true (the app by default, or the worker). */
@Module({})
export class JobsModule {
  static register(enabled: boolean): DynamicModule {
    if (!enabled) return { module: JobsModule };
    return {
      module: JobsModule,
      imports: [ScheduleModule.forRoot(), CommissionsModule, FraudCheckModule, OrdersModule],
      providers: [CommissionReleaseJob, LowConversionJob, OrderExpiryJob],
    };
  }
}
