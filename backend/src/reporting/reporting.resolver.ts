import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { FIELD_COSTS } from '../common/graphql/query-limits.js';
import { Order } from '../orders/order.entity.js';
import { PaymentMonitoringArgs, RecentFailedPaymentsArgs, ReportRangeArgs, ReportSeriesArgs, StalePendingOrdersArgs } from './dto/report.args.js';
import { DashboardStats, Kpis, PaymentMonitoring, PeriodStats, ReportDrift } from './dto/report.models.js';
import { ReportMaintenanceService } from './report-maintenance.service.js';
import { ReportingService } from './reporting.service.js';

/** The business at a glance, for admins and super admins (read-only). */
@Resolver()
@AdminOnly()
export class ReportingResolver {
  constructor(
    @Inject(ReportingService) private readonly reporting: ReportingService,
    @Inject(ReportMaintenanceService) private readonly maintenance: ReportMaintenanceService,
  ) {}

  @Query(() => DashboardStats, { complexity: FIELD_COSTS.report, description: 'Today, yesterday, overall and the liabilities, in one snapshot' })
  dashboardStats() {
    return this.reporting.dashboard();
  }

  @Query(() => [PeriodStats], { complexity: FIELD_COSTS.report, description: 'One PeriodStats per bucket covering [from, to); edge buckets are cut to the range' })
  reportSeries(@Args() { from, to, interval }: ReportSeriesArgs) {
    return this.reporting.series(from, to, interval ?? undefined);
  }

  @Query(() => Kpis, { complexity: FIELD_COSTS.report })
  kpis(@Args() { from, to }: ReportRangeArgs) {
    return this.reporting.kpis(from, to);
  }

  @Query(() => PaymentMonitoring, { complexity: FIELD_COSTS.report })
  paymentMonitoring(@Args() args: PaymentMonitoringArgs) {
    return this.reporting.paymentMonitoring(args);
  }

  @Query(() => [Order], { description: 'PENDING orders created more than staleAfterMinutes ago, oldest first' })
  stalePendingOrders(@Args() args: StalePendingOrdersArgs) {
    return this.reporting.stalePendingOrders(args);
  }

  @Query(() => [Order], { description: 'Orders whose payment failed (failedAt in [from, to) when given), latest first, with failedTransactionId' })
  recentFailedPayments(@Args() args: RecentFailedPaymentsArgs) {
    return this.reporting.recentFailedPayments(args);
  }

  @Query(() => String, { description: 'The IANA time zone whose midnights bound the reports (REPORTING_TIME_ZONE)' })
  reportingTimeZone() {
    return this.reporting.timeZone;
  }

  @Query(() => [ReportDrift], {
    complexity: FIELD_COSTS.wholeDatabase,
    description: 'Recomputes every report figure from the source tables and lists where the maintained reports differ (empty when exact). Reads every source row: slow on big data.',
  })
  reportDrift() {
    return this.maintenance.reconcile();
  }
}
