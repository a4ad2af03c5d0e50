import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { Order, OrderStatus } from '../orders/order.entity.js';
import type { ReportDrift } from './dto/report.models.js';
import {
  type Figure,
  FIGURES,
  type FigureGroup,
  type FigureRow,
  applyDeltasSql,
  groupSql,
  orderGroups,
  paymentDeltasSql,
  sourceFiguresSql,
  userGroups,
  withdrawalGroups,
} from './report-figures.js';

/** Key of the transaction advisory lock taken by a rebuild or a time zone change (one at a time across processes). */
const REBUILD_LOCK_KEY = 0x07770011;
/** The most drift entries one reconciliation lists. */
export const MAX_DRIFT_ENTRIES = 500;
export const MAX_BUCKETS = 1000;

const SOURCE_TABLES = 'users, orders, commissions, withdrawals, wallets';

/** The figures of a PeriodStats. */
const PERIOD_FIGURES: Figure[] = [
  'new_users',
  'referred_users',
  'paid_orders',
  'revenue',
  'profit',
  'commissions',
  'refunded_orders',
  'refunded_amount',
  'failed_payments',
  'withdrawals_paid',
];
const LIABILITY_FIGURES: Figure[] = ['commissions_pending', 'commissions_available', 'withdrawals_open', 'withdrawals_withdrawn'];
const KPI_FIGURES: Figure[] = ['new_users', 'referred_users', 'converted_users', 'converted_referred_users', 'paid_orders', 'revenue', 'profit', 'commissions', 'refunded_orders'];
const MONITORING_FIGURES: Figure[] = ['orders_created', 'created_paid', 'created_failed', 'created_pending'];

/** The groups a period reads at its sub-hour edges, each over an indexed time column. */
export const EDGE_GROUPS: FigureGroup[] = [
  ...userGroups('users u', 'EXISTS (SELECT 1 FROM orders p WHERE p.user_id = u.id AND p.paid_at IS NOT NULL)'),
  ...orderGroups('orders o'),
  // per order through the (order_id, level) index: a join would scan every commission
  { time: 'o.paid_at', from: 'orders o', figures: { commissions: '(SELECT coalesce(sum(c.amount), 0) FROM commissions c WHERE c.order_id = o.id)' } },
  ...withdrawalGroups('withdrawals w').filter((group) => group.time === 'w.paid_at'),
];

const sums = (figures: readonly Figure[], prefix = '') => figures.map((figure) => `sum(${figure})::bigint AS ${prefix}${figure}`).join(', ');
const list = (figures: readonly Figure[], alias: string) => figures.map((figure) => `${alias}.${figure}`).join(', ');

/** An edge group cut down to `figures` (undefined when it has none of them). */
function edgeGroup(group: FigureGroup, figures: readonly Figure[]): FigureGroup | undefined {
  const kept = Object.fromEntries(Object.entries(group.figures).filter(([figure]) => figures.includes(figure as Figure)));
  return Object.keys(kept).length ? { ...group, figures: kept } : undefined;
}

/** Where the fold has reached: the payments made before it are in the rollups. */
const FOLDED_TO = '(SELECT payments_folded_to FROM report_config)';

/** The folded payments' durations by creation hour: what `report_payment_durations` must hold. */
const paymentDurationsSql = (where: string) => `
  SELECT report_hour(created_at) AS hour, payment_duration_bucket(paid_at, created_at) AS bucket, count(*)::int AS n
  FROM orders WHERE ${where} GROUP BY 1, 2`;

/**
 * The payments not yet folded into the rollups (`paid_at` at or after `payments_folded_to`, see
 * the PaymentsFoldedBehindHorizon migration), as the rows they add: every reading of the rollups
 * adds these, in the same snapshot, so a figure includes every committed payment.
 */
const paymentTail = (figures: readonly Figure[] = FIGURES) => paymentDeltasSql(FOLDED_TO, "'infinity'::timestamptz", figures);

/**
 * The maintained rows over [lo, hi) (whole hours), as `bucket` and `figures`: `report_hourly`
 * (every shard) over the hours before the first and after the last whole day, and for the whole
 * days [d1, d2) their `report_daily` rows plus their hours' unfolded shards (shard ≠ 0: only
 * hours not yet compacted). `report_daily` sums shard 0 per day (both written in one statement
 * by the compaction and the rebuild), so the union counts every hour exactly once. Then the
 * payments not yet folded (`paymentTail`), by the hour each row falls in.
 */
function rollupRows(figures: readonly Figure[], b: { lo: string; d1: string; d2: string; hi: string }): string {
  return [
    `SELECT r.bucket, ${list(figures, 'r')} FROM report_hourly r WHERE r.bucket >= ${b.lo} AND r.bucket < ${b.d1}`,
    `SELECT r.bucket, ${list(figures, 'r')} FROM report_hourly r WHERE r.bucket >= ${b.d2} AND r.bucket < ${b.hi}`,
    `SELECT r.bucket, ${list(figures, 'r')} FROM report_hourly r WHERE r.bucket >= ${b.d1} AND r.bucket < ${b.d2} AND r.shard <> 0`,
    `SELECT d.day AS bucket, ${list(figures, 'd')} FROM report_daily d WHERE d.day >= ${b.d1} AND d.day < ${b.d2}`,
    `SELECT t.bucket, ${list(figures, 't')} FROM (${paymentTail(figures)}) t WHERE t.bucket >= ${b.lo} AND t.bucket < ${b.hi}`,
  ].join('\n    UNION ALL\n    ');
}

