import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CommissionReleaseJob } from '../commissions/commission-release.job.js';
import { CommissionsModule } from '../commissions/commissions.module.js';
import { FraudCheckModule } from '../fraud/fraud-check.module.js';
import { LowConversionJob } from '../fraud/low-conversion.job.js';
import { ReportCompactionJob } from '../reporting/report-compaction.job.js';
import { ReportFoldJob } from '../reporting/report-fold.job.js';
import { ReportingModule } from '../reporting/reporting.module.js';
import { OrderExpiryJob } from '../orders/order-expiry.job.js';
import { OrdersModule } from '../orders/orders.module.js';
import { PayoutStatusJob } from '../payouts/payout-status.job.js';
import { PayoutsModule } from '../payouts/payouts.module.js';

/** The scheduled jobs; included only where JOBS_ENABLED is true (the app by default, or the worker). */
@Module({})
export class JobsModule {
  static register(enabled: boolean): DynamicModule {
    if (!enabled) return { module: JobsModule };
    return {
      module: JobsModule,
      imports: [ScheduleModule.forRoot(), CommissionsModule, FraudCheckModule, ReportingModule, OrdersModule, PayoutsModule],
      providers: [CommissionReleaseJob, LowConversionJob, ReportCompactionJob, ReportFoldJob, OrderExpiryJob, PayoutStatusJob],
    };
  }
}
