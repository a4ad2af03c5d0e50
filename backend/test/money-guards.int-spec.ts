import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { holdWallets, startWaiting } from './support/locks.js';
import { buy, CONFIRM, CREATE_ORDER, expectNoDrift, expireHolds, REQUEST_WITHDRAWAL, seedChain, seedUser, setSetting, transactionId, walletOf } from './support/money.js';
import { codeOf, createTestDatabase, dropTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

const RELEASE = 'mutation { processPendingCommissions }';
const REFUND = 'mutation($id: ID!, $reason: String!) { refundOrder(id: $id, reason: $reason) { id status } }';
const REJECT = 'mutation($id: ID!, $reason: String!) { rejectWithdrawal(id: $id, reason: $reason) { id status } }';

/**
 * The locks and guards of the money paths, each pinned by an interleaving fixed with a row lock
 * held from the test's own connection (support/locks.ts): every test here fails when the guard
 * it names is taken out of the code.
 *
 * The database runs with index and bitmap scans off, so joins read rows in their physical order
 * rather than in key order: a statement that relies on the plan, instead of an ORDER BY, to lock
 * in ascending id order is caught here whatever plan production happens to choose.
 */
describe('money guards under controlled interleavings', () => {
  let t: TestApp;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const name = new URL(databaseUrl).pathname.slice(1);
    await setPlannerForPhysicalOrder(databaseUrl, name);
    t = await startTestApp({ databaseUrl });
    // one paid order earns the direct referrer ₹600 (30% of a ₹2,000 profit)
    await setSetting(t, 'product_price', 200000);
    await setSetting(t, 'product_cost', 0);
    await setSetting(t, 'min_withdrawal_amount', 10000);
  });
  afterEach(() => expectNoDrift(t));
  afterAll(async () => {
    await t.close();
    await dropTestDatabase(databaseUrl);
  });

  /** A referrer with `orders` × ₹600 released to available; answers the paid orders too. */
  async function earner(orders: number) {
    const referrer = await seedUser(t);
    const paid = [];
    for (let i = 0; i < orders; i++) paid.push(await buy(t, await seedUser(t, referrer.id)));
    await expireHolds(t);
    await t.admin(RELEASE);
    expect(await walletOf(t, referrer)).toMatchObject({ available: orders * 60000 });
    return { ...referrer, orders: paid };
  }

  const request = (telegramId: string, amount: number) =>
    t.bot(REQUEST_WITHDRAWAL, { input: { telegramId, amount, upiId: `guard${telegramId}@okicici` } });

  const openWithdrawals = async (userId: number) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM withdrawals WHERE user_id = $1 AND status IN ('PENDING', 'APPROVED')`, [userId])).rows[0].n;

  // pins the wallet lock a withdrawal request takes before it reads the balance and the open requests
  it('answers the second of two racing requests OPEN_REQUEST_EXISTS after an earlier request was rejected', async () => {
    const user = await earner(1);
    const earlier = await request(user.telegramId, 50000);
    await t.admin(REJECT, { id: earlier.data!.requestWithdrawal.id, reason: 'wrong UPI id' });
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });

    const hold = await holdWallets(t, user.id);
    const first = await startWaiting(t, 0, () => request(user.telegramId, 50000));
    const second = await startWaiting(t, 1, () => request(user.telegramId, 50000));
    await hold.release();
    const [accepted, refused] = [await first.outcome, await second.outcome];

    expect(accepted.data?.requestWithdrawal).toMatchObject({ amount: 50000, status: 'PENDING' });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'OPEN_REQUEST_EXISTS' } });
    expect(await walletOf(t, user)).toMatchObject({ available: 10000, locked: 50000 });
  });

  // pins the same lock against a clawback, and the statement's `available >= amount` guard
  it('refuses a withdrawal that a clawback committed just before leaves uncovered, with the balance after the clawback', async () => {
    const user = await earner(2);
    const hold = await holdWallets(t, user.id);
    const refund = await startWaiting(t, 0, () => t.admin(REFUND, { id: user.orders[0].id, reason: 'chargeback' }));
    const withdrawal = await startWaiting(t, 1, () => request(user.telegramId, 100000));
    await hold.release();

    expect((await refund.outcome).data?.refundOrder.status).toBe('REFUNDED');
    const refused = await withdrawal.outcome;
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', available: 60000 });
    expect(await walletOf(t, user)).toEqual({ pending: 0, available: 60000, locked: 0, withdrawn: 0, total_earned: 60000 });
    expect(await openWithdrawals(user.id)).toBe(0);
  });

  it('lets a withdrawal that waited for a clawback take what is left, and no more', async () => {
    const user = await earner(2);
    const hold = await holdWallets(t, user.id);
    const refund = await startWaiting(t, 0, () => t.admin(REFUND, { id: user.orders[1].id, reason: 'chargeback' }));
    const withdrawal = await startWaiting(t, 1, () => request(user.telegramId, 60000));
    await hold.release();

    expect((await refund.outcome).errors).toBeUndefined();
    expect((await withdrawal.outcome).data?.requestWithdrawal).toMatchObject({ amount: 60000, status: 'PENDING' });
    expect(await walletOf(t, user)).toEqual({ pending: 0, available: 0, locked: 60000, withdrawn: 0, total_earned: 60000 });
  });

  // pins the refund's wallet lock (taken before its commissions are touched)
  it('runs a refund that queues behind a release after it, clawing back what the release made available', async () => {
    const { a, b, c } = await seedChain(t);
    const order = await buy(t, c);
    await expireHolds(t);
    const hold = await holdWallets(t, a.id, b.id);
    const release = await startWaiting(t, 0, () => t.admin(RELEASE));
    const refund = await startWaiting(t, 1, () => t.admin(REFUND, { id: order.id, reason: 'chargeback' }));
    await hold.release();

    const [released, refunded] = [await release.outcome, await refund.outcome];
    expect(released.errors).toBeUndefined();
    expect(refunded.errors).toBeUndefined();
    expect(released.data!.processPendingCommissions).toBeGreaterThanOrEqual(2);
    expect(await walletOf(t, b)).toEqual({ pending: 0, available: 0, locked: 0, withdrawn: 0, total_earned: 0 });
    expect(await walletOf(t, a)).toEqual({ pending: 0, available: 0, locked: 0, withdrawn: 0, total_earned: 0 });
    const ledger = await t.db.query(`SELECT user_id, type, amount FROM wallet_transactions WHERE order_id = $1 OR commission_id IN (SELECT id FROM commissions WHERE order_id = $1) ORDER BY id`, [
      order.id,
    ]);
    expect(ledger.rows.filter((row) => row.type !== 'COMMISSION_CREDIT').map((row) => [row.user_id, row.type, row.amount])).toEqual(
      expect.arrayContaining([
        [a.id, 'COMMISSION_RELEASE', 20000],
        [b.id, 'COMMISSION_RELEASE', 60000],
        [a.id, 'CLAWBACK', -20000],
        [b.id, 'CLAWBACK', -60000],
      ]),
    );
  });

  // pins the ORDER BY of the payment statement's lock: the level-2 referrer (lower id) stored after the level-1 one
  it('pays an order while a refund of the same chain locks in ascending order, without a deadlock', async () => {
    const { a, b, c } = await seedChain(t);
    const earlier = await buy(t, c);
    await storeLast(a.id);
    const created = await t.bot(CREATE_ORDER, { input: { telegramId: c.telegramId, paymentMethod: 'UPI' } });
    const hold = await holdWallets(t, a.id);
    const refund = await startWaiting(t, 0, () => t.admin(REFUND, { id: earlier.id, reason: 'chargeback' }));
    const payment = await startWaiting(t, 1, () => t.bot(CONFIRM, { input: { orderId: created.data!.createOrder.id, transactionId: transactionId() } }));
    await hold.release();

    expect((await refund.outcome).errors).toBeUndefined();
    expect((await payment.outcome).errors).toBeUndefined();
    expect(await walletOf(t, b)).toMatchObject({ pending: 60000, total_earned: 60000 });
    expect(await walletOf(t, a)).toMatchObject({ pending: 20000, total_earned: 20000 });
  });

  it('pays an order while a release of the same chain locks in ascending order, without a deadlock', async () => {
    const { a, b, c } = await seedChain(t);
    await buy(t, c);
    await expireHolds(t);
    await storeLast(a.id);
    const created = await t.bot(CREATE_ORDER, { input: { telegramId: c.telegramId, paymentMethod: 'UPI' } });
    const hold = await holdWallets(t, a.id);
    const release = await startWaiting(t, 0, () => t.admin(RELEASE));
    const payment = await startWaiting(t, 1, () => t.bot(CONFIRM, { input: { orderId: created.data!.createOrder.id, transactionId: transactionId() } }));
    await hold.release();

    expect((await release.outcome).errors).toBeUndefined();
    expect((await payment.outcome).errors).toBeUndefined();
    expect(await walletOf(t, b)).toEqual({ pending: 60000, available: 60000, locked: 0, withdrawn: 0, total_earned: 120000 });
    expect(await walletOf(t, a)).toEqual({ pending: 20000, available: 20000, locked: 0, withdrawn: 0, total_earned: 40000 });
  });

  // pins the payment statement's "all locks taken" join (`chain`)
  it('writes no commission or ledger row while the payment still waits for a wallet of the chain', async () => {
    const { a, b, c } = await seedChain(t);
    const created = await t.bot(CREATE_ORDER, { input: { telegramId: c.telegramId, paymentMethod: 'UPI' } });
    const before = await sequencePositions();
    const hold = await holdWallets(t, Math.max(a.id, b.id)); // the second wallet the payment locks
    const payment = await startWaiting(t, 0, () => t.bot(CONFIRM, { input: { orderId: created.data!.createOrder.id, transactionId: transactionId() } }));
    const whileWaiting = await sequencePositions();
    await hold.release();

    expect((await payment.outcome).errors).toBeUndefined();
    expect(whileWaiting).toEqual(before);
    const after = await sequencePositions();
    expect(after.commissions).toBeGreaterThan(before.commissions);
    expect(await walletOf(t, b)).toMatchObject({ pending: 60000 });
  });

  /** Where the commission and ledger id sequences stand: they move when a row is written, committed or not. */
  async function sequencePositions() {
    const { rows } = await t.db.query(
      `SELECT (SELECT last_value FROM commissions_id_seq) AS commissions, (SELECT last_value FROM wallet_transactions_id_seq) AS ledger`,
    );
    return { commissions: Number(rows[0].commissions), ledger: Number(rows[0].ledger) };
  }

  /** Rewrites the user's rows so they are stored after every other user's: a sequential scan then reaches them last. */
  async function storeLast(userId: number) {
    for (const [table, key] of [
      ['users', 'id'],
      ['wallets', 'user_id'],
      ['referral_stats', 'user_id'],
    ]) {
      await t.db.query(`UPDATE ${table} SET updated_at = updated_at WHERE ${key} = $1`, [userId]);
    }
  }
});

/** Index scans return rows in key order, which would hide a missing ORDER BY: turn them off for this database. */
async function setPlannerForPhysicalOrder(databaseUrl: string, name: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const setting of ['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan']) {
      await client.query(`ALTER DATABASE ${name} SET ${setting} = off`);
    }
  } finally {
    await client.end();
  }
}