/**
 * CTEs for [$1, $2): `bounds` and `period_rows`, the maintained rows over whole hours [a, b)
 * plus the source tables over the sub-hour edges, every row a `bucket` (an hour, or a day's
 * midnight for a day row) and `figures`. The bounds reach the scans as InitPlan parameters, so
 * every scan is an index range scan.
 * - a: the first whole hour at or after $1; [lo1, hi1): the edge before it, within one hour,
 *   empty when there is none.
 * - b and the edge at the end, [lo2, hi2) with sign2, the cheaper of two exact ways: the hour
 *   $2 falls in, h, is added from the source up to $2 (b = h, [h, $2), +1), or taken whole from
 *   the rollups less its part from $2 on (b = h + 1 hour, [$2, b), -1), whichever reads fewer
 *   rows; nothing is paid or created after now, so in the current hour that part is [$2, now].
 *   A report that ends a moment before now (a client's "now") thus reads only that moment from
 *   the source, not the hour so far, however busy. b is +∞ when $2 is now or later (no edge).
 * - [d1, d2): the whole days of [a, b), empty when `days` is false or there is none; da: the
 *   first midnight at or after a.
 * - lo1 and p_to: $1 and $2, for scans of other CTEs. As InitPlan parameters they keep the cached
 *   generic plan cheaper than a custom one; with $1 and $2 written in, PostgreSQL planned `kpis`
 *   (30 custom plans of 30, 7 ms more a call at 50,000 users) and `paymentMonitoring` (~3 ms at
 *   1M orders) afresh on every call. REPORT_PLANNING now forces the generic plan as well; the
 *   bounds keep it PostgreSQL's own choice too, which the reporting benchmark prints.
 */
function periodCtes(figures: readonly Figure[], days: boolean): string {
  const bound = (name: string) => `(SELECT ${name} FROM bounds)`;
  const edges = EDGE_GROUPS.map((group) => edgeGroup(group, figures))
    .filter((group): group is FigureGroup => group !== undefined)
    .map((group) =>
      groupSql(group, {
        where: `(${group.time} >= ${bound('lo1')} AND ${group.time} < ${bound('hi1')}) OR (${group.time} >= ${bound('lo2')} AND ${group.time} < ${bound('hi2')})`,
        figures,
        // before a: [$1, a), within one hour; from a: the end's edge (or [a, $2) when a = b), within one hour
        split: { at: bound('a'), afterSign: bound('sign2') },
      }),
    );
  return `bounds AS MATERIALIZED (
    SELECT x.a, x.b, $1::timestamptz AS lo1, CASE WHEN x.a < x.b THEN least(x.a, $2::timestamptz) ELSE $2::timestamptz END AS hi1,
           CASE WHEN x.less THEN $2::timestamptz WHEN x.a < x.b AND x.b < $2::timestamptz THEN x.b ELSE 'infinity'::timestamptz END AS lo2,
           CASE WHEN x.less THEN x.b ELSE $2::timestamptz END AS hi2, CASE WHEN x.less THEN -1 ELSE 1 END AS sign2, $2::timestamptz AS p_to,
           CASE WHEN ${days ? 'y.da < y.db' : 'false'} THEN y.da ELSE x.b END AS d1,
           CASE WHEN ${days ? 'y.da < y.db' : 'false'} THEN y.db ELSE x.b END AS d2, y.da
    FROM (SELECT h.a, h.less, CASE WHEN h.open THEN 'infinity'::timestamptz WHEN h.less THEN h.h + interval '1 hour' ELSE h.h END AS b
          FROM (SELECT g.*, NOT g.open AND g.a <= g.h AND least(g.h + interval '1 hour', now()) - $2::timestamptz < $2::timestamptz - g.h AS less
                FROM (SELECT CASE WHEN report_hour($1::timestamptz) = $1::timestamptz THEN $1::timestamptz ELSE report_hour($1::timestamptz) + interval '1 hour' END AS a,
                             report_hour($2::timestamptz) AS h, $2::timestamptz >= now() AS open) g) h) x
    -- the first midnight at or after a, the last at or before b
    CROSS JOIN LATERAL (SELECT CASE WHEN report_day(x.a) = x.a THEN x.a ELSE report_next_day(x.a) END AS da,
                               CASE WHEN x.b = 'infinity' THEN x.b ELSE report_day(x.b) END AS db) y
  ), period_rows AS (
    ${rollupRows(figures, { lo: bound('a'), d1: bound('d1'), d2: bound('d2'), hi: bound('b') })}
    UNION ALL
    ${edges.join('\n    UNION ALL\n    ')}
  )`;
}

const SERIES_STARTS = defineStatement('reporting', 'seriesStarts', ['from: timestamptz', 'to: timestamptz', 'unit: text (hour, day, week, month)', 'timeZone: text'], `
  SELECT s AT TIME ZONE $4 AS start
  FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE $4), $2::timestamptz AT TIME ZONE $4, ('1 ' || $3)::interval) s
  WHERE s AT TIME ZONE $4 < $2 LIMIT ${MAX_BUCKETS + 1}
`);

const seriesText = (days: boolean) => `
  WITH ${periodCtes(PERIOD_FIGURES, days)}
  SELECT date_trunc($3, bucket AT TIME ZONE $4) AT TIME ZONE $4 AS key, ${sums(PERIOD_FIGURES)} FROM period_rows GROUP BY 1
`;
const SERIES_PARAMS = ['from: timestamptz', 'to: timestamptz', 'unit: text (day, week or month)', 'timeZone: text'];
/** Figures per day, week or month: whole days read from `report_daily`. */
const SERIES = defineStatement('reporting', 'series', SERIES_PARAMS, seriesText(true));
/** Figures per hour: hours only. */
const SERIES_HOURLY = defineStatement('reporting', 'seriesHourly', ['from: timestamptz', 'to: timestamptz', "unit: text ('hour')", 'timeZone: text'], seriesText(false));

/** Where percentileCtes reads the values of one bucket: the rows `v` of `table` with `where`. */
interface PercentileValues {
  table: string;
  /** A row's value, and its bucket (the expression `counts` buckets by, over `v`'s columns). */
  value: string;
  bucket: string;
  where: string;
}

/**
 * CTEs for exact `percentile_cont` values of a histogram's values, reading only the buckets
 * that hold the ranks wanted, not every value (each a duration's bucket, monotonic in it):
 * - `<p>h`: the net count per bucket (`counts`: rows of `bucket` and `n`, signed) and the count
 *   before it;
 * - `<p>r`: per fraction f, the ranks `percentile_cont` interpolates between, floor and ceil of
 *   f·(n − 1), and the fraction between them; `<p>k`: each rank and the bucket that holds it;
 * - `<p>b`: each of those buckets and its values in order (`values`' rows in that bucket, read
 *   once into an ordered array); `<p>v`: the value at each rank;
 * - `<p>`: one row, a column per fraction (null when there is no value).
 * The interpolation is `percentile_cont`'s own arithmetic, so each figure is the same float.
 */
