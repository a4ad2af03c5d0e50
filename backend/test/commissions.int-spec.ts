import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { buy, CONFIRM, CREATE_ORDER, expectNoDrift, expireHolds, REQUEST_WITHDRAWAL, seedChain, seedUser, setSetting, transactionId, walletOf } from './support/money.js';
import { codeOf, createAdmin, startTestApp, type TestApp } from './support/test-app.js';

const RELEASE = 'mutation { processPendingCommissions }';
const REFUND = 'mutation($id: ID!, $reason: String!) { refundOrder(id: $id, reason: $reason) { id status } }';

describe('hold, release and refund', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => expectNoDrift(t));
  afterAll(() => t.close());

  it('releases nothing before releaseAt, then everything matured, once', async () => {
    const { a, b, c } = await seedChain(t);
    await buy(t, c);
    expect((await t.admin(RELEASE)).data!.processPendingCommissions).toBe(0);
    expect(await walletOf(t, b)).toMatchObject({ pending: 2800, available: 0 });

    await expireHolds(t);
    expect((await t.admin(RELEASE)).data!.processPendingCommissions).toBe(2);
    expect(await walletOf(t, b)).toMatchObject({ pending: 0, available: 2800, total_earned: 2800 });
    expect(await walletOf(t, a)).toMatchObject({ pending: 0, available: 900 });
    expect((await t.admin(RELEASE)).data!.processPendingCommissions).toBe(0);

    const ledger = await t.db.query(`SELECT from_bucket, bucket, amount FROM wallet_transactions WHERE user_id = $1 AND type = 'COMMISSION_RELEASE'`, [b.id]);
    expect(ledger.rows).toEqual([{ from_bucket: 'PENDING', bucket: 'AVAILABLE', amount: 2800 }]);
    const logged = await t.db.query(`SELECT after FROM admin_logs WHERE action = 'processPendingCommissions' ORDER BY id DESC LIMIT 1`);
    expect(logged.rows[0].after).toBe(0);
  });

  it('releases each commission once when two runs race', async () => {
    const buyers = [];
    for (let i = 0; i < 5; i++) buyers.push((await seedChain(t)).c);
    for (const buyer of buyers) await buy(t, buyer);
    await expireHolds(t);
    const pending = (await t.db.query(`SELECT count(*)::int AS n FROM commissions WHERE status = 'PENDING'`)).rows[0].n;
    const results = await Promise.all([t.admin(RELEASE), t.admin(RELEASE), t.admin(RELEASE)]);
    // A run that finds another one working says so (CONFLICT, RELEASE_IN_PROGRESS) and releases nothing.
    const busy = results.filter((r) => r.errors);
    expect(busy.map((r) => r.errors![0].extensions?.reason)).toEqual(busy.map(() => 'RELEASE_IN_PROGRESS'));
    const released = results.filter((r) => !r.errors).map((r) => r.data!.processPendingCommissions as number);
    expect(released.reduce((sum, n) => sum + n, 0)).toBe(pending);
    const releases = await t.db.query(`SELECT commission_id, count(*)::int AS n FROM wallet_transactions WHERE type = 'COMMISSION_RELEASE' GROUP BY commission_id HAVING count(*) <> 1`);
    expect(releases.rows).toEqual([]);
  });

  it('refuses a second release in the same process while the first is still running', async () => {
    const { b } = await seedChain(t);
    await buy(t, (await seedChain(t)).c);
    await buy(t, await seedUser(t, b.id));
    await expireHolds(t);
    const pending = (await t.db.query(`SELECT count(*)::int AS n FROM commissions WHERE status = 'PENDING'`)).rows[0].n;
    // Hold one beneficiary's wallet: the first run stops inside its batch, lease taken.
    const holder = await t.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM wallets WHERE user_id = $1 FOR UPDATE', [b.id]);
      const waitingOn = async (statement: string) => {
        for (let waited = 0; waited < 10_000; waited += 20) {
          const blocked = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1 AND pid <> pg_backend_pid()`, [`%${statement}%`]);
          if (blocked.rows[0].n > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error(`no release reached ${statement}`);
      };
      const first = t.admin(RELEASE);
      await waitingOn('FOR UPDATE');
      // The second asks for the lease, which the first's batch has just renewed: it waits for that
      // batch to commit, then finds the lease held by another run.
      const second = t.admin(RELEASE);
      await waitingOn('INSERT INTO job_leases');
      await holder.query('COMMIT');
      expect((await second).errors?.[0].extensions?.reason).toBe('RELEASE_IN_PROGRESS');
      expect((await first).data!.processPendingCommissions).toBe(pending);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM commissions WHERE status = 'PENDING'`)).rows[0].n).toBe(0);
  });

  it('credits every payment exactly when the buyers of one referrer pay at once, while releases and a refund run', async () => {
    const { a, b, c } = await seedChain(t);
    const buyers = [c];
    for (let i = 0; i < 11; i++) buyers.push(await seedUser(t, b.id));
    await buy(t, c); // matured below: the releases have work
    await expireHolds(t);
    const refunded = await buy(t, buyers[1]); // still pending: the refund reverses it
    const orders = [];
    for (const buyer of [...buyers, ...buyers]) {
      const created = await t.bot(CREATE_ORDER, { input: { telegramId: buyer.telegramId, paymentMethod: 'UPI' } });
      orders.push(created.data!.createOrder.id as string);
    }

    const results = await Promise.all([
      ...orders.map((orderId) => t.bot(CONFIRM, { input: { orderId, transactionId: transactionId() } })),
      t.admin(RELEASE),
      t.admin(REFUND, { id: refunded.id, reason: 'chargeback' }),
      t.admin(RELEASE),
    ]);
    // Racing releases: the one that finds another working answers RELEASE_IN_PROGRESS; nothing else may fail.
    expect(results.filter((result) => result.errors && result.errors[0].extensions?.reason !== 'RELEASE_IN_PROGRESS')).toEqual([]);

    // c's first order (released), the 24 new ones (pending); the refunded one earns nothing
    expect(await walletOf(t, b)).toEqual({ pending: 24 * 2800, available: 2800, locked: 0, withdrawn: 0, total_earned: 25 * 2800 });
    expect(await walletOf(t, a)).toEqual({ pending: 24 * 900, available: 900, locked: 0, withdrawn: 0, total_earned: 25 * 900 });
    const stats = await t.db.query('SELECT user_id, level1_earned, level2_earned, conversions FROM referral_stats WHERE user_id IN ($1, $2) ORDER BY user_id', [a.id, b.id]);
    expect(stats.rows).toEqual([
      { user_id: a.id, level1_earned: 0, level2_earned: 25 * 900, conversions: 0 },
      { user_id: b.id, level1_earned: 25 * 2800, level2_earned: 0, conversions: 12 },
    ]);
    const credited = await t.db.query(`SELECT count(*)::int AS n FROM commissions WHERE order_id = ANY($1::bigint[])`, [orders]);
    expect(credited.rows[0].n).toBe(48);
  });

  it('releases in batches through the service with progress', async () => {
    const { CommissionsService } = await import('../src/commissions/commissions.service.js');
    const service = t.app.get(CommissionsService);
    await expireHolds(t); // what earlier tests left pending is released first, out of the count
    await service.releaseMatured(new Date());
    const buyers = [];
    for (let i = 0; i < 3; i++) buyers.push((await seedChain(t)).c);
    for (const buyer of buyers) await buy(t, buyer);
    await expireHolds(t);
    const result = await service.releaseMatured(new Date(), 2);
    expect(result).toMatchObject({ released: 6, batches: 3, amount: 3 * (2800 + 900), skipped: false });
  });

  it('keeps the commissions of a blocked or suspicious beneficiary pending', async () => {
    const { a, b, c } = await seedChain(t);
    await buy(t, c);
    await t.db.query(`UPDATE users SET status = 'SUSPICIOUS' WHERE id = $1`, [b.id]);
    await t.db.query(`UPDATE users SET status = 'BLOCKED' WHERE id = $1`, [a.id]);
    await expireHolds(t);
    await t.admin(RELEASE);
    expect(await walletOf(t, b)).toMatchObject({ pending: 2800, available: 0 });
    expect(await walletOf(t, a)).toMatchObject({ pending: 900, available: 0 });
    await t.db.query(`UPDATE users SET status = 'ACTIVE' WHERE id IN ($1, $2)`, [a.id, b.id]);
    await t.admin(RELEASE);
    expect(await walletOf(t, b)).toMatchObject({ pending: 0, available: 2800 });
  });

  it('reverses pending commissions on a refund before release', async () => {
    const { a, b, c } = await seedChain(t);
    const order = await buy(t, c);
    const refund = await t.admin(REFUND, { id: order.id, reason: 'customer asked' });
    expect(refund.data!.refundOrder.status).toBe('REFUNDED');
    expect(await walletOf(t, b)).toEqual({ pending: 0, available: 0, locked: 0, withdrawn: 0, total_earned: 0 });
    expect(await walletOf(t, a)).toEqual({ pending: 0, available: 0, locked: 0, withdrawn: 0, total_earned: 0 });
    const statuses = await t.db.query('SELECT status FROM commissions WHERE order_id = $1', [order.id]);
    expect(statuses.rows.map((row) => row.status)).toEqual(['REVERSED', 'REVERSED']);
    const stats = await t.db.query('SELECT level1_earned FROM referral_stats WHERE user_id = $1', [b.id]);
    expect(stats.rows[0].level1_earned).toBe(0);
    await expireHolds(t);
    await t.admin(RELEASE);
    expect(await walletOf(t, b)).toMatchObject({ available: 0 });
  });

  it('claws back released commissions, taking available below zero without touching locked money', async () => {
    await setSetting(t, 'min_withdrawal_amount', 2000);
    try {
      const { b, c } = await seedChain(t);
      const first = await buy(t, c);
      await buy(t, c);
      await expireHolds(t);
      await t.admin(RELEASE);
      expect(await walletOf(t, b)).toMatchObject({ available: 5600 });
      const withdrawal = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 5000, upiId: 'b@okaxis' } });
      expect(withdrawal.errors).toBeUndefined();
      expect(await walletOf(t, b)).toMatchObject({ available: 600, locked: 5000 });

      await t.admin(REFUND, { id: first.id, reason: 'chargeback' });
      expect(await walletOf(t, b)).toEqual({ pending: 0, available: 600 - 2800, locked: 5000, withdrawn: 0, total_earned: 2800 });
      const clawback = await t.db.query(`SELECT bucket, amount FROM wallet_transactions WHERE order_id = $1 AND type = 'CLAWBACK' AND user_id = $2`, [first.id, b.id]);
      expect(clawback.rows).toEqual([{ bucket: 'AVAILABLE', amount: -2800 }]);

      // a later commission pays the debt back before anything is withdrawable
      const d = await seedUser(t, b.id);
      await buy(t, d);
      await expireHolds(t);
      await t.admin(RELEASE);
      expect(await walletOf(t, b)).toMatchObject({ available: 600 });
    } finally {
      await setSetting(t, 'min_withdrawal_amount', 50000);
    }
  });

  it('refuses to refund twice, or to refund an unpaid order, changing nothing', async () => {
    const { b, c } = await seedChain(t);
    const order = await buy(t, c);
    await t.admin(REFUND, { id: order.id, reason: 'first' });
    const logs = (await t.db.query('SELECT count(*)::int AS n FROM admin_logs')).rows[0].n;
    const again = await t.admin(REFUND, { id: order.id, reason: 'second' });
    expect(codeOf(again)).toBe('CONFLICT');
    expect((await t.db.query('SELECT count(*)::int AS n FROM admin_logs')).rows[0].n).toBe(logs);
    expect(await walletOf(t, b)).toMatchObject({ pending: 0, total_earned: 0 });
    const created = await t.bot('mutation($i: CreateOrderInput!) { createOrder(input: $i) { id } }', { i: { telegramId: c.telegramId, paymentMethod: 'UPI' } });
    expect(codeOf(await t.admin(REFUND, { id: created.data!.createOrder.id, reason: 'not paid' }))).toBe('CONFLICT');
    expect(codeOf(await t.admin(REFUND, { id: '987654321', reason: 'unknown' }))).toBe('NOT_FOUND');
  });

  it('lets admins but not the bot refund, and records who did it', async () => {
    const { c } = await seedChain(t);
    const order = await buy(t, c);
    expect(codeOf(await t.bot(REFUND, { id: order.id, reason: 'bot tries' }))).toBe('FORBIDDEN');
    const admin = await createAdmin(t, '700000101');
    expect((await t.as(admin.token)(REFUND, { id: order.id, reason: 'admin refund' })).data!.refundOrder.status).toBe('REFUNDED');
    const log = await t.db.query(`SELECT admin_id, target_type, target_id, before->>'status' AS before, after->>'status' AS after FROM admin_logs WHERE action = 'refundOrder' AND target_id = $1`, [String(order.id)]);
    expect(log.rows).toEqual([{ admin_id: Number(admin.id), target_type: 'Order', target_id: String(order.id), before: 'PAID', after: 'REFUNDED' }]);
    const actors = await t.db.query(`SELECT DISTINCT actor FROM wallet_transactions WHERE order_id = $1 AND type = 'COMMISSION_REVERSAL'`, [order.id]);
    expect(actors.rows).toEqual([{ actor: `admin:${admin.id}` }]);
  });

  it('lists commissions with filters', async () => {
    const { b, c } = await seedChain(t);
    await buy(t, c);
    const result = await t.admin(
      'query($f: CommissionFilter) { allCommissions(filter: $f) { amount level status } _allCommissionsMeta(filter: $f) { count } }',
      { f: { beneficiaryId: String(b.id), level: 1 } },
    );
    expect(result.data!.allCommissions).toEqual([{ amount: 2800, level: 1, status: 'PENDING' }]);
    expect(result.data!._allCommissionsMeta.count).toBe(1);
  });

  it('keeps the ledger append-only, and what it references undeletable, in the database itself', async () => {
    await buy(t, (await seedChain(t)).c);
    await expect(t.db.query('UPDATE wallet_transactions SET amount = amount + 1')).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM wallet_transactions')).rejects.toThrow(/append-only/);
    await expect(t.db.query('UPDATE wallets SET available = available + 100 WHERE user_id = (SELECT min(user_id) FROM wallets)')).rejects.toThrow(/wallets_buckets_balance/);
    // what the ledger references is never deleted
    await expect(t.db.query('DELETE FROM commissions')).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM wallets')).rejects.toThrow(/append-only/);
  });

});
