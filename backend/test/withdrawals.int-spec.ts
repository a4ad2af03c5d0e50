import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { buy, expectNoDrift, expireHolds, REQUEST_WITHDRAWAL, seedUser, setSetting, walletOf } from './support/money.js';
import { codeOf, createAdmin, startTestApp, type TestApp } from './support/test-app.js';

const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status } }';
const REJECT = 'mutation($id: ID!, $reason: String!) { rejectWithdrawal(id: $id, reason: $reason) { id status } }';
const PAID = 'mutation($id: ID!, $ref: String!) { markWithdrawalPaid(id: $id, payoutReference: $ref) { id status } }';
const REFUND = 'mutation($id: ID!, $reason: String!) { refundOrder(id: $id, reason: $reason) { id status } }';

describe('withdrawals', () => {
  let t: TestApp;
  let payoutCounter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    // one paid order earns the referrer ₹600 (30% of a ₹2,000 profit); minimum ₹500
    await setSetting(t, 'product_price', 200000);
    await setSetting(t, 'product_cost', 0);
  });
  afterEach(() => expectNoDrift(t));
  afterAll(() => t.close());

  /** A referrer with `orders` × ₹600 available. */
  async function earner(orders = 1) {
    const referrer = await seedUser(t);
    for (let i = 0; i < orders; i++) await buy(t, await seedUser(t, referrer.id));
    await expireHolds(t);
    await t.admin('mutation { processPendingCommissions }');
    return referrer;
  }

  // each user their own UPI id: a shared one is (rightly) flagged as fraud and holds approval
  const request = (telegramId: string, amount: unknown, upiId = `earner${telegramId}@okhdfcbank`) =>
    t.bot(REQUEST_WITHDRAWAL, { input: { telegramId, amount, upiId } });

  it('moves the amount available → locked, then locked → withdrawn when paid', async () => {
    const user = await earner(1);
    expect(await walletOf(t, user)).toMatchObject({ available: 60000 });
    const requested = await request(user.telegramId, 50000);
    expect(requested.data!.requestWithdrawal).toMatchObject({ amount: 50000, status: 'PENDING', upiId: `earner${user.telegramId}@okhdfcbank` });
    expect(await walletOf(t, user)).toMatchObject({ available: 10000, locked: 50000 });
    const id = requested.data!.requestWithdrawal.id;
    expect((await t.admin(APPROVE, { id })).data!.approveWithdrawal.status).toBe('APPROVED');
    expect(await walletOf(t, user)).toMatchObject({ available: 10000, locked: 50000 });
    expect((await t.admin(PAID, { id, ref: 'UTR123456789' })).data!.markWithdrawalPaid.status).toBe('PAID');
    expect(await walletOf(t, user)).toEqual({ pending: 0, available: 10000, locked: 0, withdrawn: 50000, total_earned: 60000 });
    const wallet = await t.bot('query($t: String!) { wallet(telegramId: $t) { totalWithdrawn } }', { t: user.telegramId });
    expect(wallet.data!.wallet.totalWithdrawn).toBe(50000);
    const history = await t.bot('query($t: String!) { walletTransactions(telegramId: $t, perPage: 2) { type fromBucket bucket amount } }', { t: user.telegramId });
    expect(history.data!.walletTransactions).toEqual([
      { type: 'WITHDRAWAL_PAYOUT', fromBucket: 'LOCKED', bucket: 'WITHDRAWN', amount: 50000 },
      { type: 'WITHDRAWAL_LOCK', fromBucket: 'AVAILABLE', bucket: 'LOCKED', amount: 50000 },
    ]);
  });

  it('returns the money on rejection, from PENDING or APPROVED', async () => {
    const user = await earner(1);
    const first = (await request(user.telegramId, 50000)).data!.requestWithdrawal.id;
    expect((await t.admin(REJECT, { id: first, reason: 'UPI id does not match the account' })).data!.rejectWithdrawal.status).toBe('REJECTED');
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
    const second = (await request(user.telegramId, 60000)).data!.requestWithdrawal.id;
    await t.admin(APPROVE, { id: second });
    await t.admin(REJECT, { id: second, reason: 'payout bounced' });
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
    const reason = await t.db.query('SELECT reject_reason FROM withdrawals WHERE id = $1', [second]);
    expect(reason.rows[0].reject_reason).toBe('payout bounced');
  });

  it.each([
    [49999, 'BAD_USER_INPUT', 'BELOW_MINIMUM'],
    [60001, 'BAD_USER_INPUT', 'INSUFFICIENT_FUNDS'],
    [-50000, 'BAD_USER_INPUT', undefined],
    [0, 'BAD_USER_INPUT', undefined],
    [50000.5, 'BAD_USER_INPUT', undefined],
    ['50000', 'BAD_USER_INPUT', undefined],
    [1e16, 'BAD_USER_INPUT', undefined],
  ])('refuses an amount of %p with %s and moves nothing', async (amount, code, reason) => {
    const user = await earner(1);
    const result = await request(user.telegramId, amount);
    expect(codeOf(result)).toBe(code);
    if (reason) expect(result.errors![0].extensions!.reason).toBe(reason);
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
    expect((await t.db.query('SELECT count(*)::int AS n FROM withdrawals WHERE user_id = $1', [user.id])).rows[0].n).toBe(0);
  });

  it.each(['earner', '@okaxis', 'earner@', 'a b@okaxis', 'earner@ok axis', 'x'.repeat(300) + '@okaxis'])('refuses the UPI id %p', async (upiId) => {
    const user = await earner(1);
    expect(codeOf(await request(user.telegramId, 50000, upiId))).toBe('BAD_USER_INPUT');
    expect(await walletOf(t, user)).toMatchObject({ locked: 0 });
  });

  it('allows one open request per user and never overdraws under concurrent requests', async () => {
    const user = await earner(2);
    const results = await Promise.all(Array.from({ length: 10 }, () => request(user.telegramId, 60000)));
    const accepted = results.filter((r) => r.data?.requestWithdrawal);
    expect(accepted).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(9);
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 60000 });
  });

  it('refuses withdrawals while switched off, for blocked users, and for unknown users', async () => {
    const user = await earner(1);
    await setSetting(t, 'withdrawals_enabled', false);
    try {
      expect(codeOf(await request(user.telegramId, 50000))).toBe('FORBIDDEN');
    } finally {
      await setSetting(t, 'withdrawals_enabled', true);
    }
    await t.db.query(`UPDATE users SET status = 'BLOCKED' WHERE id = $1`, [user.id]);
    expect(codeOf(await request(user.telegramId, 50000))).toBe('FORBIDDEN');
    await t.db.query(`UPDATE users SET status = 'ACTIVE' WHERE id = $1`, [user.id]);
    expect(codeOf(await request('88888888888', 50000))).toBe('NOT_FOUND');
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
  });

  it('refuses every withdrawal while a clawback leaves a debt, until later commissions repay it', async () => {
    const referrer = await seedUser(t);
    const orders = [];
    for (let i = 0; i < 2; i++) orders.push(await buy(t, await seedUser(t, referrer.id)));
    await expireHolds(t);
    await t.admin('mutation { processPendingCommissions }');
    // ₹1,000 of the ₹1,200 released is withdrawn and paid out
    const paidOut = (await request(referrer.telegramId, 100000)).data!.requestWithdrawal.id;
    await t.admin(APPROVE, { id: paidOut });
    await t.admin(PAID, { id: paidOut, ref: 'UTR-BEFORE-CLAWBACK' });
    expect(await walletOf(t, referrer)).toEqual({ pending: 0, available: 20000, locked: 0, withdrawn: 100000, total_earned: 120000 });

    // the first order is refunded after release: its ₹600 is clawed back from the ₹200 left
    expect((await t.admin(REFUND, { id: orders[0].id, reason: 'chargeback' })).data!.refundOrder.status).toBe('REFUNDED');
    expect(await walletOf(t, referrer)).toEqual({ pending: 0, available: -40000, locked: 0, withdrawn: 100000, total_earned: 60000 });
    const clawback = await t.db.query(`SELECT amount FROM wallet_transactions WHERE user_id = $1 AND type = 'CLAWBACK'`, [referrer.id]);
    expect(clawback.rows).toEqual([{ amount: -60000 }]);

    for (const amount of [50000, 60000, 1]) {
      const refused = await request(referrer.telegramId, amount);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions).toMatchObject({ reason: amount < 50000 ? 'BELOW_MINIMUM' : 'INSUFFICIENT_FUNDS' });
      if (amount >= 50000) expect(refused.errors![0].extensions!.available).toBe(-40000);
    }
    // a new ₹600 commission repays the ₹400 debt first: ₹200 left, still under the ₹500 minimum
    await buy(t, await seedUser(t, referrer.id));
    await expireHolds(t);
    await t.admin('mutation { processPendingCommissions }');
    expect(await walletOf(t, referrer)).toMatchObject({ available: 20000 });
    expect(codeOf(await request(referrer.telegramId, 50000))).toBe('BAD_USER_INPUT');
    // one more, and the ₹800 available can be withdrawn again
    await buy(t, await seedUser(t, referrer.id));
    await expireHolds(t);
    await t.admin('mutation { processPendingCommissions }');
    expect((await request(referrer.telegramId, 80000)).data!.requestWithdrawal).toMatchObject({ amount: 80000, status: 'PENDING' });
    expect(await walletOf(t, referrer)).toEqual({ pending: 0, available: 0, locked: 80000, withdrawn: 100000, total_earned: 180000 });
    expect((await t.db.query('SELECT count(*)::int AS n FROM withdrawals WHERE user_id = $1', [referrer.id])).rows[0].n).toBe(2);
  });

  it('ends competing admin decisions in exactly one outcome', async () => {
    const user = await earner(1);
    const other = await createAdmin(t, '700000201');
    for (let round = 0; round < 5; round++) {
      const id = (await request(user.telegramId, 50000)).data!.requestWithdrawal.id;
      const [approve, reject] = await Promise.all([
        t.as(other.token)(APPROVE, { id }),
        t.admin(REJECT, { id, reason: 'competing decision' }),
      ]);
      const status = (await t.db.query('SELECT status FROM withdrawals WHERE id = $1', [id])).rows[0].status;
      if (status === 'APPROVED') {
        expect(approve.errors).toBeUndefined();
        expect(codeOf(reject)).toBe('CONFLICT');
        await t.admin(REJECT, { id, reason: 'clean up' });
      } else {
        expect(status).toBe('REJECTED');
        expect(reject.errors).toBeUndefined();
        // approve either lost the race (CONFLICT) or won it and was then rejected from APPROVED
        if (approve.errors) expect(codeOf(approve)).toBe('CONFLICT');
      }
      expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
    }
    const id = (await request(user.telegramId, 50000)).data!.requestWithdrawal.id;
    await t.admin(APPROVE, { id });
    payoutCounter += 1;
    const [pay, reject] = await Promise.all([
      t.admin(PAID, { id, ref: `UTR-RACE-${payoutCounter}` }),
      t.as(other.token)(REJECT, { id, reason: 'late rejection' }),
    ]);
    expect([pay, reject].filter((r) => !r.errors)).toHaveLength(1);
    const wallet = await walletOf(t, user);
    expect(wallet.locked).toBe(0);
    expect(wallet.withdrawn + wallet.available).toBe(60000);
  });

  it('answers CONFLICT for wrong transitions and changes nothing', async () => {
    const user = await earner(1);
    const id = (await request(user.telegramId, 50000)).data!.requestWithdrawal.id;
    expect(codeOf(await t.admin(PAID, { id, ref: 'UTR-TOO-EARLY' }))).toBe('CONFLICT');
    await t.admin(APPROVE, { id });
    expect(codeOf(await t.admin(APPROVE, { id }))).toBe('CONFLICT');
    await t.admin(PAID, { id, ref: 'UTR-ONCE-1' });
    expect(codeOf(await t.admin(APPROVE, { id }))).toBe('CONFLICT');
    expect(codeOf(await t.admin(REJECT, { id, reason: 'too late' }))).toBe('CONFLICT');
    expect(codeOf(await t.admin(PAID, { id, ref: 'UTR-ONCE-2' }))).toBe('CONFLICT');
    expect(codeOf(await t.admin(APPROVE, { id: '77777777' }))).toBe('NOT_FOUND');
    expect(await walletOf(t, user)).toMatchObject({ available: 10000, locked: 0, withdrawn: 50000 });
  });

  it('holds approval while the user is under fraud review', async () => {
    const user = await earner(1);
    const id = (await request(user.telegramId, 50000)).data!.requestWithdrawal.id;
    await t.db.query(`UPDATE users SET status = 'SUSPICIOUS' WHERE id = $1`, [user.id]);
    expect(codeOf(await t.admin(APPROVE, { id }))).toBe('CONFLICT');
    await t.db.query(`UPDATE users SET status = 'ACTIVE' WHERE id = $1`, [user.id]);
    expect((await t.admin(APPROVE, { id })).data!.approveWithdrawal.status).toBe('APPROVED');
  });

  it('lists withdrawals and ledger entries for admins with filters', async () => {
    const user = await earner(1);
    await request(user.telegramId, 50000);
    const result = await t.admin(
      `query($w: WithdrawalFilter, $l: WalletTransactionFilter) {
         allWithdrawals(filter: $w) { amount status user { telegramId } } _allWithdrawalsMeta(filter: $w) { count }
         allWalletTransactions(filter: $l, sortField: "id", sortOrder: "ASC") { type fromBucket bucket amount } }`,
      { w: { userId: String(user.id), status: 'PENDING' }, l: { userId: String(user.id), type: 'WITHDRAWAL_LOCK' } },
    );
    expect(result.data!.allWithdrawals).toEqual([{ amount: 50000, status: 'PENDING', user: { telegramId: user.telegramId } }]);
    expect(result.data!._allWithdrawalsMeta.count).toBe(1);
    expect(result.data!.allWalletTransactions).toEqual([{ type: 'WITHDRAWAL_LOCK', fromBucket: 'AVAILABLE', bucket: 'LOCKED', amount: 50000 }]);
  });
});
