/**
 * The figures the reports are made of, and the SQL that derives them from a set of source rows.
 *
 * Every figure is a sum over events, and every event has a time: a user's registration, an
 * order's payment, refund, failure or creation, a withdrawal's payment or request, a
 * commission's creation. `report_hourly` keeps those sums per hour of the reporting time zone
 * (plus a shard, see the migration), so a report is a sum of hour rows. The same builders
 * produce the triggers' deltas (transition tables: new rows minus old rows), the rebuild and
 * reconciliation from the source tables, and a report's sub-hour edges.
 */

export const FIGURES = [
  // by users.created_at
  'new_users',
  'referred_users',
  'converted_users', // of those, with at least one paid order ever
  'converted_referred_users',
  // by orders.paid_at (commissions: of those orders, before any reversal)
  'paid_orders',
  'revenue',
  'profit',
  'commissions',
  // by orders.refunded_at, orders.failed_at
  'refunded_orders',
  'refunded_amount',
  'failed_payments',
  // by withdrawals.paid_at
  'withdrawals_paid',
  'withdrawals_paid_count',
  // by orders.created_at, split by the order's current status
  'orders_created',
  'created_paid',
  'created_failed',
  'created_pending',
  // by commissions.created_at and withdrawals.created_at, by current status: the liabilities
  'commissions_pending',
  'commissions_available',
  'withdrawals_open',
  'withdrawals_withdrawn',
  // beneficiaries whose latest level-1 commission falls in the hour (active referrers up to now)
  'referrers_last',
] as const;

export type Figure = (typeof FIGURES)[number];
export type FigureRow = Record<Figure, number>;

/** Withdrawal statuses whose money is still locked in the wallet. */
export const OPEN_WITHDRAWAL = `('PENDING', 'APPROVED', 'PROCESSING')`;

/**
 * One group of figures sharing an event time: `SELECT report_hour(<time>) AS bucket, <figures>`
 * over `source`, rows whose time is null skipped. `where` narrows further (edges, transition
 * tables). Figures not named are 0, so groups can be UNION ALLed and summed; `figures` (all by
 * default) are the columns, in order.
 */
export interface FigureGroup {
  time: string;
  from: string;
  figures: Partial<Record<Figure, string>>;
}

export interface GroupOptions {
  /** Narrows the rows (edges, transition tables); all by default. */
  where?: string;
  /** The columns, in order; all figures by default. */
  figures?: readonly Figure[];
  /**
   * For rows known to fall in at most two hours, one each side of the instant `at`: see below.
   * `afterSign` (1 or -1, an SQL expression) signs the figures of the rows at or after it.
   */
  split?: { at: string; afterSign?: string };
}

export function groupSql(group: FigureGroup, { where = 'true', figures = FIGURES, split }: GroupOptions = {}): string {
  const sign = split?.afterSign ? ` * CASE WHEN min(${group.time}) >= ${split.at} THEN ${split.afterSign} ELSE 1 END` : '';
  const columns = figures.map((figure) => {
    const expression = group.figures[figure];
    return expression ? `sum(${expression})::bigint${sign} AS ${figure}` : `0::bigint AS ${figure}`;
  });
  // Rows known to fall in at most two hours, one each side of `split`, are grouped by that side:
  // grouped by their hour, the planner would size a hash table for thousands of hours.
  const [bucket, groupBy] = split ? [`report_hour(min(${group.time}))`, `${group.time} >= ${split.at}`] : [`report_hour(${group.time})`, '1'];
  return `SELECT ${bucket} AS bucket, ${columns.join(', ')}
          FROM ${group.from} WHERE ${group.time} IS NOT NULL AND (${where}) GROUP BY ${groupBy}`;
}

/** `users` rows as `u`; `converted` says whether the user has ever paid. */
export function userGroups(from: string, converted: string): FigureGroup[] {
  return [
    {
      time: 'u.created_at',
      from,
      figures: {
        new_users: '1',
        referred_users: '(u.referred_by_id IS NOT NULL)::int',
        converted_users: `(${converted})::int`,
        converted_referred_users: `(u.referred_by_id IS NOT NULL AND ${converted})::int`,
      },
    },
  ];
}

/** `orders` rows as `o`. */
export function orderGroups(from: string): FigureGroup[] {
  return [
    { time: 'o.paid_at', from, figures: { paid_orders: '1', revenue: 'o.amount', profit: 'o.amount - o.cost' } },
    { time: 'o.refunded_at', from, figures: { refunded_orders: '1', refunded_amount: 'o.amount' } },
    { time: 'o.failed_at', from, figures: { failed_payments: '1' } },
    {
      time: 'o.created_at',
      from,
      figures: {
        orders_created: '1',
        created_paid: `(o.status IN ('PAID', 'REFUNDED'))::int`,
        created_failed: `(o.status = 'FAILED')::int`,
        created_pending: `(o.status = 'PENDING')::int`,
      },
    },
  ];
}

