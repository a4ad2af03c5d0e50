import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BadInputException } from '../common/errors/domain.exception.js';
import { AppConfig } from '../config/app-config.js';
import { Order, OrderStatus } from '../orders/order.entity.js';
import type { PaymentMonitoringArgs, RecentFailedPaymentsArgs, StalePendingOrdersArgs } from './dto/report.args.js';
import { DashboardStats, Kpis, PaymentMonitoring, PeriodStats, ReportInterval } from './dto/report.models.js';
import {
  commissionCreatedGroups,
  FIGURES,
  type FigureGroup,
  type FigureRow,
  groupSql,
  orderGroups,
  userGroups,
  withdrawalGroups,
} from './report-figures.js';

export const MAX_BUCKETS = 1000;

/** The groups a period reads at its sub-hour edges, each over an indexed time column. */
const EDGE_GROUPS: FigureGroup[] = [
  ...userGroups('users u', 'EXISTS (SELECT 1 FROM orders p WHERE p.user_id = u.id AND p.paid_at IS NOT NULL)'),
  ...orderGroups('orders o'),
  ...commissionCreatedGroups('commissions c'),
  ...withdrawalGroups('withdrawals w').filter((group) => group.time === 'w.paid_at'),
];

const SUMS = FIGURES.map((figure) => `sum(${figure})::bigint AS ${figure}`).join(', ');
const UNIT: Record<ReportInterval, string> = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month' };

interface Bounds {
  /** First whole hour bucket at or after `from`. */
  a: Date;
  /** End of the whole hours read from the rollups: `to`'s hour, or +∞ when `to` is now or later. */
  b: Date | null;
}

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
 * The reporting queries. Every figure is a sum of `report_hourly` rows (kept exact by triggers,
 * see the Reporting migration) over the whole hours of the period, plus the source tables over
 * the period's sub-hour edges (an indexed range of at most an hour each side). All reads of one
 * query run in one REPEATABLE READ snapshot, so they agree with each other and with `asOf`.
 */