function percentileCtes(p: string, counts: string, values: PercentileValues, fractions: Record<string, number>): string {
  const f = (fraction: number) => `${fraction}::float8`;
  return `${p}h AS MATERIALIZED (
    SELECT bucket, sum(n)::bigint AS n, (sum(sum(n)) OVER (ORDER BY bucket) - sum(n))::bigint AS before, (sum(sum(n)) OVER ())::bigint AS total
    FROM (
      ${counts}
    ) h
    GROUP BY bucket HAVING sum(n) > 0
  ), ${p}r AS MATERIALIZED (
    SELECT p.f, floor(p.f * (t.total - 1))::bigint AS k1, ceil(p.f * (t.total - 1))::bigint AS k2, p.f * (t.total - 1) - floor(p.f * (t.total - 1)) AS frac
    FROM (SELECT max(total) AS total FROM ${p}h) t CROSS JOIN (VALUES ${Object.values(fractions).map((fraction) => `(${f(fraction)})`).join(', ')}) p(f)
    WHERE t.total > 0
  ), ${p}k AS MATERIALIZED (
    SELECT r.k, h.bucket, h.before
    FROM (SELECT k1 AS k FROM ${p}r UNION SELECT k2 FROM ${p}r) r JOIN ${p}h h ON r.k >= h.before AND r.k < h.before + h.n
  ), ${p}b AS MATERIALIZED (
    SELECT b.bucket, (SELECT array_agg(${values.value} ORDER BY ${values.value})
       FROM ${values.table} v
       WHERE ${values.bucket} = b.bucket AND ${values.where}) AS vals
    FROM (SELECT DISTINCT bucket FROM ${p}k) b
  ), ${p}v AS MATERIALIZED (
    SELECT k.k, b.vals[(k.k - k.before + 1)::int] AS val FROM ${p}k k JOIN ${p}b b USING (bucket)
  ), ${p} AS (
    SELECT ${Object.entries(fractions)
      .map(([name, fraction]) => `max(lo.val + (hi.val - lo.val) * r.frac) FILTER (WHERE r.f = ${f(fraction)}) AS ${name}`)
      .join(',\n           ')}
    FROM ${p}r r JOIN ${p}v lo ON lo.k = r.k1 JOIN ${p}v hi ON hi.k = r.k2
  )`;
}

/**
 * CTEs for the exact `percentile_cont` 0.5 and 0.9 of the hours from request to payment of the
 * withdrawals paid in [$1, $2), as `w` (median, p90; null when none), from the histogram (see
 * the WithdrawalDurations migration) and percentileCtes.
 * - `wd`: the whole days [d1, d2) the histogram answers (d2 is +∞ when $2 is now or later), and
 *   two edge ranges counted from the withdrawals with a sign. At each end the cheaper of two
 *   exact ways is taken: add the partial day from the withdrawals, or take the whole day from
 *   the histogram and subtract its other part (at most half a day either way, and a period that
 *   ends a moment before now subtracts that moment; nothing at an open end). A period within
 *   one day that ends before now is read from the withdrawals.
 * - the values of a bucket are read once through `withdrawals_duration_bucket_idx`.
 */
const WITHDRAWAL_PERCENTILES_CTES = `wd AS MATERIALIZED (
    SELECT CASE WHEN direct THEN $1::timestamptz WHEN start_sub THEN s0 ELSE s1 END AS d1,
           CASE WHEN direct THEN $1::timestamptz WHEN open THEN 'infinity'::timestamptz WHEN end_add THEN e0 ELSE e1 END AS d2,
           CASE WHEN start_sub AND NOT direct THEN s0 ELSE $1::timestamptz END AS a_lo,
           CASE WHEN direct THEN $2::timestamptz WHEN start_sub THEN $1::timestamptz ELSE s1 END AS a_hi,
           CASE WHEN start_sub AND NOT direct THEN -1 ELSE 1 END AS a_sign,
           -- empty when direct, as then e0 <= s0
           CASE WHEN open OR e0 <= s0 THEN $1::timestamptz WHEN end_add THEN e0 ELSE $2::timestamptz END AS b_lo,
           CASE WHEN open OR e0 <= s0 THEN $1::timestamptz WHEN end_add THEN $2::timestamptz ELSE e1 END AS b_hi,
           CASE WHEN end_add THEN 1 ELSE -1 END AS b_sign
    FROM (SELECT report_day($1::timestamptz) AS s0, report_next_day($1::timestamptz) AS s1,
                 report_day($2::timestamptz) AS e0, report_next_day($2::timestamptz) AS e1,
                 $2::timestamptz >= now() AS open) x
    -- what each way reads: nothing is paid after now, so a part that ends later ends at now
    CROSS JOIN LATERAL (SELECT $1::timestamptz - s0 < least(s1, greatest(now(), $1::timestamptz)) - $1::timestamptz AS start_sub,
                               $2::timestamptz - e0 <= least(e1, greatest(now(), $2::timestamptz)) - $2::timestamptz AS end_add,
                               $2::timestamptz <= $1::timestamptz OR (NOT open AND e0 <= s0) AS direct) c
  ), ${percentileCtes(
    'w',
    `SELECT r.bucket, r.withdrawals AS n FROM report_withdrawal_durations r WHERE r.day >= (SELECT d1 FROM wd) AND r.day < (SELECT d2 FROM wd)
      UNION ALL
      SELECT withdrawal_duration_bucket(paid_at, created_at), (SELECT a_sign FROM wd) FROM withdrawals
      WHERE paid_at >= (SELECT a_lo FROM wd) AND paid_at < (SELECT a_hi FROM wd)
      UNION ALL
      SELECT withdrawal_duration_bucket(paid_at, created_at), (SELECT b_sign FROM wd) FROM withdrawals
      WHERE paid_at >= (SELECT b_lo FROM wd) AND paid_at < (SELECT b_hi FROM wd)`,
    {
      table: 'withdrawals',
      value: 'extract(epoch FROM v.paid_at - v.created_at)::float8 / 3600',
      bucket: 'withdrawal_duration_bucket(v.paid_at, v.created_at)',
      where: 'v.paid_at >= $1::timestamptz AND v.paid_at < $2::timestamptz',
    },
    { median: 0.5, p90: 0.9 },
  )}`;

