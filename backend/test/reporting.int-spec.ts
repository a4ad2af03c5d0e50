import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buy,
  CREATE_ORDER,
  expectNoDrift,
  expectNoReportDrift,
  expireHolds,
  FAIL,
  REQUEST_WITHDRAWAL,
  seedChain,
  seedUser,
  setSetting,
  transactionId,
} from './support/money.js';
import { codeOf, createAdmin, startTestApp, type TestApp } from './support/test-app.js';

const PERIOD = 'from to newUsers referredUsers paidOrders revenue profit commissions refundedOrders refundedAmount failedPayments withdrawalsPaid';
const SERIES = `query($from: DateTime!, $to: DateTime!, $interval: ReportInterval) { reportSeries(from: $from, to: $to, interval: $interval) { ${PERIOD} } }`;
const DASHBOARD = `{ dashboardStats { asOf today { ${PERIOD} } yesterday { ${PERIOD} } overall { ${PERIOD} } liabilities { pending available locked } } }`;
const KPIS = `query($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) {
  from to conversionRate referralConversionRate averageOrderValue commissionToProfitRatio activeReferrers refundRate withdrawalMedianHours withdrawalP90Hours } }`;
const MONITORING = `query($from: DateTime!, $to: DateTime!, $stale: Int) { paymentMonitoring(from: $from, to: $to, staleAfterMinutes: $stale) {
  from to created paid failed pending stalePending successRate medianSecondsToPay } }`;
const REFUND = 'mutation($id: ID!) { refundOrder(id: $id, reason: "customer asked") { id status } }';
const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id } }';
const MARK_PAID = 'mutation($id: ID!, $ref: String!) { markWithdrawalPaid(id: $id, payoutReference: $ref) { id } }';

const ZERO = { newUsers: 0, referredUsers: 0, paidOrders: 0, revenue: 0, profit: 0, commissions: 0, refundedOrders: 0, refundedAmount: 0, failedPayments: 0, withdrawalsPaid: 0 };
type Period = typeof ZERO & { from: string; to: string };

/** A local time in IST as an instant. */
const ist = (local: string) => new Date(`${local}+05:30`);

