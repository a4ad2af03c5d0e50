import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { Order } from '../orders/order.entity.js';
import type { PaymentMonitoringArgs, RecentFailedPaymentsArgs, StalePendingOrdersArgs } from './dto/report.args.js';
import { DashboardStats, Kpis, PaymentMonitoring, PeriodStats, ReportInterval } from './dto/report.models.js';
import { FIGURES, type FigureRow } from './report-figures.js';
import { ReportingError, ReportingException } from './reporting.errors.js';
import { MAX_BUCKETS, ReportingRepository } from './reporting.repository.js';

export { MAX_BUCKETS };

const UNIT: Record<ReportInterval, string> = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month' };

function zero(): FigureRow {
  return Object.fromEntries(FIGURES.map((figure) => [figure, 0])) as FigureRow;
}

function ratio(numerator: number, denominator: number): number {
  return denominator ? numerator / denominator : 0;
}

export function toPeriodStats(from: Date, to: Date, row: FigureRow): PeriodStats {
  return {
    from,
    to,
    newUsers: row.new_users,
    referredUsers: row.referred_users,
    paidOrders: row.paid_orders,
    revenue: row.revenue,
    profit: row.profit,
    commissions: row.commissions,
    refundedOrders: row.refunded_orders,
    refundedAmount: row.refunded_amount,
    failedPayments: row.failed_payments,
    withdrawalsPaid: row.withdrawals_paid,
  };
}

/**
 * The reporting queries. Every figure is a sum of `report_hourly` rows (kept exact in the
 * statements that change the source rows, see the Reporting migration) over the whole hours of
 * the period, plus the source tables over the period's sub-hour edges (an indexed range of at
 * most an hour each side). Each report is one prepared statement, so one snapshot: its figures
 * agree with each other and with `asOf`.
 */
@Injectable()
export class ReportingService {
  constructor(
    @Inject(ReportingRepository) private readonly reports: ReportingRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  get timeZone(): string {
    return this.config.REPORTING_TIME_ZONE;
  }

  async dashboard(): Promise<DashboardStats> {
    const row = await this.reports.dashboard(this.timeZone);
    const pick = (prefix: string) => this.numbers(Object.fromEntries(FIGURES.map((figure) => [figure, row[`${prefix}_${figure}`]])) as FigureRow);
    const all = pick('overall');
    return {
      asOf: row.as_of,
      today: toPeriodStats(row.today, row.as_of, pick('today')),
      yesterday: toPeriodStats(row.yesterday, row.today, pick('yesterday')),
      overall: toPeriodStats(row.first && row.first < row.as_of ? row.first : row.as_of, row.as_of, all),
      liabilities: {
        pending: all.commissions_pending,
        available: all.commissions_available - all.withdrawals_open - all.withdrawals_withdrawn,
        locked: all.withdrawals_open,
      },
    };
  }

  async series(from: Date, to: Date, interval: ReportInterval = ReportInterval.DAY): Promise<PeriodStats[]> {
    this.checkRange(from, to);
    const unit = UNIT[interval];
    const starts = await this.reports.seriesStarts(from, to, unit, this.timeZone);
    if (starts.length > MAX_BUCKETS) {
      throw new ReportingException(ReportingError.TOO_MANY_BUCKETS, `At most ${MAX_BUCKETS} ${unit} buckets per report; choose a shorter range or a longer interval`);
    }
    const rows = await this.reports.series(from, to, unit, this.timeZone);
    const byStart = new Map(rows.map((row) => [row.key.getTime(), this.numbers(row)]));
    return starts.map(({ start }, index) => {
      const next = starts[index + 1]?.start;
      return toPeriodStats(start < from ? from : start, next && next < to ? next : to, byStart.get(start.getTime()) ?? zero());
    });
  }

  async kpis(from: Date, to: Date): Promise<Kpis> {
    this.checkRange(from, to);
    const row = await this.reports.kpis(from, to);
    const figures = this.numbers(row);
    return {
      from,
      to,
      conversionRate: ratio(figures.converted_users, figures.new_users),
      referralConversionRate: ratio(figures.converted_referred_users, figures.referred_users),
      averageOrderValue: figures.paid_orders ? Math.floor((2 * figures.revenue + figures.paid_orders) / (2 * figures.paid_orders)) : 0,
      commissionToProfitRatio: ratio(figures.commissions, figures.profit),
      activeReferrers: row.active_referrers,
      refundRate: ratio(figures.refunded_orders, figures.paid_orders),
      withdrawalMedianHours: row.median,
      withdrawalP90Hours: row.p90,
    };
  }

  async paymentMonitoring(args: PaymentMonitoringArgs): Promise<PaymentMonitoring> {
    const { from, to } = args;
    this.checkRange(from, to);
    const row = await this.reports.paymentMonitoring(from, to, args.staleAfterMinutes ?? 30);
    const figures = this.numbers(row);
    return {
      from,
      to,
      created: figures.orders_created,
      paid: figures.created_paid,
      failed: figures.created_failed,
      pending: figures.created_pending,
      stalePending: figures.created_pending - row.fresh,
      successRate: ratio(figures.created_paid, figures.created_paid + figures.created_failed),
      medianSecondsToPay: row.median,
    };
  }

  /**
   * How many users and orders exist, from the rollups: exact (the same as counting the tables at
   * that instant) and read from a few hundred rows whatever the size. The Users and Orders lists
   * count this way when they are not filtered.
   */
  totals(): Promise<{ users: number; orders: number }> {
    return this.reports.totals();
  }

  /** PENDING orders created more than staleAfterMinutes ago, oldest first. */
  stalePendingOrders(args: StalePendingOrdersArgs): Promise<Order[]> {
    return this.reports.stalePendingOrders(args.staleAfterMinutes ?? 30, args.limit ?? 50);
  }

  /** Orders whose payment failed, latest first, with the failed transaction id. */
  recentFailedPayments(args: RecentFailedPaymentsArgs): Promise<Order[]> {
    if (args.from && args.to) this.checkRange(args.from, args.to);
    return this.reports.recentFailedPayments(args.from ?? undefined, args.to ?? undefined, args.limit ?? 50);
  }

  private checkRange(from: Date, to: Date): void {
    if (!(from < to)) throw new ReportingException(ReportingError.INVALID_RANGE, 'from must be before to');
  }

  private numbers(row: FigureRow): FigureRow {
    const result = zero();
    for (const figure of FIGURES) result[figure] = Number(row?.[figure] ?? 0);
    return result;
  }
}