/**
 * Distinct level-1 beneficiaries with a commission in [$1, $2). For a period that ends within
 * the last day: those whose latest level-1 commission is at or after $1 (`referrers_last` over
 * the whole hours from `a`, plus the first partial hour from the commissions index), less those
 * whose commissions since $1 all fall in [$2, now] (a scan of at most a day of commissions). An
 * older period is counted from its own commissions (cost grows with the period's sales). The
 * withdrawal percentiles: WITHDRAWAL_PERCENTILES_CTES.
 */
const KPIS = defineStatement('reporting', 'kpis', ['from: timestamptz', 'to: timestamptz'], `
  WITH ${periodCtes(KPI_FIGURES, true)}, period AS (
    SELECT ${sums(KPI_FIGURES)} FROM period_rows
  ), ${WITHDRAWAL_PERCENTILES_CTES}
  SELECT period.*,
    CASE WHEN $2::timestamptz >= now() - interval '1 day' AND $2::timestamptz >= (SELECT a FROM bounds) THEN
      (SELECT coalesce(sum(referrers_last), 0) FROM (
         ${rollupRows(['referrers_last'], { lo: '(SELECT a FROM bounds)', d1: '(SELECT da FROM bounds)', d2: "'infinity'::timestamptz", hi: "'infinity'::timestamptz" })}) l)
      + (SELECT count(DISTINCT c.beneficiary_id) FROM commissions c
         WHERE c.level = 1 AND c.created_at >= (SELECT lo1 FROM bounds) AND c.created_at < (SELECT a FROM bounds)
           AND NOT EXISTS (SELECT 1 FROM commissions d WHERE d.beneficiary_id = c.beneficiary_id AND d.level = 1 AND d.created_at >= (SELECT a FROM bounds) AND d.created_at <= now() OFFSET 0))
      - (SELECT count(DISTINCT c.beneficiary_id) FROM commissions c
         WHERE c.level = 1 AND c.created_at >= (SELECT p_to FROM bounds) AND c.created_at <= now()
           AND NOT EXISTS (SELECT 1 FROM commissions d WHERE d.beneficiary_id = c.beneficiary_id AND d.level = 1 AND d.created_at >= (SELECT lo1 FROM bounds) AND d.created_at < (SELECT p_to FROM bounds) OFFSET 0))
    ELSE
      (SELECT count(DISTINCT beneficiary_id) FROM commissions WHERE level = 1 AND created_at >= (SELECT lo1 FROM bounds) AND created_at < (SELECT p_to FROM bounds))
    END::int AS active_referrers,
    w.median, w.p90
  FROM period, w
`);

/**
 * Stale: PENDING and created before now − $3 minutes: the period's pending minus those created
 * since that cutoff (a range of at most $3 minutes in the pending-orders index). The median
 * time to pay (`m`) from the histogram of the paid orders' durations by creation hour (see the
 * PaymentDurations migration) and percentileCtes: the period's whole hours [a, b) from
 * `report_payment_durations`, the payments not yet folded created in them (the tail, through
 * `orders_paid_at_idx`), and the sub-hour edges from the orders with periodCtes' signs (through
 * the covering `orders (created_at) INCLUDE (paid_at)`); then only the buckets holding the
 * middle ranks are read, the period's orders in each through `orders_duration_bucket_idx`.
 * Bounds as lo1, p_to, a, b from `bounds` (see periodCtes).
 */