/** percentile_cont, as the contract's medians and p90 are defined (null when there is no value). */
function percentile(values: number[], f: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const position = f * (sorted.length - 1);
  const [low, high] = [Math.floor(position), Math.ceil(position)];
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

function figures(period: Period) {
  const { from: _from, to: _to, ...rest } = period;
  return rest;
}
function delta(after: Period, before: Period) {
  return Object.fromEntries(Object.keys(ZERO).map((key) => [key, (after as any)[key] - (before as any)[key]]));
}

describe('reporting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => expectNoDrift(t));
  afterAll(() => t.close());

  const admin = async (query: string, variables?: Record<string, unknown>) => {
    const result = await t.admin(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const series = async (from: string, to: string, interval?: string): Promise<Period[]> =>
    (await admin(SERIES, { from, to, interval })).reportSeries;
  const dashboard = async () => (await admin(DASHBOARD)).dashboardStats;
  const createOrder = async (telegramId: string) => {
    const created = await t.bot(CREATE_ORDER, { input: { telegramId, paymentMethod: 'UPI', upiId: `u${telegramId}@okaxis` } });
    expect(created.errors).toBeUndefined();
    return created.data!.createOrder.id as string;
  };
  const pay = async (orderId: string) => {
    const paid = await t.bot('mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id } }', { input: { orderId, transactionId: transactionId() } });
    expect(paid.errors).toBeUndefined();
  };
  const maintenance = async () => {
    const { ReportMaintenanceService } = await import('../src/reporting/report-maintenance.service.js');
    return t.app.get(ReportMaintenanceService);
  };
  /** Folds every payment so far, once the latest is more than the horizon's second old. */
  const foldAll = async () => {
    const { rows } = await t.db.query(`SELECT coalesce(extract(epoch FROM max(paid_at) + interval '1.1 seconds' - clock_timestamp()), 0)::float8 AS wait FROM orders`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, rows[0].wait * 1000)));
    return (await maintenance()).foldPayments();
  };
  const tailPayments = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE paid_at >= (SELECT payments_folded_to FROM report_config)`)).rows[0].n as number;
  const rollupPaidOrders = async () => (await t.db.query(`SELECT coalesce(sum(paid_orders), 0)::int AS n FROM report_hourly`)).rows[0].n as number;
  const paidOrders = async () => (await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE paid_at IS NOT NULL`)).rows[0].n as number;
  const at = (table: string, id: string | number, set: Record<string, string>) =>
    t.db.query(`UPDATE ${table} SET ${Object.keys(set).map((column, index) => `${column} = $${index + 2}`).join(', ')} WHERE id = $1`, [id, ...Object.values(set)]);

  describe('on both sides of midnight IST (23:59:59.999 vs 00:00)', () => {
    // Monday 9 March 2026, IST: midnight is 18:30 UTC; IST hours start at :30 UTC.
    const SUNDAY_LAST = '2026-03-08T18:29:59.999Z';
    const MONDAY_LAST = '2026-03-09T18:29:59.999Z';
    const TUESDAY_FIRST = '2026-03-09T18:30:00.000Z';
    beforeAll(async () => {
      const sunday = await seedUser(t);
      const monday = await seedUser(t);
      const tuesday = await seedUser(t);
      const february = await seedUser(t);
      const march = await seedUser(t);
      await at('users', sunday.id, { created_at: SUNDAY_LAST });
      await at('users', monday.id, { created_at: MONDAY_LAST });
      await at('users', tuesday.id, { created_at: TUESDAY_FIRST });
      await at('users', february.id, { created_at: '2026-02-28T18:29:59.999Z' });
      await at('users', march.id, { created_at: '2026-02-28T18:30:00.000Z' });
      // Monday's last instant: one payment and one failure; Tuesday's first: a payment and a refund (of Monday's order).
      const mondayOrder = await createOrder(monday.telegramId);
      await pay(mondayOrder);
      expect((await t.admin(REFUND, { id: mondayOrder })).errors).toBeUndefined();
      await at('orders', mondayOrder, { created_at: '2026-03-09T18:00:00Z', paid_at: MONDAY_LAST, refunded_at: TUESDAY_FIRST });
      const failed = await createOrder(tuesday.telegramId);
      expect((await t.bot(FAIL, { input: { orderId: failed, transactionId: 'FAILED-1' } })).errors).toBeUndefined();
      await at('orders', failed, { created_at: '2026-03-09T18:10:00Z', failed_at: MONDAY_LAST });
      const tuesdayOrder = await createOrder(tuesday.telegramId);
      await pay(tuesdayOrder);
      await at('orders', tuesdayOrder, { created_at: TUESDAY_FIRST, paid_at: TUESDAY_FIRST });
    });

    it('puts each event in its IST day', async () => {
      const days = await series('2026-03-07T18:30:00Z', '2026-03-10T18:30:00Z', 'DAY');
      expect(days).toEqual([
        { ...ZERO, from: '2026-03-07T18:30:00.000Z', to: '2026-03-08T18:30:00.000Z', newUsers: 1 },
        { ...ZERO, from: '2026-03-08T18:30:00.000Z', to: '2026-03-09T18:30:00.000Z', newUsers: 1, paidOrders: 1, revenue: 13500, profit: 9300, failedPayments: 1 },
        { ...ZERO, from: '2026-03-09T18:30:00.000Z', to: '2026-03-10T18:30:00.000Z', newUsers: 1, paidOrders: 1, revenue: 13500, profit: 9300, refundedOrders: 1, refundedAmount: 13500 },
      ]);
    });

    it('defaults to DAY buckets', async () => {
      const days = await series('2026-03-07T18:30:00Z', '2026-03-10T18:30:00Z');
      expect(days.map((day) => day.newUsers)).toEqual([1, 1, 1]);
    });

    it('aligns hours to IST (:30 UTC), weeks to Monday and months to the 1st', async () => {
      const hours = await series('2026-03-09T17:30:00Z', '2026-03-09T19:30:00Z', 'HOUR');
      expect(hours.map((hour) => [hour.from, hour.newUsers, hour.paidOrders, hour.failedPayments, hour.refundedOrders])).toEqual([
        ['2026-03-09T17:30:00.000Z', 1, 1, 1, 0],
        ['2026-03-09T18:30:00.000Z', 1, 1, 0, 1],
      ]);
      const weeks = await series('2026-03-01T18:30:00Z', '2026-03-15T18:30:00Z', 'WEEK');
      expect(weeks.map((week) => [week.from, week.to, week.newUsers, week.paidOrders])).toEqual([
        ['2026-03-01T18:30:00.000Z', '2026-03-08T18:30:00.000Z', 1, 0],
        ['2026-03-08T18:30:00.000Z', '2026-03-15T18:30:00.000Z', 2, 2],
      ]);
      const months = await series('2026-01-31T18:30:00Z', '2026-03-31T18:30:00Z', 'MONTH');
      expect(months.map((month) => [month.from, month.to, month.newUsers])).toEqual([
        ['2026-01-31T18:30:00.000Z', '2026-02-28T18:30:00.000Z', 1],
        ['2026-02-28T18:30:00.000Z', '2026-03-31T18:30:00.000Z', 4],
      ]);
    });

    it('cuts buckets to a range that starts or ends inside an hour, exactly', async () => {
      const around = await series('2026-03-09T18:29:59.999Z', '2026-03-09T18:30:00.001Z', 'DAY');
      expect(around).toEqual([
        { ...ZERO, from: MONDAY_LAST, to: TUESDAY_FIRST, newUsers: 1, paidOrders: 1, revenue: 13500, profit: 9300, failedPayments: 1 },
        { ...ZERO, from: TUESDAY_FIRST, to: '2026-03-09T18:30:00.001Z', newUsers: 1, paidOrders: 1, revenue: 13500, profit: 9300, refundedOrders: 1, refundedAmount: 13500 },
      ]);
      // Whole hours from the rollups plus a partial hour at each end.
      const partial = await series('2026-03-09T17:45:00Z', '2026-03-09T19:00:00Z', 'DAY');
      expect(partial.map((day) => [day.from, day.to, day.newUsers, day.paidOrders])).toEqual([
        ['2026-03-09T17:45:00.000Z', TUESDAY_FIRST, 1, 1],
        [TUESDAY_FIRST, '2026-03-09T19:00:00.000Z', 1, 1],
      ]);
      expect((await series(TUESDAY_FIRST, '2026-03-09T18:45:00Z', 'HOUR')).map((hour) => hour.newUsers)).toEqual([1]);
    });

    it("monitors the period's orders by their current status", async () => {
      const monday = await admin(MONITORING, { from: '2026-03-08T18:30:00Z', to: TUESDAY_FIRST });
      // Monday's orders: one paid at 18:29:59.999 (refunded since: still paid) after 1,799.999 s, one failed.
      expect(monday.paymentMonitoring).toEqual({
        from: '2026-03-08T18:30:00.000Z', to: TUESDAY_FIRST, created: 2, paid: 1, failed: 1, pending: 0, stalePending: 0, successRate: 0.5, medianSecondsToPay: 1799.999,
      });
    });

    it('ends a period late in an hour with that hour from the rollups less its rest, exactly', async () => {
      // Monday's last IST hour (17:30-18:30 UTC) holds orders created at 18:00 and 18:10 and the
      // events of 18:29:59.999; a period ending just before those reads the hour whole, less them.
      expect(await series('2026-03-08T18:30:00Z', MONDAY_LAST, 'DAY')).toEqual([{ ...ZERO, from: '2026-03-08T18:30:00.000Z', to: MONDAY_LAST }]);
      expect(await series('2026-03-09T17:30:00Z', MONDAY_LAST, 'HOUR')).toEqual([{ ...ZERO, from: '2026-03-09T17:30:00.000Z', to: MONDAY_LAST }]);
      expect(await series('2026-03-09T17:30:00Z', TUESDAY_FIRST, 'HOUR')).toEqual([
        { ...ZERO, from: '2026-03-09T17:30:00.000Z', to: TUESDAY_FIRST, newUsers: 1, paidOrders: 1, revenue: 13500, profit: 9300, failedPayments: 1 },
      ]);
      // Created by 18:05: the order of 18:00 (paid at 18:29:59.999, refunded since), not the failed one of 18:10.
      const early = await admin(MONITORING, { from: '2026-03-09T17:30:00Z', to: '2026-03-09T18:05:00Z' });
      expect(early.paymentMonitoring).toEqual({
        from: '2026-03-09T17:30:00.000Z', to: '2026-03-09T18:05:00.000Z', created: 1, paid: 1, failed: 0, pending: 0, stalePending: 0, successRate: 1, medianSecondsToPay: 1799.999,
      });
    });
  });

  it('adds payments, failures, refunds, releases and withdrawals to the overall figures and liabilities', async () => {
    const { b, c } = await seedChain(t);
    const start = await dashboard();
    const first = await buy(t, c);
    const paid = await dashboard();
    expect(delta(paid.overall, start.overall)).toEqual({ ...ZERO, newUsers: 0, paidOrders: 1, revenue: 13500, profit: 9300, commissions: 3700 });
    expect(paid.liabilities).toEqual({ ...start.liabilities, pending: start.liabilities.pending + 3700 });

    const failing = await createOrder(c.telegramId);
    expect((await t.bot(FAIL, { input: { orderId: failing, transactionId: 'DECLINED-7' } })).errors).toBeUndefined();
    expect((await t.admin(REFUND, { id: first.id })).errors).toBeUndefined();
    const refunded = await dashboard();
    // The refund reverses the commissions but the paid order's commissions figure stays (before any reversal).
    expect(delta(refunded.overall, paid.overall)).toEqual({ ...ZERO, refundedOrders: 1, refundedAmount: 13500, failedPayments: 1 });
    expect(refunded.liabilities).toEqual(start.liabilities);

    await buy(t, c);
    await buy(t, c);
    await expireHolds(t);
    await admin('mutation { processPendingCommissions }');
    const released = await dashboard();
    expect(released.liabilities).toEqual({ ...start.liabilities, available: start.liabilities.available + 7400 });

    await setSetting(t, 'min_withdrawal_amount', 1000);
    const requested = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 2000, upiId: `w${b.telegramId}@okaxis` } });
    expect(requested.errors).toBeUndefined();
    const withdrawalId = requested.data!.requestWithdrawal.id;
    const locked = await dashboard();
    expect(locked.liabilities).toEqual({ pending: start.liabilities.pending, available: start.liabilities.available + 5400, locked: start.liabilities.locked + 2000 });
    await admin(APPROVE, { id: withdrawalId });
    await admin(MARK_PAID, { id: withdrawalId, ref: 'UTR-REPORT-1' });
    const withdrawn = await dashboard();
    expect(withdrawn.liabilities).toEqual({ ...start.liabilities, available: start.liabilities.available + 5400 });
    expect(delta(withdrawn.overall, start.overall)).toEqual({ ...ZERO, paidOrders: 3, revenue: 40500, profit: 27900, commissions: 11100, refundedOrders: 1, refundedAmount: 13500, failedPayments: 1, withdrawalsPaid: 2000 });
    if (withdrawn.today.from === start.today.from) {
      expect(delta(withdrawn.today, start.today)).toEqual(delta(withdrawn.overall, start.overall));
    }
    await setSetting(t, 'min_withdrawal_amount', 50000);
  });

  it("uses each order's own price and cost after a settings change", async () => {
    const { c } = await seedChain(t);
    const before = await createOrder(c.telegramId);
    await setSetting(t, 'product_price', 20000);
    await setSetting(t, 'product_cost', 5000);
    const start = await dashboard();
    try {
      await pay(before); // created at ₹135 / ₹42: profit 9300, commissions 2800 + 900
      await buy(t, c); // ₹200 / ₹50: profit 15000, commissions 30% = 4500 and 10% = 1500
      const end = await dashboard();
      expect(delta(end.overall, start.overall)).toEqual({ ...ZERO, paidOrders: 2, revenue: 33500, profit: 24300, commissions: 9700 });
    } finally {
      await setSetting(t, 'product_price', 13500);
      await setSetting(t, 'product_cost', 4200);
    }
  });

  it('computes the KPIs of a period from its figures', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const from = new Date().toISOString();
    const referrer = await seedUser(t);
    const x = await seedUser(t, referrer.id);
    await seedUser(t, referrer.id); // referred, never pays
    const z = await seedUser(t);
    await buy(t, x); // ₹135: commission ₹28 to the referrer
    await setSetting(t, 'product_price', 13501);
    let zOrder: { id: string };
    try {
      zOrder = await buy(t, z); // ₹135.01, no referrer
    } finally {
      await setSetting(t, 'product_price', 13500);
    }
    expect((await t.admin(REFUND, { id: zOrder.id })).errors).toBeUndefined();
    const to = new Date(Date.now() + 60_000).toISOString();
    const upToNow = (await admin(KPIS, { from, to })).kpis;
    expect(upToNow).toEqual({
      from: new Date(from).toISOString(),
      to,
      conversionRate: 2 / 4,
      referralConversionRate: 1 / 2,
      averageOrderValue: 13501, // 27001 / 2 = 13500.5, rounded half up
      commissionToProfitRatio: 2800 / (9300 + 9301),
      activeReferrers: 1,
      refundRate: 1 / 2,
      withdrawalMedianHours: null,
      withdrawalP90Hours: null,
    });
    // A second referrer earns after `middle`: periods ending before it, after it, and starting at it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const middle = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await seedUser(t);
    await buy(t, await seedUser(t, second.id));
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await admin(KPIS, { from, to: middle })).kpis.activeReferrers).toBe(1);
    expect((await admin(KPIS, { from, to: later })).kpis.activeReferrers).toBe(2);
    expect((await admin(KPIS, { from: middle, to: later })).kpis.activeReferrers).toBe(1);
    const empty = (await admin(KPIS, { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' })).kpis;
    expect(empty).toMatchObject({ conversionRate: 0, referralConversionRate: 0, averageOrderValue: 0, commissionToProfitRatio: 0, activeReferrers: 0, refundRate: 0 });
  });

  it('measures withdrawal processing time as median and p90 hours over withdrawals paid in the period', async () => {
    const { b, c } = await seedChain(t);
    await buy(t, c);
    await buy(t, c);
    await expireHolds(t);
    await admin('mutation { processPendingCommissions }');
    await setSetting(t, 'min_withdrawal_amount', 1000);
    try {
      for (const hours of [2, 4, 10]) {
        const requested = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 1000, upiId: `w${b.telegramId}@okaxis` } });
        expect(requested.errors).toBeUndefined();
        const id = requested.data!.requestWithdrawal.id;
        await admin(APPROVE, { id });
        await admin(MARK_PAID, { id, ref: `UTR-P90-${hours}` });
        await at('withdrawals', id, { created_at: '2026-05-01T00:00:00Z', paid_at: new Date(Date.parse('2026-05-01T00:00:00Z') + hours * 3_600_000).toISOString() });
      }
    } finally {
      await setSetting(t, 'min_withdrawal_amount', 50000);
    }
    const kpis = (await admin(KPIS, { from: '2026-04-30T18:30:00Z', to: '2026-05-01T18:30:00Z' })).kpis;
    expect(kpis.withdrawalMedianHours).toBe(4);
    expect(kpis.withdrawalP90Hours).toBeCloseTo(4 + 0.8 * (10 - 4), 10);
    const [day] = await series('2026-04-30T18:30:00Z', '2026-05-01T18:30:00Z', 'DAY');
    expect(day.withdrawalsPaid).toBe(3000);
  });

  it('keeps the withdrawal median and p90 exact from the duration histogram: whole days, partial days, one day, up to now', async () => {
    const { b, c } = await seedChain(t);
    for (let i = 0; i < 5; i++) await buy(t, c);
    await expireHolds(t);
    await admin('mutation { processPendingCommissions }');
    // [paid at (IST), hours from request to payment]: buckets are ~4.7% wide, so 24.0/24.1/24.2
    // share one and are told apart inside it; the rest spread over the buckets
    const paid: [string, number][] = [
      ['2026-06-09T20:00:00.000', 0.5],
      ['2026-06-09T10:00:00.000', 71.9],
      ['2026-06-10T01:00:00.000', 1.25],
      ['2026-06-10T23:59:59.999', 24.0],
      ['2026-06-11T00:00:00.000', 24.1],
      ['2026-06-11T07:00:00.000', 24.2],
      ['2026-06-11T12:00:00.000', 3.7],
      ['2026-06-11T19:00:00.000', 36.6],
      ['2026-06-12T09:00:00.000', 5],
      ['2026-06-12T22:00:00.000', 49],
      ['2026-06-13T05:00:00.000', 8.3],
      ['2026-06-13T11:00:00.000', 12],
    ];
    await setSetting(t, 'min_withdrawal_amount', 1000);
    try {
      for (const [at_, hours] of paid) {
        const requested = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 1000, upiId: `h${b.telegramId}@okaxis` } });
        expect(requested.errors).toBeUndefined();
        const id = requested.data!.requestWithdrawal.id;
        await admin(APPROVE, { id });
        await admin(MARK_PAID, { id, ref: `UTR-HIST-${hours}` });
        const paidAt = ist(at_);
        await at('withdrawals', id, { created_at: new Date(paidAt.getTime() - hours * 3_600_000).toISOString(), paid_at: paidAt.toISOString() });
      }
      // and one paid a minute ago, which a period ending two minutes ago leaves out: the histogram
      // takes today whole and subtracts what was paid since the period's end
      const requested = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 1000, upiId: `h${b.telegramId}@okaxis` } });
      const id = requested.data!.requestWithdrawal.id;
      await admin(APPROVE, { id });
      await admin(MARK_PAID, { id, ref: 'UTR-HIST-NOW' });
      await at('withdrawals', id, { created_at: new Date(Date.now() - 2 * 3_600_000).toISOString(), paid_at: new Date(Date.now() - 60_000).toISOString() });
    } finally {
      await setSetting(t, 'min_withdrawal_amount', 50000);
    }
    const expected = (from: Date, to: Date) => {
      const hours = paid.filter(([when]) => ist(when) >= from && ist(when) < to).map(([, h]) => h);
      return { withdrawalMedianHours: percentile(hours, 0.5), withdrawalP90Hours: percentile(hours, 0.9) };
    };
    const ranges: [Date, Date][] = [
      [ist('2026-06-10T00:00:00.000'), ist('2026-06-13T00:00:00.000')], // whole days only
      [ist('2026-06-09T15:00:00.000'), ist('2026-06-13T10:00:00.000')], // whole days and both partial ends
      [ist('2026-06-09T11:00:00.000'), ist('2026-06-12T20:00:00.000')], // whole days less what precedes the start and follows the end
      [ist('2026-06-10T06:00:00.000'), ist('2026-06-11T18:00:00.000')], // two days, less the first's morning and the second's evening
      [ist('2026-06-11T20:00:00.000'), ist('2026-06-13T03:00:00.000')], // a partial start added, a whole day, the end less than half a day
      [ist('2026-06-11T06:00:00.000'), ist('2026-06-11T18:00:00.000')], // inside one day
      [ist('2026-06-10T23:59:59.999'), ist('2026-06-11T00:00:00.001')], // both sides of midnight IST
      [ist('2026-06-12T09:00:00.000'), ist('2026-06-12T09:00:00.001')], // one withdrawal
      [ist('2026-06-14T00:00:00.000'), ist('2026-06-15T00:00:00.000')], // none
    ];
    const kpisOf = async ([from, to]: [Date, Date]) => {
      const kpis = (await admin(KPIS, { from: from.toISOString(), to: to.toISOString() })).kpis;
      return { withdrawalMedianHours: kpis.withdrawalMedianHours, withdrawalP90Hours: kpis.withdrawalP90Hours };
    };
    const check = async () => {
      for (const range of [...ranges, [ist('2026-06-09T11:00:00.000'), new Date(Date.now() - 120_000)] as [Date, Date]]) {
        const got = await kpisOf(range);
        const want = expected(...range);
        for (const key of ['withdrawalMedianHours', 'withdrawalP90Hours'] as const) {
          if (want[key] === null) expect(got[key]).toBeNull();
          else expect(got[key]).toBeCloseTo(want[key]!, 10);
        }
      }
      // up to now (the histogram's open end), from a start that adds its partial day and from one
      // that subtracts the day's morning: against the source table's own percentile_cont
      for (const from of [ist('2026-06-09T15:00:00.000'), ist('2026-06-09T11:00:00.000')]) {
        const { rows } = await t.db.query(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90
           FROM (SELECT extract(epoch FROM paid_at - created_at)::float8 / 3600 AS h FROM withdrawals WHERE paid_at >= $1) x`,
          [from],
        );
        const open = await kpisOf([from, new Date(Date.now() + 60_000)]);
        expect(open.withdrawalMedianHours).toBeCloseTo(rows[0].median, 10);
        expect(open.withdrawalP90Hours).toBeCloseTo(rows[0].p90, 10);
      }
    };
    await check();
    // the rows moved out of today's bucket into June's days, by this session's shards
    const { rows: unfolded } = await t.db.query(`SELECT count(*)::int AS n FROM report_withdrawal_durations WHERE shard <> 0 AND day < report_day(now())`);
    expect(unfolded[0].n).toBeGreaterThan(0);
    const { ReportMaintenanceService } = await import('../src/reporting/report-maintenance.service.js');
    await t.app.get(ReportMaintenanceService).compact();
    const { rows: left } = await t.db.query(`SELECT count(*)::int AS n FROM report_withdrawal_durations WHERE shard <> 0 AND day < report_day(now())`);
    expect(left[0].n).toBe(0);
    await check();
  });

  it('lists drift when the withdrawal duration histogram disagrees with the withdrawals', async () => {
    await expectNoReportDrift(t);
    const { rows } = await t.db.query(`SELECT day, bucket, shard FROM report_withdrawal_durations WHERE withdrawals > 0 ORDER BY day, bucket, shard LIMIT 1`);
    expect(rows).toHaveLength(1);
    const [{ day, bucket, shard }] = rows;
    await t.db.query('UPDATE report_withdrawal_durations SET withdrawals = withdrawals + 1 WHERE day = $1 AND bucket = $2 AND shard = $3', [day, bucket, shard]);
    try {
      const drift = (await admin('{ reportDrift { figure bucket expected actual } }')).reportDrift;
      expect(drift).toHaveLength(1);
      expect(drift[0]).toMatchObject({ figure: `withdrawal_durations:${bucket}`, bucket: new Date(day).toISOString() });
      expect(drift[0].actual - drift[0].expected).toBe(1);
    } finally {
      await t.db.query('UPDATE report_withdrawal_durations SET withdrawals = withdrawals - 1 WHERE day = $1 AND bucket = $2 AND shard = $3', [day, bucket, shard]);
    }
  });

  it('monitors payments now: stale pending orders, failures with their transaction ids, median time to pay', async () => {
    const buyer = await seedUser(t);
    const from = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const before = (await admin(MONITORING, { from, to, stale: 30 })).paymentMonitoring;
    const stale = await createOrder(buyer.telegramId);
    await t.db.query(`UPDATE orders SET created_at = now() - interval '1 hour' WHERE id = $1`, [stale]);
    await createOrder(buyer.telegramId); // fresh pending
    const failed = await createOrder(buyer.telegramId);
    expect((await t.bot(FAIL, { input: { orderId: failed, transactionId: 'UPI-DECLINED-42' } })).errors).toBeUndefined();
    const quick = await createOrder(buyer.telegramId);
    await pay(quick);
    await t.db.query(`UPDATE orders SET created_at = paid_at - interval '60 seconds' WHERE id = $1`, [quick]);
    const after = (await admin(MONITORING, { from, to, stale: 30 })).paymentMonitoring;
    expect({
      created: after.created - before.created,
      paid: after.paid - before.paid,
      failed: after.failed - before.failed,
      pending: after.pending - before.pending,
      stalePending: after.stalePending - before.stalePending,
    }).toEqual({ created: 4, paid: 1, failed: 1, pending: 2, stalePending: 1 });
    expect(after.successRate).toBeCloseTo(after.paid / (after.paid + after.failed), 12);

    const lists = await admin(`{ stalePendingOrders(staleAfterMinutes: 30) { id status } recentFailedPayments(limit: 5) { id failedTransactionId failedAt } }`);
    expect(lists.stalePendingOrders.map((order: { id: string }) => order.id)).toContain(stale);
    expect(lists.stalePendingOrders.every((order: { status: string }) => order.status === 'PENDING')).toBe(true);
    expect(lists.recentFailedPayments[0]).toMatchObject({ id: failed, failedTransactionId: 'UPI-DECLINED-42' });

    // A window holding only that order: it took 60 s to pay.
    const [{ created }] = (await t.db.query('SELECT created_at AS created FROM orders WHERE id = $1', [quick])).rows;
    const window = (await admin(MONITORING, { from: created.toISOString(), to: new Date(created.getTime() + 1).toISOString() })).paymentMonitoring;
    expect(window.medianSecondsToPay).toBe(60);
  });

  it('keeps the median time to pay exact from the duration histogram: whole hours, sub-hour edges, unfolded payments, up to now', async () => {
    const buyer = await seedUser(t);
    // [created at (IST), seconds to pay]: buckets are ~4.7% wide, so 300/302/304/305 share one
    // and are told apart inside it; the rest spread over the buckets and the hours
    const orders: [string, number][] = [
      ['2026-07-01T09:10:00.000', 45],
      ['2026-07-01T09:50:00.000', 300],
      ['2026-07-01T10:00:00.000', 305],
      ['2026-07-01T10:20:00.000', 310.5],
      ['2026-07-01T10:59:59.999', 90],
      ['2026-07-01T11:00:00.000', 1200],
      ['2026-07-01T13:30:00.000', 61.25],
      ['2026-07-01T23:59:59.999', 302],
      ['2026-07-02T00:00:00.000', 7],
      ['2026-07-02T05:45:00.000', 3600],
      ['2026-07-02T06:15:00.000', 304],
    ];
    for (const [created, seconds] of orders) {
      const id = await createOrder(buyer.telegramId);
      await pay(id);
      // paid long ago, so before the fold's position: the orders' trigger counts it in the histogram
      const createdAt = ist(created);
      await at('orders', id, { created_at: createdAt.toISOString(), paid_at: new Date(createdAt.getTime() + seconds * 1000).toISOString() });
    }
    // paid now, not yet folded (the tail), created 5 minutes and 20 seconds before
    for (const seconds of [300.25, 20]) {
      const id = await createOrder(buyer.telegramId);
      await pay(id);
      await t.db.query(`UPDATE orders SET created_at = paid_at - make_interval(secs => $2) WHERE id = $1`, [id, seconds]);
    }
    expect(await tailPayments()).toBeGreaterThanOrEqual(2);
    const expected = (from: Date, to: Date) => percentile(orders.filter(([when]) => ist(when) >= from && ist(when) < to).map(([, s]) => s), 0.5);
    const ranges: [Date, Date][] = [
      [ist('2026-07-01T10:00:00.000'), ist('2026-07-01T12:00:00.000')], // whole hours only
      [ist('2026-07-01T09:30:00.000'), ist('2026-07-01T13:45:00.000')], // whole hours and both sub-hour edges
      [ist('2026-07-01T09:05:00.000'), ist('2026-07-01T09:55:00.000')], // inside one hour
      [ist('2026-07-01T10:00:00.000'), ist('2026-07-01T10:59:59.999')], // an hour less its last millisecond
      [ist('2026-07-01T23:59:59.999'), ist('2026-07-02T00:00:00.001')], // both sides of midnight IST
      [ist('2026-07-01T09:00:00.000'), ist('2026-07-02T07:00:00.000')], // across midnight
      [ist('2026-07-01T13:30:00.000'), ist('2026-07-01T13:30:00.001')], // one order
      [ist('2026-07-03T00:00:00.000'), ist('2026-07-04T00:00:00.000')], // none
    ];
    const medianOf = async ([from, to]: [Date, Date]) =>
      (await admin(MONITORING, { from: from.toISOString(), to: to.toISOString() })).paymentMonitoring.medianSecondsToPay as number | null;
    const check = async () => {
      for (const range of ranges) {
        const want = expected(...range);
        if (want === null) expect(await medianOf(range)).toBeNull();
        else expect(await medianOf(range)).toBeCloseTo(want, 10);
      }
      // up to now and beyond (the tail's payments among them), and ending a moment ago: against
      // the orders' own percentile_cont
      const [{ last }] = (await t.db.query(`SELECT max(created_at) AS last FROM orders WHERE paid_at IS NOT NULL`)).rows;
      const ends = [new Date(Date.now() + 60_000), new Date(last.getTime() + 1), last, new Date(Date.now() - 3_600_000)];
      for (const from of [ist('2026-07-01T09:30:00.000'), new Date(Date.now() - 10 * 60_000), new Date(Date.now() - 3 * 3_600_000)]) {
        for (const to of ends.filter((end) => end > from)) {
          const { rows } = await t.db.query(
            `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM paid_at - created_at)::float8) AS median
             FROM orders WHERE created_at >= $1 AND created_at < $2 AND paid_at IS NOT NULL`,
            [from, to],
          );
          const got = await medianOf([from, to]);
          if (rows[0].median === null) expect(got).toBeNull();
          else expect(got).toBeCloseTo(rows[0].median, 10);
        }
      }
    };
    await check();
    // folded: the same figures from the histogram alone
    await foldAll();
    expect(await tailPayments()).toBe(0);
    await check();
    // the histogram and the orders agree (the reconciliation after each test checks it too)
    const { rows: hist } = await t.db.query(`SELECT coalesce(sum(orders), 0)::int AS n FROM report_payment_durations`);
    expect(hist[0].n).toBe(await paidOrders());
  });

  it('lists drift when the payment duration histogram disagrees with the orders', async () => {
    await expectNoReportDrift(t);
    const { rows } = await t.db.query(`SELECT hour, bucket FROM report_payment_durations WHERE orders > 0 ORDER BY hour, bucket LIMIT 1`);
    expect(rows).toHaveLength(1);
    const [{ hour, bucket }] = rows;
    await t.db.query('UPDATE report_payment_durations SET orders = orders - 1 WHERE hour = $1 AND bucket = $2', [hour, bucket]);
    try {
      const drift = (await admin('{ reportDrift { figure bucket expected actual } }')).reportDrift;
      expect(drift).toHaveLength(1);
      expect(drift[0]).toMatchObject({ figure: `payment_durations:${bucket}`, bucket: new Date(hour).toISOString() });
      expect(drift[0].expected - drift[0].actual).toBe(1);
    } finally {
      await t.db.query('UPDATE report_payment_durations SET orders = orders + 1 WHERE hour = $1 AND bucket = $2', [hour, bucket]);
    }
  });

  it('leaves out what happened after the end of a period that ends a moment ago, in the current hour', async () => {
    const [{ hour }] = (await t.db.query<{ hour: Date }>('SELECT report_hour(now()) AS hour')).rows;
    const into = Date.now() - hour.getTime();
    if (into < 2_000) await new Promise((resolve) => setTimeout(resolve, 2_000 - into)); // so that the hour so far is the longer part
    const from = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const read = async (to: string) => ({
      series: (await series(from, to, 'HOUR')).map(figures),
      monitoring: (await admin(MONITORING, { from, to })).paymentMonitoring,
      kpis: (await admin(KPIS, { from, to })).kpis,
    });
    await pay(await createOrder((await seedUser(t)).telegramId));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const to = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = await read(to);
    const openBefore = await read(later);
    // After `to`: a new buyer who pays, and a failed payment.
    const buyer = await seedUser(t);
    await pay(await createOrder(buyer.telegramId));
    const failed = await createOrder(buyer.telegramId);
    expect((await t.bot(FAIL, { input: { orderId: failed, transactionId: 'LATE-FAIL-1' } })).errors).toBeUndefined();
    const openAfter = await read(later);
    expect(openAfter.monitoring.created - openBefore.monitoring.created).toBe(2);
    expect(openAfter.monitoring.failed - openBefore.monitoring.failed).toBe(1);
    expect(await read(to)).toEqual(before);
  });

  it('refuses an empty or reversed range, more than 1,000 buckets, a negative staleness and non-admins', async () => {
    const refused = async (query: string, variables: Record<string, unknown>) => {
      const result = await t.admin(query, variables);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    };
    await refused(SERIES, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    await refused(KPIS, { from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    await refused(MONITORING, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    await refused(MONITORING, { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', stale: -1 });
    await refused(SERIES, { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', interval: 'HOUR' }); // 1,416 hours
    await refused(SERIES, { from: 'yesterday', to: '2026-03-01T00:00:00Z' });
    // Exactly 1,000 buckets is fine.
    expect(await series('2026-01-01T18:30:00Z', '2026-02-12T10:30:00Z', 'HOUR')).toHaveLength(1000);

    expect(codeOf(await t.bot(DASHBOARD))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(DASHBOARD))).toBe('UNAUTHENTICATED');
    const { token } = await createAdmin(t, '700000111', 'ADMIN');
    const asAdmin = await t.as(token)(DASHBOARD);
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data!.dashboardStats.liabilities).toBeDefined();
  });

  it('lists drift when a maintained figure disagrees with the source tables', async () => {
    await foldAll();
    await expectNoReportDrift(t);
    const [{ bucket }] = (await t.db.query('SELECT bucket FROM report_hourly WHERE paid_orders > 0 LIMIT 1')).rows;
    await t.db.query('UPDATE report_hourly SET revenue = revenue + 1 WHERE bucket = $1 AND shard = (SELECT min(shard) FROM report_hourly WHERE bucket = $1)', [bucket]);
    try {
      const drift = (await admin('{ reportDrift { figure bucket expected actual } }')).reportDrift;
      expect(drift).toHaveLength(1);
      expect(drift[0]).toMatchObject({ figure: 'revenue', bucket: new Date(bucket).toISOString() });
      expect(drift[0].actual - drift[0].expected).toBe(1);
    } finally {
      await t.db.query('UPDATE report_hourly SET revenue = revenue - 1 WHERE bucket = $1 AND shard = (SELECT min(shard) FROM report_hourly WHERE bucket = $1)', [bucket]);
    }
  });

  it('lists drift when a conversion marker disagrees with the source tables', async () => {
    await foldAll();
    await expectNoReportDrift(t);
    const drift = async () => (await admin('{ reportDrift { figure expected actual } }')).reportDrift;
    // a buyer whose "has paid" marker is missing: one user wrong
    const [{ user_id: buyer }] = (await t.db.query('SELECT user_id FROM report_converted_users LIMIT 1')).rows;
    await t.db.query('DELETE FROM report_converted_users WHERE user_id = $1', [buyer]);
    try {
      expect(await drift()).toEqual([{ figure: 'converted_users_set', expected: 0, actual: 1 }]);
    } finally {
      await t.db.query('INSERT INTO report_converted_users (user_id) VALUES ($1)', [buyer]);
    }
    // a marker for a user who never paid
    const never = await seedUser(t);
    await t.db.query('INSERT INTO report_converted_users (user_id) VALUES ($1)', [never.id]);
    try {
      expect(await drift()).toEqual([{ figure: 'converted_users_set', expected: 0, actual: 1 }]);
    } finally {
      await t.db.query('DELETE FROM report_converted_users WHERE user_id = $1', [never.id]);
    }
    await expectNoReportDrift(t);
  });

  describe('payments folded into the rollups behind the horizon', () => {
    it('reads a payment from the tail until the fold moves it, every figure the same before and after', async () => {
      await foldAll();
      const { c } = await seedChain(t);
      const before = await dashboard();
      const rollup = await rollupPaidOrders();
      await buy(t, c);
      // the payment wrote no report row, yet the reports count it (₹135, profit ₹93, ₹28 + ₹9)
      expect(await rollupPaidOrders()).toBe(rollup);
      expect(await tailPayments()).toBe(1);
      const unfolded = await dashboard();
      expect(delta(unfolded.today, before.today)).toEqual({ ...ZERO, paidOrders: 1, revenue: 13500, profit: 9300, commissions: 3700 });
      expect(unfolded.liabilities.pending - before.liabilities.pending).toBe(3700);
      await expectNoReportDrift(t);

      expect((await foldAll()).payments).toBe(1);
      expect(await tailPayments()).toBe(0);
      expect(await rollupPaidOrders()).toBe(await paidOrders());
      const folded = await dashboard();
      expect({ ...folded, asOf: null }).toEqual({ ...unfolded, asOf: null, today: { ...unfolded.today, to: folded.today.to }, overall: { ...unfolded.overall, to: folded.overall.to } });
      // nothing new to move
      expect((await (await maintenance()).foldPayments()).payments).toBe(0);
    });

    it('never folds past a payment whose transaction is still open', async () => {
      await foldAll();
      const { c } = await seedChain(t);
      const orderId = await createOrder(c.telegramId);
      const { CONFIRM_PAYMENT } = await import('../src/orders/orders.repository.js');
      const client = await t.db.connect();
      await client.query('BEGIN');
      let folded: { foldedTo: Date } | undefined;
      let paidAt: Date;
      try {
        const { rows } = await client.query(CONFIRM_PAYMENT.text, [orderId, transactionId(), 'test', true]);
        paidAt = rows[0].paidAt;
        // the payment is older than the horizon's second now, but not committed
        await new Promise((resolve) => setTimeout(resolve, 1200));
        folded = await (await maintenance()).foldPayments();
      } finally {
        await client.query('COMMIT');
        client.release();
      }
      expect(folded!.foldedTo.getTime()).toBeLessThanOrEqual(paidAt.getTime());
      // committed after that fold: in the tail, and the next fold moves it
      expect(await tailPayments()).toBe(1);
      expect((await foldAll()).payments).toBe(1);
      expect(await rollupPaidOrders()).toBe(await paidOrders());
    });

    it('moves each payment once when two folds run at once', async () => {
      await foldAll();
      const { c } = await seedChain(t);
      await buy(t, c);
      await buy(t, c);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const service = await maintenance();
      // both start while the position's row is held elsewhere, then go on together
      const holder = await t.db.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM report_config FOR UPDATE');
      const folding = Promise.all([service.foldPayments(), service.foldPayments()]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('COMMIT');
      holder.release();
      const results = await folding;
      expect(results.reduce((sum, result) => sum + result.payments, 0)).toBe(2);
      expect(await rollupPaidOrders()).toBe(await paidOrders());
    });

    it("moves a referrer's latest level-1 commission to the later payment's hour when that is folded", async () => {
      await foldAll();
      const { b, c } = await seedChain(t);
      const activeReferrers = async () => {
        const from = new Date(Date.now() - 86_400_000).toISOString();
        const to = new Date(Date.now() + 60_000).toISOString();
        const { kpis } = await admin('query($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { activeReferrers } }', { from, to });
        const { rows } = await t.db.query(`SELECT count(DISTINCT beneficiary_id)::int AS n FROM commissions WHERE level = 1 AND created_at >= $1 AND created_at < $2`, [from, to]);
        expect(kpis.activeReferrers).toBe(rows[0].n);
        return kpis.activeReferrers as number;
      };
      // each level-1 beneficiary counts once, at the hour of its latest level-1 commission
      const rollupReferrers = async () => (await t.db.query(`SELECT coalesce(sum(referrers_last), 0)::int AS n FROM report_hourly`)).rows[0].n as number;
      const beneficiaries = async () => (await t.db.query(`SELECT count(DISTINCT beneficiary_id)::int AS n FROM commissions WHERE level = 1`)).rows[0].n as number;
      await buy(t, c);
      expect((await foldAll()).payments).toBe(1);
      const active = await activeReferrers();
      expect(await rollupReferrers()).toBe(await beneficiaries());
      // b's second level-1 commission: in the tail, then folded; b still counts once
      await buy(t, c);
      expect(await tailPayments()).toBe(1);
      expect(await activeReferrers()).toBe(active);
      expect((await foldAll()).payments).toBe(1);
      expect(await activeReferrers()).toBe(active);
      expect(await rollupReferrers()).toBe(await beneficiaries());
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM commissions WHERE beneficiary_id = $1 AND level = 1`, [b.id]);
      expect(rows[0].n).toBe(2);
    });

    it('rebuilds with payments in the tail, the figures unchanged', async () => {
      const { c } = await seedChain(t);
      // an open transaction holds the horizon before the payment, so the rebuild leaves it in the tail
      const holder = await t.db.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1');
        await buy(t, c);
        const before = await dashboard();
        await (await maintenance()).rebuild();
        expect(await tailPayments()).toBe(1);
        const after = await dashboard();
        expect({ ...after, asOf: null }).toEqual({ ...before, asOf: null, today: { ...before.today, to: after.today.to }, overall: { ...before.overall, to: after.overall.to } });
      } finally {
        await holder.query('COMMIT');
        holder.release();
      }
    });
  });

  it('plans each report without JIT and with its generic plan, for the report\'s transaction only', async () => {
    const { TransactionService } = await import('../src/database/transaction.service.js');
    const { ReportingRepository } = await import('../src/reporting/reporting.repository.js');
    const transactions = t.app.get(TransactionService);
    const repository = t.app.get(ReportingRepository);
    const inside = await transactions.run(async (manager) => {
      await repository.paymentMonitoring(new Date(Date.now() - 86_400_000), new Date(), 30);
      return (await manager.query(`SELECT current_setting('jit') AS jit, current_setting('plan_cache_mode') AS mode`))[0];
    });
    expect(inside).toEqual({ jit: 'off', mode: 'force_generic_plan' });
    expect((await t.db.query(`SELECT current_setting('plan_cache_mode') AS mode`)).rows[0].mode).toBe('auto');
  });

  it('folds closed hours into one row per hour without changing any figure', async () => {
    // rows in this session's shards: new users (the trigger) and a folded payment
    const { c } = await seedChain(t);
    await buy(t, c);
    await foldAll();
    const before = await dashboard();
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM report_hourly WHERE shard <> 0`);
    expect(rows[0].n).toBeGreaterThan(0);
    const { ReportMaintenanceService } = await import('../src/reporting/report-maintenance.service.js');
    await t.app.get(ReportMaintenanceService).compact();
    const after = await dashboard();
    expect({ ...after, asOf: null }).toEqual({ ...before, asOf: null, today: { ...before.today, to: after.today.to }, overall: { ...before.overall, to: after.overall.to } });
    const { rows: left } = await t.db.query(`SELECT count(*)::int AS n FROM report_hourly WHERE shard <> 0 AND bucket < report_hour(now()) - interval '1 hour'`);
    expect(left[0].n).toBe(0);
  });

  it('counts the unfiltered Users and Orders lists from the rollups: the same as the tables, paid, failed, pending, folded and compacted', async () => {
    const LISTS = '{ _allUsersMeta { count } _allOrdersMeta { count } paid: _allOrdersMeta(filter: { status: PAID }) { count } }';
    const tables = async () =>
      (await t.db.query(`SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM orders)::int AS orders,
                                (SELECT count(*) FROM orders WHERE status = 'PAID')::int AS paid`)).rows[0];
    const lists = async () => {
      const data = await admin(LISTS);
      return { users: data._allUsersMeta.count, orders: data._allOrdersMeta.count, paid: data.paid.count };
    };
    await lists(); // signs the super admin in first (the account is made on its first sign-in)
    const start = await tables();
    expect(await lists()).toEqual(start);

    // three users; a pending order, a paid one (not yet folded) and a failed one
    const { c } = await seedChain(t);
    const pending = await createOrder(c.telegramId);
    await buy(t, c);
    const failing = await createOrder(c.telegramId);
    expect((await t.bot(FAIL, { input: { orderId: failing, transactionId: 'DECLINED-COUNT' } })).errors).toBeUndefined();
    // a user and an order of a day long closed, whose hours the compaction moves to the day rows
    const old = await seedUser(t);
    await at('users', old.id, { created_at: '2025-06-01T10:00:00Z' });
    await at('orders', pending, { created_at: '2025-06-01T10:05:00Z' });
    const expected = { users: start.users + 4, orders: start.orders + 3, paid: start.paid + 1 };
    expect(await tables()).toEqual(expected);
    expect(await lists()).toEqual(expected);

    await foldAll();
    await (await maintenance()).compact();
    expect(await lists()).toEqual(expected);
  });
});
