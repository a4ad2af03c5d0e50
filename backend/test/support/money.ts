import type { TestApp } from './test-app.js';

let nextTelegramId = 5_000_000_000;

/**
 * Creates a user (with wallet and stats rows, as registration does) referred by `referrerId`,
 * directly in SQL so money tests do not depend on the registration flow's details.
 */
export async function seedUser(t: TestApp, referrerId: number | null = null, status = 'ACTIVE'): Promise<{ id: number; telegramId: string }> {
  const telegramId = String(nextTelegramId++);
  const code = `T${telegramId.slice(-9)}`;
  const { rows } = await t.db.query(
    `WITH u AS (
       INSERT INTO users (telegram_id, referral_code, referred_by_id, status) VALUES ($1, $2, $3, $4) RETURNING id, referred_by_id
     ), w AS (INSERT INTO wallets (user_id) SELECT id FROM u),
     s AS (INSERT INTO referral_stats (user_id) SELECT id FROM u),
     r AS (INSERT INTO referrals (referrer_id, referred_id, code_used) SELECT referred_by_id, id, 'seed' FROM u WHERE referred_by_id IS NOT NULL),
     direct AS (UPDATE referral_stats SET direct_referrals = direct_referrals + 1 WHERE user_id = $3),
     level2 AS (UPDATE referral_stats SET level2_referrals = level2_referrals + 1 WHERE user_id = (SELECT referred_by_id FROM users WHERE id = $3))
     SELECT id FROM u`,
    [telegramId, code, referrerId, status],
  );
  return { id: rows[0].id, telegramId };
}

/** A → B → C: C's payments earn B (level 1) and A (level 2). */
export async function seedChain(t: TestApp) {
  const a = await seedUser(t);
  const b = await seedUser(t, a.id);
  const c = await seedUser(t, b.id);
  return { a, b, c };
}

export const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) {
  id status amount transactionId paidAt productName level1RateBps level2RateBps commissionHoldHours } }`;
export const CONFIRM = `mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) {
  id status amount transactionId paidAt commissions { id level amount status releaseAt beneficiary { id telegramId } } } }`;
export const FAIL = 'mutation($input: ConfirmPaymentInput!) { failPayment(input: $input) { id status } }';
export const WALLET = 'query($t: String!) { wallet(telegramId: $t) { pending available locked totalEarned totalWithdrawn } }';
export const REQUEST_WITHDRAWAL = 'mutation($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id amount upiId status } }';
export const RECONCILE = '{ walletReconciliation { checkedWallets driftedWallets drift { userId field cached expected } } }';

let transactionCounter = 0;
export function transactionId(): string {
  transactionCounter += 1;
  return `UPI${Date.now()}${transactionCounter}`;
}

/** Creates and pays an order for `buyer`; returns the paid order. */
export async function buy(t: TestApp, buyer: { telegramId: string }) {
  const created = await t.bot(CREATE_ORDER, { input: { telegramId: buyer.telegramId, paymentMethod: 'UPI', upiId: `buyer${buyer.telegramId}@okaxis` } });
  if (!created.data?.createOrder) throw new Error(`createOrder failed: ${JSON.stringify(created.errors)}`);
  const paid = await t.bot(CONFIRM, { input: { orderId: created.data.createOrder.id, transactionId: transactionId() } });
  if (!paid.data?.confirmPayment) throw new Error(`confirmPayment failed: ${JSON.stringify(paid.errors)}`);
  return paid.data.confirmPayment;
}

export async function walletOf(t: TestApp, user: { id: number }) {
  const { rows } = await t.db.query('SELECT pending, available, locked, withdrawn, total_earned FROM wallets WHERE user_id = $1', [user.id]);
  return rows[0] as { pending: number; available: number; locked: number; withdrawn: number; total_earned: number };
}

/** Every money test ends here: the cached wallets must equal the ledger and the commissions. */
export async function expectNoDrift(t: TestApp): Promise<void> {
  const result = await t.admin(RECONCILE);
  if (result.errors) throw new Error(`reconciliation failed: ${JSON.stringify(result.errors)}`);
  const report = result.data!.walletReconciliation;
  if (report.driftedWallets !== 0) throw new Error(`ledger drift: ${JSON.stringify(report.drift)}`);
  await expectNoReportDrift(t);
}

export const REPORT_DRIFT = '{ reportDrift { figure bucket expected actual } }';

/** The maintained reports must equal a recount from the source tables (reporting/). */
export async function expectNoReportDrift(t: TestApp): Promise<void> {
  const result = await t.admin(REPORT_DRIFT);
  if (result.errors) throw new Error(`report reconciliation failed: ${JSON.stringify(result.errors)}`);
  const drift = result.data!.reportDrift as unknown[];
  if (drift.length) throw new Error(`report drift: ${JSON.stringify(drift)}`);
}

export async function setSetting(t: TestApp, key: string, value: unknown): Promise<void> {
  const result = await t.admin('mutation($k: String!, $v: JSON!) { updateSetting(key: $k, value: $v) { key } }', { k: key, v: value });
  if (result.errors) throw new Error(`updateSetting ${key} failed: ${JSON.stringify(result.errors)}`);
}

/** Moves every pending commission's release time into the past, as if the hold had run out. */
export async function expireHolds(t: TestApp): Promise<void> {
  await t.db.query(`UPDATE commissions SET release_at = now() - interval '1 minute' WHERE status = 'PENDING'`);
}