const PAYMENT_MONITORING = defineStatement('reporting', 'paymentMonitoring', ['from: timestamptz', 'to: timestamptz', 'staleAfterMinutes: int'], `
  WITH ${periodCtes(MONITORING_FIGURES, true)}, ${percentileCtes(
    'm',
    `SELECT r.bucket, r.orders AS n FROM report_payment_durations r WHERE r.hour >= (SELECT a FROM bounds) AND r.hour < (SELECT b FROM bounds)
      UNION ALL
      -- the tail by its payments (OFFSET 0: the generic plan read the period's orders instead)
      SELECT payment_duration_bucket(o.paid_at, o.created_at), 1
      FROM (SELECT paid_at, created_at FROM orders WHERE paid_at >= ${FOLDED_TO} AND paid_at < 'infinity'::timestamptz OFFSET 0) o
      WHERE o.created_at >= (SELECT a FROM bounds) AND o.created_at < (SELECT b FROM bounds)
      UNION ALL
      -- the edges: [lo1, hi1) ends at a at the latest, [lo2, hi2) takes sign2 (see periodCtes)
      SELECT payment_duration_bucket(paid_at, created_at), 1 FROM orders
      WHERE created_at >= (SELECT lo1 FROM bounds) AND created_at < (SELECT hi1 FROM bounds) AND paid_at IS NOT NULL
      UNION ALL
      SELECT payment_duration_bucket(paid_at, created_at), (SELECT sign2 FROM bounds) FROM orders
      WHERE created_at >= (SELECT lo2 FROM bounds) AND created_at < (SELECT hi2 FROM bounds) AND paid_at IS NOT NULL`,
    {
      table: 'orders',
      value: 'extract(epoch FROM v.paid_at - v.created_at)::float8',
      bucket: 'payment_duration_bucket(v.paid_at, v.created_at)',
      where: 'v.paid_at IS NOT NULL AND v.created_at >= $1::timestamptz AND v.created_at < $2::timestamptz',
    },
    { median: 0.5 },
  )}
  SELECT ${sums(MONITORING_FIGURES)},
    (SELECT count(*) FROM orders WHERE status = 'PENDING'
       AND created_at >= (SELECT greatest(lo1, now() - make_interval(mins => $3)) FROM bounds) AND created_at < (SELECT p_to FROM bounds))::int AS fresh,
    (SELECT median FROM m) AS median
  FROM period_rows
`);

const DASHBOARD_FIGURES = [...PERIOD_FIGURES, ...LIABILITY_FIGURES];
/**
 * Today and yesterday from the rollups' hours since yesterday's midnight (bounded on both sides,
 * so the generic plan reads them by index), everything from the day rows plus the unfolded
 * shards; both with the payments not yet folded (`tail`).
 */
const DASHBOARD = defineStatement('reporting', 'dashboard', ['timeZone: text'], `
  WITH tail AS MATERIALIZED (${paymentTail(DASHBOARD_FIGURES)}), d AS MATERIALIZED (
    SELECT now() AS as_of, date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS today,
           (date_trunc('day', now() AT TIME ZONE $1) - interval '1 day') AT TIME ZONE $1 AS yesterday
  )
  SELECT d.as_of, d.today, d.yesterday, (SELECT min(bucket) FROM report_hourly) AS first, recent.*, overall.*
  FROM d,
    LATERAL (SELECT ${DASHBOARD_FIGURES.map((figure) => `sum(r.${figure}) FILTER (WHERE r.bucket >= d.today)::bigint AS today_${figure}, sum(r.${figure}) FILTER (WHERE r.bucket < d.today)::bigint AS yesterday_${figure}`).join(',\n      ')}
             FROM (SELECT r.bucket, ${list(DASHBOARD_FIGURES, 'r')} FROM report_hourly r WHERE r.bucket >= d.yesterday AND r.bucket <= d.as_of
                   UNION ALL
                   SELECT t.bucket, ${list(DASHBOARD_FIGURES, 't')} FROM tail t WHERE t.bucket >= d.yesterday AND t.bucket <= d.as_of) r) recent,
    (SELECT ${sums(DASHBOARD_FIGURES, 'overall_')} FROM (
       SELECT ${DASHBOARD_FIGURES.join(', ')} FROM report_daily
       UNION ALL
       SELECT ${DASHBOARD_FIGURES.join(', ')} FROM report_hourly WHERE shard <> 0
       UNION ALL
       SELECT ${DASHBOARD_FIGURES.join(', ')} FROM tail) a) overall
`);

/** The figures of `TOTALS`: one per user and per order, written when the row is created. */
const TOTAL_FIGURES = ['new_users', 'orders_created'] as const satisfies readonly Figure[];
/**
 * Every user and every order there is, as the rollups' sums over all time (the day rows and the
 * hours' unfolded shards, as the dashboard's overall figures): the same count as `count(*)` of
 * either table in the same snapshot, read from a few hundred rows instead of every user or order
 * (the Orders list's count took 0.25 s at 3,000,000 orders). A payment changes neither figure, so
 * no payment tail is added.
 */
const TOTALS = defineStatement('reporting', 'totals', [], `
  SELECT ${sums(TOTAL_FIGURES)} FROM (
    SELECT ${TOTAL_FIGURES.join(', ')} FROM report_daily
    UNION ALL
    SELECT ${TOTAL_FIGURES.join(', ')} FROM report_hourly WHERE shard <> 0) a
`);

const differs = FIGURES.map((figure) => `coalesce(s.${figure}, 0) <> coalesce(r.${figure}, 0)`).join(' OR ');
const unpivot = (left: string, right: string) => FIGURES.map((figure) => `('${figure}', coalesce(${left}.${figure}, 0), coalesce(${right}.${figure}, 0))`).join(', ');

/**
 * Every figure the reports hold, against the same figure recomputed from the source tables, in
 * one statement (one snapshot): per hour bucket (the rollups with the payments not yet folded);
 * per day, `report_daily` against its day's compacted hours (figure `daily:<figure>`); the
 * liabilities against Σ wallets; the conversion markers (`converted_users_set`: the users with a
 * folded payment); the withdrawal duration histogram per day and bucket (figure
 * `withdrawal_durations:<bucket>`); and the folded payments' durations per creation hour and
 * bucket (figure `payment_durations:<bucket>`).
 */
const RECONCILE = defineStatement('reporting', 'reconcile', [], `
  WITH s AS (${sourceFiguresSql()}),
       tail AS MATERIALIZED (${paymentTail()}),
       r AS (SELECT bucket, ${sums(FIGURES)} FROM (SELECT bucket, ${FIGURES.join(', ')} FROM report_hourly UNION ALL SELECT * FROM tail) x GROUP BY bucket),
       h0 AS (SELECT report_day(bucket) AS day, ${sums(FIGURES)} FROM report_hourly WHERE shard = 0 GROUP BY 1),
       w AS (SELECT coalesce(sum(pending), 0) AS pending, coalesce(sum(available), 0) AS available, coalesce(sum(locked), 0) AS locked FROM wallets),
       rt AS (SELECT coalesce(sum(commissions_pending), 0) AS pending,
                     coalesce(sum(commissions_available - withdrawals_open - withdrawals_withdrawn), 0) AS available,
                     coalesce(sum(withdrawals_open), 0) AS locked FROM r),
       -- the users whose marker is wrong, missing or extra: those with a folded payment
       conv AS (SELECT count(*) AS n
                FROM (SELECT DISTINCT user_id FROM orders WHERE paid_at < ${FOLDED_TO}) o
                FULL JOIN report_converted_users c ON c.user_id = o.user_id
                WHERE o.user_id IS NULL OR c.user_id IS NULL)
  (SELECT v.figure, NULL::timestamptz AS bucket, v.expected::float8 AS expected, v.actual::float8 AS actual
   FROM w, rt, conv
   CROSS JOIN LATERAL (VALUES ('liabilities_pending', w.pending, rt.pending), ('liabilities_available', w.available, rt.available),
                              ('liabilities_locked', w.locked, rt.locked), ('converted_users_set', 0, conv.n)) v(figure, expected, actual)
   WHERE v.expected <> v.actual)
  UNION ALL
  (SELECT v.figure, coalesce(s.bucket, r.bucket) AS bucket, v.expected::float8, v.actual::float8
   FROM s FULL JOIN r ON r.bucket = s.bucket
   CROSS JOIN LATERAL (VALUES ${unpivot('s', 'r')}) v(figure, expected, actual)
   WHERE (${differs}) AND v.expected <> v.actual
   ORDER BY 2, 1 LIMIT ${MAX_DRIFT_ENTRIES})
  UNION ALL
  (SELECT 'daily:' || v.figure, coalesce(h0.day, dd.day), v.expected::float8, v.actual::float8
   FROM h0 FULL JOIN report_daily dd ON dd.day = h0.day
   CROSS JOIN LATERAL (VALUES ${unpivot('h0', 'dd')}) v(figure, expected, actual)
   WHERE v.expected <> v.actual
   ORDER BY 2, 1 LIMIT ${MAX_DRIFT_ENTRIES})
  UNION ALL
  (SELECT 'withdrawal_durations:' || coalesce(s.bucket, t.bucket), coalesce(s.day, t.day), coalesce(s.n, 0)::float8, coalesce(t.n, 0)::float8
   FROM (SELECT report_day(paid_at) AS day, withdrawal_duration_bucket(paid_at, created_at) AS bucket, count(*) AS n
         FROM withdrawals WHERE paid_at IS NOT NULL GROUP BY 1, 2) s
   FULL JOIN (SELECT day, bucket, sum(withdrawals) AS n FROM report_withdrawal_durations GROUP BY 1, 2) t ON t.day = s.day AND t.bucket = s.bucket
   WHERE coalesce(s.n, 0) <> coalesce(t.n, 0)
   ORDER BY 2, 1 LIMIT ${MAX_DRIFT_ENTRIES})
  UNION ALL
  (SELECT 'payment_durations:' || coalesce(s.bucket, t.bucket), coalesce(s.hour, t.hour), coalesce(s.n, 0)::float8, coalesce(t.orders, 0)::float8
   FROM (${paymentDurationsSql(`paid_at < ${FOLDED_TO}`)}) s
   FULL JOIN report_payment_durations t ON t.hour = s.hour AND t.bucket = s.bucket
   WHERE coalesce(s.n, 0) <> coalesce(t.orders, 0)
   ORDER BY 2, 1 LIMIT ${MAX_DRIFT_ENTRIES})
`);

const LOCK_REBUILD = defineStatement('reporting', 'lockRebuild', [], `SELECT pg_advisory_xact_lock(${REBUILD_LOCK_KEY})`);
const LOCK_SOURCE_TABLES = defineStatement('reporting', 'lockSourceTables', [], `LOCK TABLE ${SOURCE_TABLES} IN SHARE MODE`);
const TRUNCATE_ROLLUPS = defineStatement('reporting', 'truncateRollups', [], `
  TRUNCATE report_hourly, report_daily, report_converted_users, report_withdrawal_durations, report_payment_durations
`);
const REBUILD_WITHDRAWAL_DURATIONS = defineStatement('reporting', 'rebuildWithdrawalDurations', [], `
  INSERT INTO report_withdrawal_durations (day, bucket, shard, withdrawals)
  SELECT report_day(paid_at), withdrawal_duration_bucket(paid_at, created_at), 0, count(*) FROM withdrawals WHERE paid_at IS NOT NULL GROUP BY 1, 2
`);
/** After REBUILD_FOLDED_TO: the payments before the fold's position (the tail counts the others). */
const REBUILD_PAYMENT_DURATIONS = defineStatement('reporting', 'rebuildPaymentDurations', [], `
  INSERT INTO report_payment_durations (hour, bucket, orders) ${paymentDurationsSql(`paid_at < ${FOLDED_TO}`)} ORDER BY 1, 2
`);
/**
 * Where the fold may reach now: every transaction that started before it has ended (the first
 * start among the other open transactions of this database, or a second ago when none is
 * older). `now()` — a payment's `paid_at` — is its transaction's start, which
 * `pg_stat_activity.xact_start` shows from before its first statement runs until after its
 * commit is visible; the second covers the moment between a transaction taking its start time
 * and publishing it. A statement that reads orders after this one (a later snapshot) thus sees
 * every payment made before the horizon. The application's sessions must share a role (or hold
 * pg_read_all_stats) to see each other's `xact_start`.
 */
const HORIZON = `(SELECT least(clock_timestamp() - interval '1 second', min(xact_start)) FROM pg_stat_activity
   WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid())`;
/**
 * Drops this transaction's copy of pg_stat_activity (taken at its first read and kept to the
 * end of the transaction), so the horizon read next is of now.
 */
const FRESH_ACTIVITY = defineStatement('reporting', 'freshActivity', [], `SELECT pg_stat_clear_snapshot()`);
/** The fold's position, its row locked: one fold, rebuild or time zone change at a time. */
const LOCK_FOLD = defineStatement('reporting', 'lockFold', [], `SELECT payments_folded_to AS "foldedTo" FROM report_config FOR UPDATE`);
const REBUILD_FOLDED_TO = defineStatement('reporting', 'rebuildFoldedTo', [], `UPDATE report_config SET payments_folded_to = ${HORIZON}`);
/** The users with a payment before the fold's position (the tail counts the others' first). */
const REBUILD_CONVERTED = defineStatement('reporting', 'rebuildConvertedUsers', [], `
  INSERT INTO report_converted_users (user_id) SELECT DISTINCT user_id FROM orders WHERE paid_at < ${FOLDED_TO}
`);
/** Every figure from the source tables, less the payments the tail adds (after the fold's position). */
const REBUILD_HOURLY = defineStatement('reporting', 'rebuildHourly', [], `
  INSERT INTO report_hourly (bucket, shard, ${FIGURES.join(', ')})
  SELECT bucket, 0, ${sums(FIGURES)} FROM (
    SELECT bucket, ${FIGURES.join(', ')} FROM (${sourceFiguresSql()}) s
    UNION ALL
    SELECT bucket, ${FIGURES.map((figure) => `-${figure}`).join(', ')} FROM (${paymentTail()}) t
  ) x GROUP BY bucket HAVING ${FIGURES.map((figure) => `sum(${figure}) <> 0`).join(' OR ')}
`);

/**
 * Moves the payments made in [payments_folded_to, horizon $1) from the tail into this session's
 * shard of the rollups, with their buyers' conversion markers, and advances the position to
 * $1, in one statement: a report sees them in the tail or in the rollups, never both or
 * neither. (The markers written here are invisible to the deltas read in the same statement,
 * which count a buyer's first folded payment as a conversion once.)
 */
const FOLD_PAYMENTS = defineStatement('reporting', 'foldPayments', ['horizon: timestamptz'], `
  WITH deltas AS MATERIALIZED (
    SELECT bucket, ${sums(FIGURES)} FROM (${paymentDeltasSql(FOLDED_TO, '$1::timestamptz')}) d GROUP BY bucket
  ), markers AS (
    INSERT INTO report_converted_users (user_id)
    SELECT DISTINCT user_id FROM orders WHERE paid_at >= ${FOLDED_TO} AND paid_at < $1::timestamptz
    ON CONFLICT DO NOTHING
  ), durations AS (
    INSERT INTO report_payment_durations AS r (hour, bucket, orders)
    SELECT hour, bucket, n FROM (${paymentDurationsSql(`paid_at >= ${FOLDED_TO} AND paid_at < $1::timestamptz`)}) d ORDER BY hour, bucket
    ON CONFLICT (hour, bucket) DO UPDATE SET orders = r.orders + excluded.orders
  ), applied AS (
    ${applyDeltasSql('SELECT * FROM deltas')}
  ), moved AS (
    UPDATE report_config SET payments_folded_to = $1::timestamptz RETURNING 1
  )
  SELECT (SELECT count(*)::int FROM moved) AS moved, (SELECT coalesce(sum(paid_orders), 0)::int FROM deltas) AS payments
`);
const FOLD_HORIZON = defineStatement('reporting', 'foldHorizon', [], `SELECT ${HORIZON} AS horizon`);
/** The rollups' statistics: their shapes change completely with a rebuild (the unfolded-shard index must look selective). */
const ANALYZE_ROLLUPS = defineStatement('reporting', 'analyzeRollups', [], `ANALYZE report_hourly, report_daily, report_withdrawal_durations, report_payment_durations`);
const REBUILD_DAILY = defineStatement('reporting', 'rebuildDaily', [], `
  INSERT INTO report_daily (day, ${FIGURES.join(', ')}) SELECT report_day(bucket), ${FIGURES.map((figure) => `sum(${figure})`).join(', ')}
  FROM report_hourly WHERE shard = 0 GROUP BY 1
`);

/**
 * Folds the shards of hours that closed more than an hour ago into shard 0, and adds them to
 * their day's `report_daily` row, and the withdrawal duration histogram's shards of closed days
 * into its shard 0, in one statement (exact at every moment).
 */
const COMPACT = defineStatement('reporting', 'compact', [], `
  WITH moved AS (
    DELETE FROM report_hourly WHERE (bucket, shard) IN (
      -- rows a live transaction is writing are left for the next run: compaction never waits
      -- for a writer, so it cannot deadlock with one
      SELECT bucket, shard FROM report_hourly WHERE shard <> 0 AND bucket < report_hour(now()) - interval '1 hour' FOR UPDATE SKIP LOCKED
    ) RETURNING *
  ), inserted AS (
    INSERT INTO report_hourly AS r (bucket, shard, ${FIGURES.join(', ')})
    SELECT bucket, 0, ${FIGURES.map((figure) => `sum(${figure})`).join(', ')} FROM moved GROUP BY bucket
    ON CONFLICT (bucket, shard) DO UPDATE SET ${FIGURES.map((figure) => `${figure} = r.${figure} + excluded.${figure}`).join(', ')}
  ), daily AS (
    INSERT INTO report_daily AS r (day, ${FIGURES.join(', ')})
    SELECT report_day(bucket), ${FIGURES.map((figure) => `sum(${figure})`).join(', ')} FROM moved GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET ${FIGURES.map((figure) => `${figure} = r.${figure} + excluded.${figure}`).join(', ')}
  ), durations_moved AS (
    DELETE FROM report_withdrawal_durations WHERE (day, bucket, shard) IN (
      SELECT day, bucket, shard FROM report_withdrawal_durations WHERE shard <> 0 AND day < report_day(now()) FOR UPDATE SKIP LOCKED
    ) RETURNING *
  ), durations_folded AS (
    INSERT INTO report_withdrawal_durations AS r (day, bucket, shard, withdrawals)
    SELECT day, bucket, 0, sum(withdrawals) FROM durations_moved GROUP BY 1, 2
    ON CONFLICT (day, bucket, shard) DO UPDATE SET withdrawals = r.withdrawals + excluded.withdrawals
  )
  SELECT (SELECT count(*)::int FROM moved) + (SELECT count(*)::int FROM durations_moved) AS moved
`);

const TIME_ZONE = defineStatement('reporting', 'timeZone', [], `SELECT time_zone FROM report_config`);
const TIME_ZONE_FOR_UPDATE = defineStatement('reporting', 'timeZoneForUpdate', [], `SELECT time_zone FROM report_config FOR UPDATE`);
/** Redefines report_hour and report_day for the zone and records it (see the ReportingDaily migration). */
const SET_TIME_ZONE = defineStatement('reporting', 'setTimeZone', ['zone: text (IANA)'], `SELECT report_set_time_zone($1)`);

/**
 * How a report is planned, for the rest of its transaction:
 * - JIT off. The reports' estimated costs pass jit_above_cost at full size (the estimates of a
 *   generic plan's edge scans grow with the tables), and compiling ~270 functions took 5.8 s of
 *   a 6 s KPIs call at 1,000,000 users (94 ms without).
 * - The generic plan, always. Each report reads its bounds from its `bounds` CTE, so the
 *   generic plan is the one it is written for; left to choose, PostgreSQL compares it with the
 *   average cost of the session's earlier custom plans, and a pooled session that first ran on
 *   a small database went on planning afresh on every call after the data grew (~3 ms each).
 * - No parallel workers: a report reads a few thousand rows by index; the generic plan's
 *   estimate for the payment tail (~0.5% of the orders) made parallel plans look cheaper, and
 *   starting workers costs more than such a read. The fold runs with the same settings (at
 *   1,000,000 users JIT compiled its statement for ~0.9 s of every second).
 */
export const REPORT_SETTINGS = { jit: 'off', plan_cache_mode: 'force_generic_plan', max_parallel_workers_per_gather: '0' } as const;
const REPORT_PLANNING = defineStatement('reporting', 'planning', [], `
  SELECT ${Object.entries(REPORT_SETTINGS).map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}
`);

export type DashboardRow = Record<string, any> & { as_of: Date; today: Date; yesterday: Date; first: Date | null };
export type KpisRow = FigureRow & { active_referrers: number; median: number | null; p90: number | null };
export type MonitoringRow = FigureRow & { fresh: number; median: number | null };

/** The reports' statements: reads of the rollups and their maintenance (rebuild, compaction, time zone). */
@Injectable()
export class ReportingRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Today, yesterday (by the rollups' hours) and overall, `today_`, `yesterday_`, `overall_` prefixed figures. */
  async dashboard(timeZone: string): Promise<DashboardRow> {
    return this.planned(async () => (await this.transactions.row<DashboardRow>(DASHBOARD, [timeZone]))!);
  }

  /** The starts of the series' buckets (at most MAX_BUCKETS + 1). */
  seriesStarts(from: Date, to: Date, unit: string, timeZone: string): Promise<{ start: Date }[]> {
    return this.transactions.rows(SERIES_STARTS, [from, to, unit, timeZone]);
  }

  /** Figures per bucket start (`key`), buckets without rows absent. */
  series(from: Date, to: Date, unit: string, timeZone: string): Promise<(FigureRow & { key: Date })[]> {
    return this.planned(() => this.transactions.rows(unit === 'hour' ? SERIES_HOURLY : SERIES, [from, to, unit, timeZone]));
  }

  async kpis(from: Date, to: Date): Promise<KpisRow> {
    return this.planned(async () => (await this.transactions.row<KpisRow>(KPIS, [from, to]))!);
  }

  async paymentMonitoring(from: Date, to: Date, staleAfterMinutes: number): Promise<MonitoringRow> {
    return this.planned(async () => (await this.transactions.row<MonitoringRow>(PAYMENT_MONITORING, [from, to, staleAfterMinutes]))!);
  }

  /** How many users and orders exist (see TOTALS). */
  async totals(): Promise<{ users: number; orders: number }> {
    const row = await this.transactions.row<Record<(typeof TOTAL_FIGURES)[number], string | number | null>>(TOTALS, []);
    return { users: Number(row?.new_users ?? 0), orders: Number(row?.orders_created ?? 0) };
  }

  /** PENDING orders created more than staleAfterMinutes ago, oldest first. */
  stalePendingOrders(staleAfterMinutes: number, limit: number): Promise<Order[]> {
    return this.transactions.manager
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status = :status AND o.created_at < now() - make_interval(mins => :minutes)`, { status: OrderStatus.PENDING, minutes: staleAfterMinutes })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Orders whose payment failed (failedAt in [from, to) when given), latest first. */
  recentFailedPayments(from: Date | undefined, to: Date | undefined, limit: number): Promise<Order[]> {
    const query = this.transactions.manager.getRepository(Order).createQueryBuilder('o').where('o.failed_at IS NOT NULL');
    if (from) query.andWhere('o.failed_at >= :from', { from });
    if (to) query.andWhere('o.failed_at < :to', { to });
    return query.orderBy('o.failed_at', 'DESC').addOrderBy('o.id', 'DESC').limit(limit).getMany();
  }

  /** Drift between the rollups and the source tables (empty when exact), in one snapshot. */
  reconcile(): Promise<ReportDrift[]> {
    return this.transactions.rows<ReportDrift>(RECONCILE, []);
  }

  /**
   * Recomputes every rollup from the source tables with writes to them held off meanwhile (so
   * the result is exact). Call inside a transaction.
   */
  async rebuild(): Promise<void> {
    for (const statement of [
      LOCK_REBUILD,
      LOCK_SOURCE_TABLES,
      LOCK_FOLD,
      TRUNCATE_ROLLUPS,
      FRESH_ACTIVITY,
      REBUILD_FOLDED_TO,
      REBUILD_CONVERTED,
      REBUILD_HOURLY,
      REBUILD_DAILY,
      REBUILD_WITHDRAWAL_DURATIONS,
      REBUILD_PAYMENT_DURATIONS,
      ANALYZE_ROLLUPS,
    ]) {
      await this.transactions.execute(statement, []);
    }
  }

  /**
   * Folds the payments made before the horizon into the rollups (call inside a transaction):
   * the position's row is locked first, then the horizon read, then the payments folded, each
   * statement with a later snapshot than the one before. Returns the position reached and how
   * many payments moved (none when the horizon is not past the position).
   */
  async foldPayments(): Promise<{ foldedTo: Date; payments: number }> {
    await this.transactions.execute(REPORT_PLANNING, []);
    const { foldedTo } = (await this.transactions.row<{ foldedTo: Date }>(LOCK_FOLD, []))!;
    await this.transactions.execute(FRESH_ACTIVITY, []);
    const { horizon } = (await this.transactions.row<{ horizon: Date }>(FOLD_HORIZON, []))!;
    if (horizon.getTime() <= foldedTo.getTime()) return { foldedTo, payments: 0 };
    const { payments } = (await this.transactions.row<{ payments: number }>(FOLD_PAYMENTS, [horizon]))!;
    return { foldedTo: horizon, payments };
  }

  /** Folds closed hours' shards into shard 0 and their days; returns how many rows moved. */
  async compact(): Promise<number> {
    return (await this.transactions.row<{ moved: number }>(COMPACT, []))!.moved;
  }

  async timeZone(): Promise<string | undefined> {
    return (await this.transactions.row<{ time_zone: string }>(TIME_ZONE, []))?.time_zone;
  }

  /** The recorded zone, its row locked and the rebuild lock held (call inside a transaction). */
  async lockTimeZone(): Promise<string | undefined> {
    await this.transactions.execute(LOCK_REBUILD, []);
    return (await this.transactions.row<{ time_zone: string }>(TIME_ZONE_FOR_UPDATE, []))?.time_zone;
  }

  async setTimeZone(zone: string): Promise<void> {
    await this.transactions.execute(SET_TIME_ZONE, [zone]);
  }

  /** `work` in a transaction (the caller's, if open): one report statement, planned as REPORT_PLANNING says. */
  private planned<T>(work: () => Promise<T>): Promise<T> {
    return this.transactions.run(async () => {
      await this.transactions.execute(REPORT_PLANNING, []);
      return work();
    });
  }
}