/** `commissions` rows as `c`, joined to their order `o` for the order's payment time. */
export function commissionCreatedGroups(from: string): FigureGroup[] {
  return [{ time: 'o.paid_at', from: `${from} JOIN orders o ON o.id = c.order_id`, figures: { commissions: 'c.amount' } }];
}

/** `commissions` rows as `c`: the pending and available money by the commission's creation hour. */
export function commissionStatusGroups(from: string): FigureGroup[] {
  return [
    {
      time: 'c.created_at',
      from,
      figures: {
        commissions_pending: `CASE WHEN c.status = 'PENDING' THEN c.amount ELSE 0 END`,
        commissions_available: `CASE WHEN c.status = 'AVAILABLE' THEN c.amount ELSE 0 END`,
      },
    },
  ];
}

/** `withdrawals` rows as `w`. */
export function withdrawalGroups(from: string): FigureGroup[] {
  return [
    { time: 'w.paid_at', from, figures: { withdrawals_paid: 'w.amount', withdrawals_paid_count: '1' } },
    {
      time: 'w.created_at',
      from,
      figures: {
        withdrawals_open: `CASE WHEN w.status IN ${OPEN_WITHDRAWAL} THEN w.amount ELSE 0 END`,
        withdrawals_withdrawn: `CASE WHEN w.status = 'PAID' THEN w.amount ELSE 0 END`,
      },
    },
  ];
}

/** Sums UNION ALLed group rows per bucket. */
export function sumByBucketSql(parts: string[]): string {
  return `SELECT bucket, ${FIGURES.map((figure) => `sum(${figure})::bigint AS ${figure}`).join(', ')}
          FROM (${parts.join('\n UNION ALL\n')}) parts GROUP BY bucket`;
}

/**
 * Adds per-bucket deltas to this session's shard of `report_hourly` (rows whose figures are all
 * zero are skipped). `deltas` is a query producing `bucket` and every figure.
 */
export function applyDeltasSql(deltas: string): string {
  const nonZero = FIGURES.map((figure) => `${figure} <> 0`).join(' OR ');
  return `INSERT INTO report_hourly AS r (bucket, shard, ${FIGURES.join(', ')})
          SELECT d.bucket, report_shard(), ${FIGURES.map((figure) => `d.${figure}`).join(', ')}
          FROM (${deltas}) d WHERE ${nonZero}
          ON CONFLICT (bucket, shard) DO UPDATE SET ${FIGURES.map((figure) => `${figure} = r.${figure} + excluded.${figure}`).join(', ')}`;
}

/** Every group over the whole source tables: what `report_hourly` must sum to, per bucket. */
export function sourceFiguresSql(): string {
  return sumByBucketSql([
    ...userGroups('users u', 'EXISTS (SELECT 1 FROM orders p WHERE p.user_id = u.id AND p.paid_at IS NOT NULL)'),
    ...orderGroups('orders o'),
    ...commissionCreatedGroups('commissions c'),
    ...commissionStatusGroups('commissions c'),
    ...withdrawalGroups('withdrawals w'),
  ].map((group) => groupSql(group)).concat(referrersLastSql('commissions')));
}

/** Level-1 beneficiaries counted at the hour of their latest level-1 commission. */
export function referrersLastSql(from: string): string {
  const columns = FIGURES.map((figure) => (figure === 'referrers_last' ? 'count(*)::bigint' : '0::bigint') + ` AS ${figure}`);
  return `SELECT report_hour(last_at) AS bucket, ${columns.join(', ')}
          FROM (SELECT max(created_at) AS last_at FROM ${from} WHERE level = 1 GROUP BY beneficiary_id) l GROUP BY 1`;
}