@Injectable()
export class ReportingService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  get timeZone(): string {
    return this.config.REPORTING_TIME_ZONE;
  }

  async dashboard(): Promise<DashboardStats> {
    return this.snapshot(async (manager) => {
      const [day] = await manager.query<{ asOf: Date; today: Date; yesterday: Date; first: Date | null }[]>(
        `SELECT now() AS "asOf",
                date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS today,
                (date_trunc('day', now() AT TIME ZONE $1) - interval '1 day') AT TIME ZONE $1 AS yesterday,
                (SELECT min(bucket) FROM report_hourly) AS first`,
        [this.timeZone],
      );
      const today = await this.period(manager, day.today, day.asOf);
      const yesterday = await this.period(manager, day.yesterday, day.today);
      const [overall] = await manager.query<FigureRow[]>(`SELECT ${SUMS} FROM report_hourly`);
      const all = this.numbers(overall);
      return {
        asOf: day.asOf,
        today: toPeriodStats(day.today, day.asOf, today),
        yesterday: toPeriodStats(day.yesterday, day.today, yesterday),
        overall: toPeriodStats(day.first && day.first < day.asOf ? day.first : day.asOf, day.asOf, all),
        liabilities: {
          pending: all.commissions_pending,
          available: all.commissions_available - all.withdrawals_open - all.withdrawals_withdrawn,
          locked: all.withdrawals_open,
        },
      };
    });
  }

  async series(from: Date, to: Date, interval: ReportInterval = ReportInterval.DAY): Promise<PeriodStats[]> {
    this.checkRange(from, to);
    return this.snapshot(async (manager) => {
      const unit = UNIT[interval];
      const starts = await manager.query<{ start: Date }[]>(
        `SELECT s AT TIME ZONE $4 AS start
         FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE $4), $2::timestamptz AT TIME ZONE $4, ('1 ' || $3)::interval) s
         WHERE s AT TIME ZONE $4 < $2 LIMIT ${MAX_BUCKETS + 1}`,
        [from, to, unit, this.timeZone],
      );
      if (starts.length > MAX_BUCKETS) {
        throw new BadInputException(`At most ${MAX_BUCKETS} ${unit} buckets per report; choose a shorter range or a longer interval`, 'TOO_MANY_BUCKETS');
      }
      const rows = await this.figures(manager, from, to, `date_trunc('${unit}', bucket AT TIME ZONE '${this.quotedZone()}') AT TIME ZONE '${this.quotedZone()}'`);
      const byStart = new Map(rows.map((row) => [row.key!.getTime(), row.figures]));
      return starts.map(({ start }, index) => {
        const next = starts[index + 1]?.start;
        return toPeriodStats(
          start < from ? from : start,
          next && next < to ? next : to,
          byStart.get(start.getTime()) ?? zero(),
        );
      });
    });
  }

  async kpis(from: Date, to: Date): Promise<Kpis> {
    this.checkRange(from, to);
    return this.snapshot(async (manager) => {
      const figures = await this.period(manager, from, to);
      const bounds = await this.bounds(manager, from, to);
      const [withdrawals] = await manager.query<{ median: number | null; p90: number | null }[]>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90
         FROM (SELECT extract(epoch FROM paid_at - created_at)::float8 / 3600 AS hours FROM withdrawals WHERE paid_at >= $1 AND paid_at < $2) w`,
        [from, to],
      );
      return {
        from,
        to,
        conversionRate: ratio(figures.converted_users, figures.new_users),
        referralConversionRate: ratio(figures.converted_referred_users, figures.referred_users),
        averageOrderValue: figures.paid_orders ? Math.floor((2 * figures.revenue + figures.paid_orders) / (2 * figures.paid_orders)) : 0,
        commissionToProfitRatio: ratio(figures.commissions, figures.profit),
        activeReferrers: await this.activeReferrers(manager, from, to, bounds),
        refundRate: ratio(figures.refunded_orders, figures.paid_orders),
        withdrawalMedianHours: withdrawals.median,
        withdrawalP90Hours: withdrawals.p90,
      };
    });
  }

  async paymentMonitoring(args: PaymentMonitoringArgs): Promise<PaymentMonitoring> {
    const { from, to } = args;
    this.checkRange(from, to);
    const staleAfterMinutes = args.staleAfterMinutes ?? 30;
    return this.snapshot(async (manager) => {
      const figures = await this.period(manager, from, to);
      // Stale: PENDING and created before the cutoff. The period's pending minus those created
      // since the cutoff: a range of at most staleAfterMinutes in the pending-orders index.
      const [recent] = await manager.query<{ cutoff: Date; fresh: number }[]>(
        `SELECT now() - make_interval(mins => $3) AS cutoff,
                (SELECT count(*)::int FROM orders WHERE status = 'PENDING' AND created_at >= greatest($1, now() - make_interval(mins => $3)) AND created_at < $2) AS fresh`,
        [from, to, staleAfterMinutes],
      );
      const [pay] = await manager.query<{ median: number | null }[]>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM paid_at - created_at)::float8) AS median
         FROM orders WHERE created_at >= $1 AND created_at < $2 AND paid_at IS NOT NULL`,
        [from, to],
      );
      return {
        from,
        to,
        created: figures.orders_created,
        paid: figures.created_paid,
        failed: figures.created_failed,
        pending: figures.created_pending,
        stalePending: figures.created_pending - recent.fresh,
        successRate: ratio(figures.created_paid, figures.created_paid + figures.created_failed),
        medianSecondsToPay: pay.median,
      };
    });
  }

  /** PENDING orders created more than staleAfterMinutes ago, oldest first. */
  stalePendingOrders(args: StalePendingOrdersArgs): Promise<Order[]> {
    return this.dataSource
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status = :status AND o.created_at < now() - make_interval(mins => :minutes)`, { status: OrderStatus.PENDING, minutes: args.staleAfterMinutes ?? 30 })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(args.limit ?? 50)
      .getMany();
  }

  /** Orders whose payment failed, latest first, with the failed transaction id. */
  recentFailedPayments(args: RecentFailedPaymentsArgs): Promise<Order[]> {
    if (args.from && args.to) this.checkRange(args.from, args.to);
    const query = this.dataSource.getRepository(Order).createQueryBuilder('o').where('o.failed_at IS NOT NULL');
    if (args.from) query.andWhere('o.failed_at >= :from', { from: args.from });
    if (args.to) query.andWhere('o.failed_at < :to', { to: args.to });
    return query.orderBy('o.failed_at', 'DESC').addOrderBy('o.id', 'DESC').limit(args.limit ?? 50).getMany();
  }

  private checkRange(from: Date, to: Date): void {
    if (!(from < to)) throw new BadInputException('from must be before to', 'INVALID_RANGE');
  }

  private quotedZone(): string {
    return this.timeZone.replace(/'/g, "''");
  }

  private snapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });
  }

  private async bounds(manager: EntityManager, from: Date, to: Date): Promise<Bounds> {
    const [bounds] = await manager.query<Bounds[]>(
      `SELECT CASE WHEN report_hour($1) = $1 THEN $1 ELSE report_hour($1) + interval '1 hour' END AS a,
              CASE WHEN $2 >= now() THEN NULL ELSE report_hour($2) END AS b`,
      [from, to],
    );
    return bounds;
  }

  /** Every figure over [from, to) as one row. */
  private async period(manager: EntityManager, from: Date, to: Date): Promise<FigureRow> {
    const [row] = await this.figures(manager, from, to, 'NULL::timestamptz');
    return row?.figures ?? zero();
  }

  /**
   * Figures over [from, to) grouped by `key` (an expression of the hour `bucket`): the rollups
   * over the whole hours [a, b), and the source tables over [from, a) and [b, to).
   */
  private async figures(manager: EntityManager, from: Date, to: Date, key: string): Promise<{ key: Date | null; figures: FigureRow }[]> {
    const { a, b } = await this.bounds(manager, from, to);
    const edges: [Date, Date][] = [];
    const whole = b === null || a < b;
    if (whole) {
      if (from < a) edges.push([from, a < to ? a : to]);
      if (b !== null && b < to) edges.push([b, to]);
    } else {
      edges.push([from, to]);
    }
    const values: unknown[] = [];
    const parts: string[] = [];
    if (whole) {
      values.push(a, b ?? 'infinity');
      parts.push(`SELECT bucket, ${FIGURES.join(', ')} FROM report_hourly WHERE bucket >= $1 AND bucket < $2`);
    }
    for (const [lo, hi] of edges) {
      values.push(lo, hi);
      const [low, high] = [`$${values.length - 1}::timestamptz`, `$${values.length}::timestamptz`];
      for (const group of EDGE_GROUPS) parts.push(groupSql(group, 1, `${group.time} >= ${low} AND ${group.time} < ${high}`));
    }
    const rows = await manager.query<(FigureRow & { key: Date | null })[]>(
      `SELECT ${key} AS key, ${SUMS} FROM (${parts.join('\n UNION ALL\n')}) r GROUP BY 1`,
      values,
    );
    return rows.map(({ key: rowKey, ...figures }) => ({ key: rowKey, figures: this.numbers(figures as FigureRow) }));
  }

  /**
   * Distinct level-1 beneficiaries with a commission created in [from, to). Up to now: those
   * whose latest such commission is at or after `from` — the rollups' `referrers_last` over the
   * whole hours, plus the edge hour from the commissions index. A period that ended in the past
   * is counted from the commissions of that period (its cost grows with the period's sales).
   */
  private async activeReferrers(manager: EntityManager, from: Date, to: Date, bounds: Bounds): Promise<number> {
    if (bounds.b !== null) {
      const [row] = await manager.query<{ count: number }[]>(
        `SELECT count(DISTINCT beneficiary_id)::int AS count FROM commissions WHERE level = 1 AND created_at >= $1 AND created_at < $2`,
        [from, to],
      );
      return row.count;
    }
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT (SELECT coalesce(sum(referrers_last), 0)::int FROM report_hourly WHERE bucket >= $2)
            + (SELECT count(DISTINCT c.beneficiary_id)::int FROM commissions c
               WHERE c.level = 1 AND c.created_at >= $1 AND c.created_at < $2
                 AND NOT EXISTS (SELECT 1 FROM commissions d WHERE d.beneficiary_id = c.beneficiary_id AND d.level = 1 AND d.created_at >= $2)) AS count`,
      [from, bounds.a],
    );
    return row.count;
  }

  private numbers(row: FigureRow): FigureRow {
    const result = zero();
    for (const figure of FIGURES) result[figure] = Number(row?.[figure] ?? 0);
    return result;
  }
}
