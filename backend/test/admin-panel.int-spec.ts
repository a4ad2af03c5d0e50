import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DatabasePool } from '../src/database/database-pool.js';
import { buy, CREATE_ORDER, expireHolds, FAIL, REQUEST_WITHDRAWAL, seedUser, setSetting, transactionId } from './support/money.js';
import { indexedPlan, pagesFetched } from './support/list-plans.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const RISK = `query($id: ID!) { Withdrawal(id: $id) { id status risk {
  userStatus openFlags accountCreatedAt totalEarned totalWithdrawn sameUpiUsers approvalBlockedReason } } }`;

/** What the admin panel reads beyond plain CRUD: risk on the withdrawal queue, searches, setting bounds. */
describe('admin panel reads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await setSetting(t, 'min_withdrawal_amount', 100);
  });
  afterAll(() => t.close());

  /** A referrer with ₹28.00 available (one referred purchase, hold expired and released). */
  async function referrerWithEarnings() {
    const referrer = await seedUser(t);
    const buyer = await seedUser(t, referrer.id);
    await buy(t, buyer);
    await expireHolds(t);
    expect((await t.admin('mutation { processPendingCommissions }')).errors).toBeUndefined();
    return referrer;
  }

  async function requestWithdrawal(user: { telegramId: string }, upiId: string, amount = 1000) {
    const result = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: user.telegramId, amount, upiId } });
    expect(result.errors).toBeUndefined();
    return result.data!.requestWithdrawal as { id: string };
  }

  it('declares NOT NULL only columns the database keeps NOT NULL (lists sort those the way their index reads)', async () => {
    // A list sorts a NOT NULL column without NULLS LAST (ListQuery.rows): an entity column
    // declared NOT NULL that the database lets be NULL would put its NULLs first when descending.
    const { rows } = await t.db.query(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND is_nullable = 'YES' AND is_generated = 'NEVER'`,
    );
    const nullable = new Set(rows.map((row) => row.name));
    const declared = t.app
      .get(DataSource)
      .entityMetadatas.flatMap((entity) => entity.columns.filter((column) => !column.isNullable).map((column) => `${entity.tableName}.${column.databaseName}`));
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.filter((name) => nullable.has(name))).toEqual([]);
  });

  it("pages orders newest first and lists the latest paid ones (the dashboard's widget) by index, not by sorting every order", async () => {
    for (let i = 0; i < 3; i += 1) await buy(t, await seedUser(t));
    await t.bot(CREATE_ORDER, { input: { telegramId: (await seedUser(t)).telegramId, paymentMethod: 'UPI' } });
    const cases = [
      // the Orders list's default sort (created_at is NOT NULL)
      { list: '{ allOrders(perPage: 5) { id } }', index: 'orders_created_at_idx', expected: 'SELECT id::text FROM orders ORDER BY created_at DESC, id DESC LIMIT 5' },
      // paid_at is nullable, but not for a PAID order: orders_paid_at_idx is partial
      {
        list: '{ allOrders(filter: { status: PAID }, perPage: 5, sortField: "paidAt", sortOrder: "DESC") { id } }',
        index: 'orders_paid_at_idx',
        expected: "SELECT id::text FROM orders WHERE status = 'PAID' ORDER BY paid_at DESC, id DESC LIMIT 5",
      },
    ];
    for (const { list, index, expected } of cases) {
      const { result: listed, pages } = await pagesFetched('o', () => t.admin(list));
      expect(listed.errors).toBeUndefined();
      const rows = (await t.db.query(expected)).rows.map((row) => row.id);
      expect(listed.data!.allOrders.map((order: { id: string }) => order.id)).toEqual(rows);
      expect(pages).toHaveLength(1);
      // On this small table a scan and a sort are cheapest; with both priced out, the page's SQL
      // must be answerable by walking the index backwards, with no sort of the whole set
      // (`DESC NULLS LAST` matched no index: 1.1 s and 0.9 s a page at 3,000,000 orders).
      const plan = await indexedPlan(t.db, pages[0]);
      expect([list, plan]).toEqual([list, expect.stringContaining(`"Index Name":"${index}"`)]);
      expect(plan).toContain('"Scan Direction":"Backward"');
      expect(plan).not.toContain('"Node Type":"Sort"');
    }
  });

  it('finds an order by the transaction ID of its failed payment', async () => {
    const buyer = await seedUser(t);
    const created = await t.bot(CREATE_ORDER, { input: { telegramId: buyer.telegramId, paymentMethod: 'UPI' } });
    const failedId = `FAILED-${transactionId()}`;
    expect((await t.bot(FAIL, { input: { orderId: created.data!.createOrder.id, transactionId: failedId } })).errors).toBeUndefined();

    const found = await t.admin('query($f: OrderFilter) { allOrders(filter: $f) { id status failedTransactionId } _allOrdersMeta(filter: $f) { count } }', {
      f: { q: failedId.slice(3, -2).toLowerCase() },
    });
    expect(found.errors).toBeUndefined();
    expect(found.data!.allOrders).toEqual([{ id: created.data!.createOrder.id, status: 'FAILED', failedTransactionId: failedId }]);
    expect(found.data!._allOrdersMeta.count).toBe(1);
  });

  it("shows a withdrawal's risk: earned vs withdrawn, account age, no flags, nothing blocking approval", async () => {
    const referrer = await referrerWithEarnings();
    const withdrawal = await requestWithdrawal(referrer, `solo${referrer.telegramId}@upi`);
    const { rows } = await t.db.query('SELECT created_at FROM users WHERE id = $1', [referrer.id]);

    const result = await t.admin(RISK, { id: withdrawal.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.Withdrawal.risk).toEqual({
      userStatus: 'ACTIVE',
      openFlags: 0,
      accountCreatedAt: rows[0].created_at.toISOString(),
      // ₹135 - ₹42 = ₹93 profit, 30% = ₹27.90, rounded to whole rupees: ₹28.
      totalEarned: 2800,
      totalWithdrawn: 0,
      sameUpiUsers: 0,
      approvalBlockedReason: null,
    });
  });

  it('says approval is blocked exactly when approveWithdrawal refuses: open flag, then blocked user', async () => {
    const referrer = await referrerWithEarnings();
    const withdrawal = await requestWithdrawal(referrer, `held${referrer.telegramId}@upi`);
    const flag = await t.admin('mutation($input: CreateFraudFlagInput!) { createFraudFlag(input: $input) { id } }', {
      input: { userId: String(referrer.id), type: 'MANUAL', severity: 'HIGH', reason: 'Shared phone with other accounts' },
    });
    expect(flag.errors).toBeUndefined();

    const held = (await t.admin(RISK, { id: withdrawal.id })).data!.Withdrawal.risk;
    expect(held).toMatchObject({ userStatus: 'SUSPICIOUS', openFlags: 1, approvalBlockedReason: 'USER_ON_HOLD' });
    const refused = await t.admin('mutation($id: ID!) { approveWithdrawal(id: $id) { id } }', { id: withdrawal.id });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.reason).toBe('USER_ON_HOLD');

    await t.db.query(`UPDATE users SET status = 'BLOCKED' WHERE id = $1`, [referrer.id]);
    expect((await t.admin(RISK, { id: withdrawal.id })).data!.Withdrawal.risk.approvalBlockedReason).toBe('USER_BLOCKED');
    const blocked = await t.admin('mutation($id: ID!) { approveWithdrawal(id: $id) { id } }', { id: withdrawal.id });
    expect(blocked.errors![0].extensions!.reason).toBe('USER_BLOCKED');
  });

  it('counts the other users who asked to be paid to the same UPI ID, in any letter case, and says nothing to block a decided one', async () => {
    const first = await referrerWithEarnings();
    const second = await referrerWithEarnings();
    const third = await referrerWithEarnings();
    const upiId = `family${first.telegramId}@upi`;
    const mine = await requestWithdrawal(first, upiId);
    await requestWithdrawal(second, upiId.toUpperCase());
    await requestWithdrawal(third, upiId);

    const risk = (await t.admin(RISK, { id: mine.id })).data!.Withdrawal.risk;
    expect(risk.sameUpiUsers).toBe(2);

    await t.db.query(`UPDATE users SET status = 'BLOCKED' WHERE id = $1`, [first.id]);
    const rejected = await t.admin('mutation($id: ID!) { rejectWithdrawal(id: $id, reason: "duplicate UPI") { id } }', { id: mine.id });
    expect(rejected.errors).toBeUndefined();
    expect((await t.admin(RISK, { id: mine.id })).data!.Withdrawal.risk.approvalBlockedReason).toBeNull();
  });

  it('loads the risk of a page of withdrawals in one statement, not one per row', async () => {
    const referrers = [];
    for (let i = 0; i < 4; i += 1) referrers.push(await referrerWithEarnings());
    for (const referrer of referrers) await requestWithdrawal(referrer, `page${referrer.telegramId}@upi`);
    const statements: string[] = [];
    // the risk statement runs on the application's pool (a repository statement)
    const database = t.app.get(DatabasePool);
    const original = database.run.bind(database);
    database.run = ((statement, values, client) => {
      statements.push(statement.text);
      return original(statement, values, client);
    }) as typeof database.run;
    try {
      const result = await t.admin('{ allWithdrawals(perPage: 4, sortField: "id", sortOrder: "DESC") { id risk { openFlags } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data!.allWithdrawals).toHaveLength(4);
    } finally {
      database.run = original;
    }
    expect(statements.filter((query) => query.includes('"sameUpiUsers"'))).toHaveLength(1);
  });

  it("reads a user's ledger as a statement: payout signed −, release ±0, balance after each entry", async () => {
    const referrer = await referrerWithEarnings();
    const withdrawal = await requestWithdrawal(referrer, `ledger${referrer.telegramId}@upi`, 1000);
    expect((await t.admin('mutation($id: ID!) { approveWithdrawal(id: $id) { id } }', { id: withdrawal.id })).errors).toBeUndefined();
    const paid = await t.admin('mutation($id: ID!) { markWithdrawalPaid(id: $id, payoutReference: "UTR-LEDGER-1") { id } }', { id: withdrawal.id });
    expect(paid.errors).toBeUndefined();

    const ledger = await t.admin(
      'query($f: WalletTransactionFilter) { allWalletTransactions(filter: $f, sortField: "id", sortOrder: "ASC") { type amount walletChange balanceAfter } }',
      { f: { userId: String(referrer.id) } },
    );
    expect(ledger.errors).toBeUndefined();
    // ₹28.00 earned, ₹10.00 of it paid out: the wallet holds ₹18.00 at the end.
    expect(ledger.data!.allWalletTransactions).toEqual([
      { type: 'COMMISSION_CREDIT', amount: 2800, walletChange: 2800, balanceAfter: 2800 },
      { type: 'COMMISSION_RELEASE', amount: 2800, walletChange: 0, balanceAfter: 2800 },
      { type: 'WITHDRAWAL_LOCK', amount: 1000, walletChange: 0, balanceAfter: 2800 },
      { type: 'WITHDRAWAL_PAYOUT', amount: 1000, walletChange: -1000, balanceAfter: 1800 },
    ]);
    const { rows } = await t.db.query('SELECT pending + available + locked AS held FROM wallets WHERE user_id = $1', [referrer.id]);
    expect(Number(rows[0].held)).toBe(1800);
  });

  it('lets the super admin set the display name the panel shows, and refuses an empty one', async () => {
    const named = await t.admin('mutation { updateMyName(firstName: " Asha ", lastName: "Rao") { firstName lastName } }');
    expect(named.errors).toBeUndefined();
    expect(named.data!.updateMyName).toEqual({ firstName: 'Asha', lastName: 'Rao' });
    expect((await t.admin('{ me { firstName lastName } }')).data!.me).toEqual({ firstName: 'Asha', lastName: 'Rao' });
    expect(codeOf(await t.admin('mutation { updateMyName(firstName: "  ") { firstName } }'))).toBe('BAD_USER_INPUT');
    expect((await t.admin('{ me { firstName } }')).data!.me.firstName).toBe('Asha');
  });

  it('groups open flags that share evidence into cases, most severe and widest first, per-user rules apart', async () => {
    const users = [];
    for (let i = 0; i < 6; i += 1) users.push(await seedUser(t));
    const flag = (user: { id: number }, type: string, severity: string, key: string, status = 'OPEN') =>
      t.db.query(
        `INSERT INTO fraud_flags (user_id, type, severity, status, reason, evidence_key, resolved_at, resolution_note)
         VALUES ($1, $2, $3, $4::varchar, 'test', $5, CASE WHEN $4::varchar = 'OPEN' THEN NULL ELSE now() END, CASE WHEN $4::varchar = 'OPEN' THEN NULL ELSE 'done' END) RETURNING id`,
        [user.id, type, severity, status, key],
      );
    const upi = `upi:case${users[0].telegramId}@upi`;
    const device = `device:case-${users[0].telegramId}`;
    await flag(users[0], 'DUPLICATE_DEVICE', 'MEDIUM', device);
    await flag(users[1], 'DUPLICATE_DEVICE', 'MEDIUM', device);
    await flag(users[2], 'DUPLICATE_UPI', 'HIGH', upi);
    await flag(users[3], 'DUPLICATE_UPI', 'HIGH', upi);
    await flag(users[4], 'DUPLICATE_UPI', 'HIGH', upi);
    await flag(users[5], 'DUPLICATE_UPI', 'HIGH', upi, 'DISMISSED');
    // Per-user rules share a constant key: never one case.
    await flag(users[0], 'RAPID_SIGNUPS', 'HIGH', 'signups');
    await flag(users[1], 'RAPID_SIGNUPS', 'HIGH', 'signups');

    const result = await t.admin('{ fraudCases(perPage: 100) { evidenceKey type severity flagIds userIds openedAt } }');
    expect(result.errors).toBeUndefined();
    const cases = result.data!.fraudCases.filter((c: { evidenceKey: string }) => [upi, device].includes(c.evidenceKey));
    expect(cases.map((c: { evidenceKey: string; severity: string; userIds: string[]; flagIds: string[] }) => [c.evidenceKey, c.severity, [...c.userIds].sort(), c.flagIds.length])).toEqual([
      [upi, 'HIGH', [users[2], users[3], users[4]].map((u) => String(u.id)).sort(), 3],
      [device, 'MEDIUM', [users[0], users[1]].map((u) => String(u.id)).sort(), 2],
    ]);
    expect(result.data!.fraudCases.some((c: { evidenceKey: string }) => c.evidenceKey === 'signups')).toBe(false);
    expect(codeOf(await t.admin('{ fraudCases(perPage: 1000) { evidenceKey } }'))).toBe('BAD_USER_INPUT');
  });

  it('reports the bounds of numeric settings for the panel to check inline, and none for others', async () => {
    const result = await t.admin(`{
      hold: Setting(id: "commission_hold_hours") { min max }
      minimum: Setting(id: "min_withdrawal_amount") { min max }
      percent: Setting(id: "level1_commission_percent") { min max }
      name: Setting(id: "product_name") { min max }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      hold: { min: 0, max: 720 },
      minimum: { min: 0, max: 1_000_000_000_000_000 },
      percent: { min: 0, max: 100 },
      name: { min: null, max: null },
    });
    // The bound is the one the server enforces.
    expect(codeOf(await t.admin('mutation { updateSetting(key: "commission_hold_hours", value: 721) { value } }'))).toBe('BAD_USER_INPUT');
  });
});