/**
 * What the payments made in [lo, hi) add to the figures (the orders whose `paid_at` falls in
 * it: every PENDING → PAID comes through OrdersRepository.confirmPayment, which the generic
 * triggers skip), as rows of `bucket` and `figures` (0 for the figures a payment leaves alone),
 * not summed. `lo` and `hi` are SQL expressions; the rows are those the payment's own statement
 * wrote before the PaymentsFoldedBehindHorizon migration, derived from the source rows:
 * - at the paid hour: the order, its revenue and profit, and its commissions (all of them,
 *   whatever their status now: a release or reversal since is its own trigger's delta);
 * - at the order's creation hour: one order moves from pending to paid;
 * - at the buyer's registration hour: a conversion, for a buyer without a conversion marker
 *   (`report_converted_users`: the users whose earlier payments are folded);
 * - for each level-1 beneficiary: the hour of the latest level-1 commission among the range's
 *   payments gains `referrers_last` and the hour of the latest one before `lo` loses it.
 * One walk over the range's orders (`orders_paid_at_idx`): per order, the lookups the wanted
 * figures need, by index, then its rows from a lateral UNION ALL. Only what `figures` needs is
 * looked up (payment monitoring's tail reads no commission). Per row by design, with no join,
 * DISTINCT or GROUP BY: the generic plan expects ~0.5% of the orders in the range, and a join
 * then hashed the whole commissions table, a DISTINCT sized its hash table for thousands of rows
 * on every call. (The first cut walked the range once per kind of row, five times; the fold
 * spends its time here.)
 */
export function paymentDeltasSql(lo: string, hi: string, figures: readonly Figure[] = FIGURES): string {
  const wanted = (...names: Figure[]) => names.some((name) => figures.includes(name));
  const row = (bucket: string, values: Partial<Record<Figure, string>>) =>
    `SELECT ${bucket} AS bucket, ${figures.map((figure) => `${values[figure] ?? '0'}::bigint AS ${figure}`).join(', ')}`;
  const paid = (alias: string) => `${alias}.paid_at >= ${lo} AND ${alias}.paid_at < ${hi}`;
  const lookups: string[] = [];
  const rows: string[] = [];
  if (wanted('paid_orders', 'revenue', 'profit', 'commissions', 'commissions_pending')) {
    if (wanted('commissions', 'commissions_pending')) {
      lookups.push(`CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount), 0) AS amount FROM commissions x WHERE x.order_id = o.id) s`);
    }
    rows.push(row('report_hour(o.paid_at)', { paid_orders: '1', revenue: 'o.amount', profit: 'o.amount - o.cost', commissions: 's.amount', commissions_pending: 's.amount' }));
  }
  if (wanted('created_paid', 'created_pending')) rows.push(row('report_hour(o.created_at)', { created_paid: '1', created_pending: '-1' }));
  if (wanted('converted_users', 'converted_referred_users')) {
    // the buyer's first payment in the range, when none is folded (no conversion marker)
    rows.push(`${row('report_hour(u.created_at)', { converted_users: '1', converted_referred_users: '(u.referred_by_id IS NOT NULL)::int' })}
       FROM users u
       WHERE u.id = o.user_id
         -- the marker first: most buyers have one, and it is one index probe
         AND (SELECT true FROM report_converted_users m WHERE m.user_id = o.user_id) IS NULL
         AND (SELECT true FROM orders e WHERE e.user_id = o.user_id AND ${paid('e')} AND (e.paid_at, e.id) < (o.paid_at, o.id) LIMIT 1) IS NULL`);
  }
  if (wanted('referrers_last')) {
    // the order's level-1 commission, when it is its beneficiary's latest among the range's payments
    lookups.push(`LEFT JOIN LATERAL (
       SELECT c.beneficiary_id, c.created_at FROM commissions c
       WHERE c.order_id = o.id AND c.level = 1
         AND (SELECT true FROM commissions d JOIN orders e ON e.id = d.order_id
              WHERE d.beneficiary_id = c.beneficiary_id AND d.level = 1 AND (d.created_at, d.id) > (c.created_at, c.id) AND ${paid('e')} LIMIT 1) IS NULL
       OFFSET 0) l ON true`);
    rows.push(`${row('report_hour(l.created_at)', { referrers_last: '1' })} WHERE l.beneficiary_id IS NOT NULL`);
    // and the beneficiary's latest level-1 commission before the range loses it
    rows.push(`${row('report_hour(p.at)', { referrers_last: '-1' })}
       FROM (SELECT max(d.created_at) AS at FROM commissions d WHERE d.beneficiary_id = l.beneficiary_id AND d.level = 1 AND d.created_at < ${lo}) p
       WHERE p.at IS NOT NULL`);
  }
  if (!rows.length) rows.push(`${row('NULL::timestamptz', {})} WHERE false`);
  return `SELECT v.* FROM orders o
     ${lookups.join('\n     ')}
     CROSS JOIN LATERAL (
       ${rows.join('\n       UNION ALL\n       ')}) v
     WHERE ${paid('o')}`;
}
