import { Inject, Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { BadInputException } from '../common/errors/domain.exception.js';
import { AppConfig } from '../config/app-config.js';
import { sqlStatement } from '../database/sql.js';
import { Order, OrderStatus } from '../orders/order.entity.js';
import type { PaymentMonitoringArgs, RecentFailedPaymentsArgs, StalePendingOrdersArgs } from './dto/report.args.js';
import { DashboardStats, Kpis, PaymentMonitoring, PeriodStats, ReportInterval } from './dto/report.models.js';
import {
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
export const EDGE_GROUPS: FigureGroup[] = [
  ...userGroups('users u', 'EXISTS (SELECT 1 FROM orders p WHERE p.user_id = u.id AND p.paid_at IS NOT NULL)'),
  ...orderGroups('orders o'),
  // per order through the (order_id, level) index: a join would scan every commission
  { time: 'o.paid_at', from: 'orders o', figures: { commissions: '(SELECT coalesce(sum(c.amount), 0) FROM commissions c WHERE c.order_id = o.id)' } },
  ...withdrawalGroups('withdrawals w').filter((group) => group.time === 'w.paid_at'),
];

const SUMS = FIGURES.map((figure) => `sum(${figure})::bigint AS ${figure}`).join(', ');
const UNIT: Record<ReportInterval, string> = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month' };

/**
 * CTEs for [$1, $2): `bounds` (a: the first whole hour at or after $1; b: $2's hour, or +∞ when
 * $2 is now or later, as nothing exists after now; [lo1, hi1) and [lo2, hi2): the sub-hour
 * edges, each within one hour, empty when there is none) and `period_rows`: rollup rows over
 * [a, b) plus the source tables over the edges, every row an hour `bucket` and its figures.
 * The bounds reach the scans as InitPlan parameters, so every scan is an index range scan.
 */
const PERIOD_CTES = `bounds AS MATERIALIZED (
    SELECT a, b, $1::timestamptz AS lo1, CASE WHEN a < b THEN least(a, $2::timestamptz) ELSE $2::timestamptz END AS hi1,
           CASE WHEN a < b AND b < $2::timestamptz THEN b ELSE 'infinity'::timestamptz END AS lo2, $2::timestamptz AS hi2
    FROM (SELECT CASE WHEN report_hour($1::timestamptz) = $1::timestamptz THEN $1::timestamptz ELSE report_hour($1::timestamptz) + interval '1 hour' END AS a,
                 CASE WHEN $2::timestamptz >= now() THEN 'infinity'::timestamptz ELSE report_hour($2::timestamptz) END AS b) x
  ), period_rows AS (
    SELECT r.bucket, ${FIGURES.map((figure) => `r.${figure}`).join(', ')} FROM report_hourly r
    WHERE r.bucket >= (SELECT a FROM bounds) AND r.bucket < (SELECT b FROM bounds)
    UNION ALL
    ${EDGE_GROUPS.map((group) =>
      groupSql(
        group,
        1,
        `(${group.time} >= (SELECT lo1 FROM bounds) AND ${group.time} < (SELECT hi1 FROM bounds)) OR (${group.time} >= (SELECT lo2 FROM bounds) AND ${group.time} < (SELECT hi2 FROM bounds))`,
      ),
    ).join('\n UNION ALL\n')}
  ), period AS (
    SELECT ${SUMS} FROM period_rows
  )`;

/** Figures per bucket of the series: $3 the unit (hour, day, week, month), $4 the time zone. */
export const SERIES_SQL = `WITH ${PERIOD_CTES}
  SELECT date_trunc($3, bucket AT TIME ZONE $4) AT TIME ZONE $4 AS key, ${SUMS} FROM period_rows GROUP BY 1`;

const SERIES_STARTS_SQL = `SELECT s AT TIME ZONE $4 AS start
  FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE $4), $2::timestamptz AT TIME ZONE $4, ('1 ' || $3)::interval) s
  WHERE s AT TIME ZONE $4 < $2 LIMIT ${MAX_BUCKETS + 1}`;

/**
 * Distinct level-1 beneficiaries with a commission in [$1, $2). For a period that ends within
 * the last day: those whose latest level-1 commission is at or after $1 (`referrers_last` over
 * the whole hours from `a`, plus the first partial hour from the commissions index), less those
 * whose commissions since $1 all fall in [$2, now] (a scan of at most a day of commissions). An
 * older period is counted from its own commissions (cost grows with the period's sales).
 */
export const KPIS_SQL = `WITH ${PERIOD_CTES}
  SELECT period.*,
    CASE WHEN $2::timestamptz >= now() - interval '1 day' AND $2::timestamptz >= (SELECT a FROM bounds) THEN
      (SELECT coalesce(sum(r.referrers_last), 0) FROM report_hourly r WHERE r.bucket >= (SELECT a FROM bounds))
      + (SELECT count(DISTINCT c.beneficiary_id) FROM commissions c
         WHERE c.level = 1 AND c.created_at >= $1 AND c.created_at < (SELECT a FROM bounds)
           AND NOT EXISTS (SELECT 1 FROM commissions d WHERE d.beneficiary_id = c.beneficiary_id AND d.level = 1 AND d.created_at >= (SELECT a FROM bounds)))
      - (SELECT count(DISTINCT c.beneficiary_id) FROM commissions c
         WHERE c.level = 1 AND c.created_at >= $2
           AND NOT EXISTS (SELECT 1 FROM commissions d WHERE d.beneficiary_id = c.beneficiary_id AND d.level = 1 AND d.created_at >= $1 AND d.created_at < $2))
    ELSE
      (SELECT count(DISTINCT beneficiary_id) FROM commissions WHERE level = 1 AND created_at >= $1 AND created_at < $2)
    END::int AS active_referrers,
    w.median, w.p90
  FROM period, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90
                FROM (SELECT extract(epoch FROM paid_at - created_at)::float8 / 3600 AS hours FROM withdrawals WHERE paid_at >= $1 AND paid_at < $2) h) w`;

/**
 * Stale: PENDING and created before now − $3 minutes: the period's pending minus those created
 * since that cutoff (a range of at most $3 minutes in the pending-orders index). The median
 * reads the period's paid orders (index on created_at): its cost grows with the period's orders.
 */
export const MONITORING_SQL = `WITH ${PERIOD_CTES}
  SELECT period.*,
    (SELECT count(*) FROM orders WHERE status = 'PENDING' AND created_at >= greatest($1, now() - make_interval(mins => $3)) AND created_at < $2)::int AS fresh,
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM paid_at - created_at)::float8)
     FROM orders WHERE created_at >= $1 AND created_at < $2 AND paid_at IS NOT NULL) AS median
  FROM period`;

/**
 * Today and yesterday from the rollups' last two days (local midnights are hour boundaries),
 * and everything from all of them: one row per hour once compacted.
 */
export const DASHBOARD_SQL = `WITH d AS MATERIALIZED (
    SELECT now() AS as_of, date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS today,
           (date_trunc('day', now() AT TIME ZONE $1) - interval '1 day') AT TIME ZONE $1 AS yesterday
  )
  SELECT d.as_of, d.today, d.yesterday, (SELECT min(bucket) FROM report_hourly) AS first, recent.*, overall.*
  FROM d,
    LATERAL (SELECT ${FIGURES.map((figure) => `sum(r.${figure}) FILTER (WHERE r.bucket >= d.today)::bigint AS today_${figure}, sum(r.${figure}) FILTER (WHERE r.bucket < d.today)::bigint AS yesterday_${figure}`).join(',\n      ')}
             FROM report_hourly r WHERE r.bucket >= d.yesterday) recent,
    (SELECT ${FIGURES.map((figure) => `sum(${figure})::bigint AS overall_${figure}`).join(', ')} FROM report_hourly) overall`;

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
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  get timeZone(): string {
    return this.config.REPORTING_TIME_ZONE;
  }

  async dashboard(): Promise<DashboardStats> {
    const [row] = await this.query<Record<string, any>>('report_dashboard', DASHBOARD_SQL, [this.timeZone]);
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
    const values = [from, to, UNIT[interval], this.timeZone];
    const starts = await this.query<{ start: Date }>('report_series_starts', SERIES_STARTS_SQL, values);
    if (starts.length > MAX_BUCKETS) {
      throw new BadInputException(`At most ${MAX_BUCKETS} ${UNIT[interval]} buckets per report; choose a shorter range or a longer interval`, 'TOO_MANY_BUCKETS');
    }
    const rows = await this.query<FigureRow & { key: Date }>('report_series', SERIES_SQL, values);
    const byStart = new Map(rows.map((row) => [row.key.getTime(), this.numbers(row)]));
    return starts.map(({ start }, index) => {
      const next = starts[index + 1]?.start;
      return toPeriodStats(start < from ? from : start, next && next < to ? next : to, byStart.get(start.getTime()) ?? zero());
    });
  }

  async kpis(from: Date, to: Date): Promise<Kpis> {
    this.checkRange(from, to);
    const [row] = await this.query<FigureRow & { active_referrers: number; median: number | null; p90: number | null }>('report_kpis', KPIS_SQL, [from, to]);
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
    const [row] = await this.query<FigureRow & { fresh: number; median: number | null }>('report_payment_monitoring', MONITORING_SQL, [
      from,
      to,
      args.staleAfterMinutes ?? 30,
    ]);
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

  /** One statement, prepared once per connection: a single snapshot, so its figures agree with each other. */
  private async query<R extends QueryResultRow>(name: string, text: string, values: unknown[]): Promise<R[]> {
    return (await sqlStatement<R>(this.dataSource, name, text, values)).rows;
  }

  private numbers(row: FigureRow): FigureRow {
    const result = zero();
    for (const figure of FIGURES) result[figure] = Number(row?.[figure] ?? 0);
    return result;
  }
}
