import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { buy, CONFIRM, CREATE_ORDER, expectNoDrift, FAIL, seedChain, seedUser, setSetting, transactionId, walletOf } from './support/money.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

describe('orders and payment confirmation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => expectNoDrift(t));
  afterAll(() => t.close());

  const createOrder = async (telegramId: string, extra: Record<string, unknown> = {}) => {
    const result = await t.bot(CREATE_ORDER, { input: { telegramId, paymentMethod: 'UPI', ...extra } });
    expect(result.errors).toBeUndefined();
    return result.data!.createOrder;
  };

  it('credits ₹28 to the direct referrer and ₹9 to theirs, both pending for 24 hours', async () => {
    const { a, b, c } = await seedChain(t);
    const order = await createOrder(c.telegramId);
    expect(order).toMatchObject({ status: 'PENDING', amount: 13500, productName: 'Combo OTT Plan', level1RateBps: 3000, level2RateBps: 1000, commissionHoldHours: 24 });

    const paid = await t.bot(CONFIRM, { input: { orderId: order.id, transactionId: 'UPI-EXAMPLE-1' } });
    expect(paid.errors).toBeUndefined();
    const confirmed = paid.data!.confirmPayment;
    expect(confirmed).toMatchObject({ status: 'PAID', transactionId: 'UPI-EXAMPLE-1' });
    expect(confirmed.commissions.map((x: { level: number; amount: number; status: string; beneficiary: { id: string } }) => [x.level, x.amount, x.status, x.beneficiary.id])).toEqual([
      [1, 2800, 'PENDING', String(b.id)],
      [2, 900, 'PENDING', String(a.id)],
    ]);
    const hold = new Date(confirmed.commissions[0].releaseAt).getTime() - new Date(confirmed.paidAt).getTime();
    expect(hold).toBe(24 * 3_600_000);

    expect(await walletOf(t, b)).toEqual({ pending: 2800, available: 0, locked: 0, withdrawn: 0, total_earned: 2800 });
    expect(await walletOf(t, a)).toEqual({ pending: 900, available: 0, locked: 0, withdrawn: 0, total_earned: 900 });
    expect(await walletOf(t, c)).toMatchObject({ pending: 0, total_earned: 0 });
    const wallet = await t.bot('query($t: String!) { wallet(telegramId: $t) { pending available locked totalEarned totalWithdrawn } }', { t: b.telegramId });
    expect(wallet.data!.wallet).toEqual({ pending: 2800, available: 0, locked: 0, totalEarned: 2800, totalWithdrawn: 0 });

    const ledger = await t.db.query('SELECT user_id, type, bucket, amount FROM wallet_transactions WHERE order_id = $1 ORDER BY amount DESC', [order.id]);
    expect(ledger.rows).toEqual([
      { user_id: b.id, type: 'COMMISSION_CREDIT', bucket: 'PENDING', amount: 2800 },
      { user_id: a.id, type: 'COMMISSION_CREDIT', bucket: 'PENDING', amount: 900 },
    ]);
    const stats = await t.db.query('SELECT user_id, conversions, level1_earned, level2_earned FROM referral_stats WHERE user_id IN ($1, $2) ORDER BY user_id', [a.id, b.id]);
    expect(stats.rows).toEqual([
      { user_id: a.id, conversions: 0, level1_earned: 0, level2_earned: 900 },
      { user_id: b.id, conversions: 1, level1_earned: 2800, level2_earned: 0 },
    ]);
    const referral = await t.db.query('SELECT converted_at, first_order_id FROM referrals WHERE referred_id = $1', [c.id]);
    expect(referral.rows[0].converted_at).not.toBeNull();
    expect(referral.rows[0].first_order_id).toBe(Number(order.id));
  });

  it('credits only level 1 when the referrer has no referrer, and nothing without a referrer', async () => {
    const b = await seedUser(t);
    const c = await seedUser(t, b.id);
    const lone = await seedUser(t);
    expect((await buy(t, c)).commissions).toHaveLength(1);
    expect((await buy(t, lone)).commissions).toHaveLength(0);
    expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
  });

  it('counts a conversion once, on the first paid order only', async () => {
    const { b, c } = await seedChain(t);
    await buy(t, c);
    await buy(t, c);
    const stats = await t.db.query('SELECT conversions, level1_earned FROM referral_stats WHERE user_id = $1', [b.id]);
    expect(stats.rows[0]).toEqual({ conversions: 1, level1_earned: 5600 });
  });

  it('keeps the settings an order was created with; a change applies to new orders only', async () => {
    const { a, b, c } = await seedChain(t);
    const before = await createOrder(c.telegramId);
    await setSetting(t, 'level1_commission_percent', 50);
    await setSetting(t, 'commission_rounding', 'PAISE');
    await setSetting(t, 'product_price', 20000);
    const after = await createOrder(c.telegramId);
    try {
      expect(before).toMatchObject({ amount: 13500, level1RateBps: 3000 });
      expect(after).toMatchObject({ amount: 20000, level1RateBps: 5000 });
      const first = await t.bot(CONFIRM, { input: { orderId: before.id, transactionId: transactionId() } });
      const second = await t.bot(CONFIRM, { input: { orderId: after.id, transactionId: transactionId() } });
      expect(first.data!.confirmPayment.commissions.map((x: { amount: number }) => x.amount)).toEqual([2800, 900]);
      // profit 20000 − 4200 = 15800: 50% = 7900, 10% = 1580 (to the paisa)
      expect(second.data!.confirmPayment.commissions.map((x: { amount: number }) => x.amount)).toEqual([7900, 1580]);
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800 + 7900 });
      expect(await walletOf(t, a)).toMatchObject({ pending: 900 + 1580 });
    } finally {
      await setSetting(t, 'level1_commission_percent', 30);
      await setSetting(t, 'commission_rounding', 'RUPEE');
      await setSetting(t, 'product_price', 13500);
    }
  });

  it('answers a replayed confirmation with the paid order and credits nothing more', async () => {
    const { b, c } = await seedChain(t);
    const order = await createOrder(c.telegramId);
    const input = { orderId: order.id, transactionId: transactionId() };
    const first = await t.bot(CONFIRM, { input });
    const again = await t.bot(CONFIRM, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data!.confirmPayment).toEqual(first.data!.confirmPayment);
    expect(await walletOf(t, b)).toMatchObject({ pending: 2800, total_earned: 2800 });
    const commissions = await t.db.query('SELECT count(*)::int AS n FROM commissions WHERE order_id = $1', [order.id]);
    expect(commissions.rows[0].n).toBe(2);
  });

  it('credits once when sixteen confirmations of one order race', async () => {
    const { a, b, c } = await seedChain(t);
    const order = await createOrder(c.telegramId);
    const input = { orderId: order.id, transactionId: transactionId() };
    const results = await Promise.all(Array.from({ length: 16 }, () => t.bot(CONFIRM, { input })));
    expect(results.every((result) => result.data?.confirmPayment?.status === 'PAID')).toBe(true);
    expect(await walletOf(t, b)).toMatchObject({ pending: 2800, total_earned: 2800 });
    expect(await walletOf(t, a)).toMatchObject({ pending: 900, total_earned: 900 });
    const ledger = await t.db.query('SELECT count(*)::int AS n FROM wallet_transactions WHERE order_id = $1', [order.id]);
    expect(ledger.rows[0].n).toBe(2);
  });

  it('refuses a transactionId used by another order, and a paid order confirmed with another id', async () => {
    const { b, c } = await seedChain(t);
    const first = await createOrder(c.telegramId);
    const second = await createOrder(c.telegramId);
    const used = transactionId();
    await t.bot(CONFIRM, { input: { orderId: first.id, transactionId: used } });

    const reuse = await t.bot(CONFIRM, { input: { orderId: second.id, transactionId: used } });
    expect(codeOf(reuse)).toBe('CONFLICT');
    expect(reuse.errors![0].extensions!.reason).toBe('TRANSACTION_ID_REUSED');
    expect((await t.db.query('SELECT status FROM orders WHERE id = $1', [second.id])).rows[0].status).toBe('PENDING');

    const other = await t.bot(CONFIRM, { input: { orderId: first.id, transactionId: transactionId() } });
    expect(codeOf(other)).toBe('CONFLICT');
    expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
  });

  it('fails a pending order, and refuses to pay a failed one or fail a paid one', async () => {
    const { b, c } = await seedChain(t);
    const order = await createOrder(c.telegramId);
    const failure = { orderId: order.id, transactionId: transactionId() };
    expect((await t.bot(FAIL, { input: failure })).data!.failPayment.status).toBe('FAILED');
    expect((await t.bot(FAIL, { input: failure })).data!.failPayment.status).toBe('FAILED');
    expect(codeOf(await t.bot(CONFIRM, { input: { orderId: order.id, transactionId: transactionId() } }))).toBe('CONFLICT');

    const paid = await buy(t, c);
    expect(codeOf(await t.bot(FAIL, { input: { orderId: paid.id, transactionId: transactionId() } }))).toBe('CONFLICT');
    expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
  });

  it('returns the same order for the same idempotency key, per user, and refuses a changed request', async () => {
    const one = await seedUser(t);
    const two = await seedUser(t);
    const first = await createOrder(one.telegramId, { idempotencyKey: 'order-1', upiId: 'one@okicici' });
    const again = await createOrder(one.telegramId, { idempotencyKey: 'order-1', upiId: 'one@okicici' });
    expect(again.id).toBe(first.id);
    const otherUser = await createOrder(two.telegramId, { idempotencyKey: 'order-1', upiId: 'one@okicici' });
    expect(otherUser.id).not.toBe(first.id);
    const changed = await t.bot(CREATE_ORDER, { input: { telegramId: one.telegramId, paymentMethod: 'UPI', idempotencyKey: 'order-1', upiId: 'other@okicici' } });
    expect(codeOf(changed)).toBe('CONFLICT');
    const racing = await Promise.all(Array.from({ length: 8 }, () => t.bot(CREATE_ORDER, { input: { telegramId: one.telegramId, paymentMethod: 'UPI', idempotencyKey: 'race' } })));
    expect(new Set(racing.map((r) => r.data!.createOrder.id)).size).toBe(1);
  });

  it('gives a blocked referrer nothing while the other level still earns', async () => {
    const a = await seedUser(t);
    const b = await seedUser(t, a.id, 'BLOCKED');
    const c = await seedUser(t, b.id);
    const paid = await buy(t, c);
    expect(paid.commissions.map((x: { level: number; amount: number }) => [x.level, x.amount])).toEqual([[2, 900]]);
    expect(await walletOf(t, b)).toMatchObject({ pending: 0, total_earned: 0 });
  });

  it.each([
    [{ telegramId: '12ab', paymentMethod: 'UPI' }, 'BAD_USER_INPUT'],
    [{ telegramId: '1', paymentMethod: 'CARD' }, 'BAD_USER_INPUT'],
    [{ telegramId: '1', paymentMethod: 'UPI', upiId: 'not-a-upi' }, 'BAD_USER_INPUT'],
    [{ telegramId: '1', paymentMethod: 'UPI', idempotencyKey: 'x'.repeat(101) }, 'BAD_USER_INPUT'],
    [{ telegramId: '999999999999', paymentMethod: 'UPI' }, 'NOT_FOUND'],
  ])('refuses createOrder(%j) with %s and creates nothing', async (input, code) => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM orders')).rows[0].n;
    expect(codeOf(await t.bot(CREATE_ORDER, { input }))).toBe(code);
    expect((await t.db.query('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(before);
  });

  it('refuses bad confirmations without changing anything', async () => {
    const notAnId = await t.bot(CONFIRM, { input: { orderId: 'abc', transactionId: 'x' } });
    expect(codeOf(notAnId)).toBe('BAD_USER_INPUT');
    expect(notAnId.errors![0].message).toContain('orderId must be a positive integer id');
    expect(codeOf(await t.bot(CONFIRM, { input: { orderId: '99999999', transactionId: 'UPI1' } }))).toBe('NOT_FOUND');
    expect(codeOf(await t.bot(CONFIRM, { input: { orderId: '1', transactionId: '' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.bot(CONFIRM, { input: { orderId: '1', transactionId: "x'; DROP TABLE orders; --" } }))).toBe('BAD_USER_INPUT');
  });

  it('lists orders for admins with filters, sorting and counts', async () => {
    const buyer = await seedUser(t);
    await createOrder(buyer.telegramId);
    await buy(t, buyer);
    const result = await t.admin(
      `query($f: OrderFilter) { allOrders(filter: $f, sortField: "id", sortOrder: "ASC") { id status userId } _allOrdersMeta(filter: $f) { count } }`,
      { f: { userId: String(buyer.id) } },
    );
    expect(result.data!.allOrders.map((o: { status: string }) => o.status)).toEqual(['PENDING', 'PAID']);
    expect(result.data!._allOrdersMeta.count).toBe(2);
    const paidOnly = await t.admin(`query($f: OrderFilter) { _allOrdersMeta(filter: $f) { count } }`, { f: { userId: String(buyer.id), status: 'PAID' } });
    expect(paidOnly.data!._allOrdersMeta.count).toBe(1);
    const badFilter = await t.admin(`query($f: OrderFilter) { _allOrdersMeta(filter: $f) { count } }`, { f: { userId: '0' } });
    expect(codeOf(badFilter)).toBe('BAD_USER_INPUT');
    expect(badFilter.errors![0].message).toContain('userId must be a positive integer id');
  });
});
