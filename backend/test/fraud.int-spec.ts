import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { FraudCheckService } from '../src/fraud/fraud-check.service.js';
import { buy, CREATE_ORDER, expectNoDrift, expireHolds, REQUEST_WITHDRAWAL, seedChain, seedUser, setSetting, walletOf } from './support/money.js';
import { codeOf, createAdmin, startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id referralCode status } }';
const RUN_CHECKS = 'mutation($userId: ID!) { runFraudChecks(userId: $userId) { id type severity status evidenceKey evidence userId } }';
const CREATE_FLAG = `mutation($input: CreateFraudFlagInput!) { createFraudFlag(input: $input) {
  id userId type severity status reason evidenceKey createdById createdBy { id } user { id status } } }`;
const RESOLVE = 'mutation($id: ID!, $note: String!) { resolveFraudFlag(id: $id, note: $note) { id status resolutionNote resolvedAt resolvedBy { id } user { id status } } }';
const DISMISS = 'mutation($id: ID!, $note: String!) { dismissFraudFlag(id: $id, note: $note) { id status resolutionNote user { id status } } }';
const BLOCK = 'mutation($id: ID!, $reason: String!) { blockUser(id: $id, reason: $reason) { id status blockedReason blockedAt } }';
const UNBLOCK = 'mutation($id: ID!) { unblockUser(id: $id) { id status blockedReason blockedAt } }';
const EXEMPT = 'mutation($userId: ID!, $exempt: Boolean!, $note: String) { setFraudExemption(userId: $userId, exempt: $exempt, note: $note) { id fraudExempt status } }';
const RELEASE = 'mutation { processPendingCommissions }';
const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status } }';
const LIST = `query($filter: FraudFlagFilter, $sortField: String, $sortOrder: String, $perPage: Int) {
  allFraudFlags(filter: $filter, sortField: $sortField, sortOrder: $sortOrder, perPage: $perPage) { id userId type status severity }
  _allFraudFlagsMeta(filter: $filter) { count } }`;

interface FlagRow {
  id: number;
  user_id: number;
  type: string;
  severity: string;
  status: string;
  evidence_key: string;
  evidence: Record<string, unknown>;
}

describe('fraud detection and moderation', () => {
  let t: TestApp;
  let superId: number;
  let nextTelegramId = 6_100_000_000;

  beforeAll(async () => {
    t = await startTestApp();
    superId = Number((await t.admin('{ me { id } }')).data!.me.id);
  });
  afterEach(() => expectNoDrift(t));
  afterAll(() => t.close());

  /** A value no other test uses (device id, IP octets, UPI name). */
  const unique = () => randomBytes(4).toString('hex');
  const uniqueIp = () => `10.${1 + (randomBytes(1)[0] % 250)}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;

  async function register(fields: { deviceId?: string; ipAddress?: string; referralCode?: string; telegramId?: string } = {}) {
    const telegramId = fields.telegramId ?? String(nextTelegramId++);
    const result = await t.bot(REGISTER, { input: { ...fields, telegramId } });
    if (!result.data?.registerUser) throw new Error(`registerUser failed: ${JSON.stringify(result.errors)}`);
    const user = result.data.registerUser as { id: string; referralCode: string; status: string };
    return { ...user, id: Number(user.id), telegramId };
  }

  const flagsOf = async (userId: number, status = 'OPEN') =>
    (await t.db.query<FlagRow>('SELECT * FROM fraud_flags WHERE user_id = $1 AND status = $2 ORDER BY id', [userId, status])).rows;
  const statusOf = async (userId: number) => (await t.db.query('SELECT status FROM users WHERE id = $1', [userId])).rows[0].status as string;
  const flagCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM fraud_flags')).rows[0].n as number;
  const runChecks = async (userId: number) => {
    const result = await t.admin(RUN_CHECKS, { userId: String(userId) });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.runFraudChecks as { id: string; type: string; evidenceKey: string; evidence: Record<string, unknown> }[];
  };
  /** Pretends the user registered `minutes` ago. */
  const registeredAgo = (userIds: number[], minutes: number) =>
    t.db.query(`UPDATE users SET created_at = now() - make_interval(mins => $2) WHERE id = ANY($1)`, [userIds, minutes]);

  /** A referrer whose one referral bought a ₹2,000-profit plan: ₹600 available once released. */
  async function earner() {
    const referrer = await seedUser(t);
    await buy(t, await seedUser(t, referrer.id));
    await expireHolds(t);
    await t.admin(RELEASE);
    return referrer;
  }

  describe('DUPLICATE_DEVICE', () => {
    it('flags both accounts when a second one registers on a device, and never twice', async () => {
      const deviceId = `device-${unique()}`;
      const first = await register({ deviceId });
      expect(first.status).toBe('ACTIVE');
      expect(await flagsOf(first.id)).toEqual([]);

      const second = await register({ deviceId });
      expect(second.status).toBe('SUSPICIOUS');
      expect(await statusOf(first.id)).toBe('SUSPICIOUS');
      const [flagged] = await flagsOf(first.id);
      expect(flagged).toMatchObject({ type: 'DUPLICATE_DEVICE', severity: 'HIGH', evidence_key: `device:${deviceId}` });
      expect(flagged.evidence).toEqual({ deviceId, accountCount: 2, otherAccountIds: [String(second.id)] });
      expect((await flagsOf(second.id))[0].evidence).toMatchObject({ otherAccountIds: [String(first.id)] });

      const before = await flagCount();
      await register({ deviceId, telegramId: second.telegramId });
      await runChecks(first.id);
      await runChecks(second.id);
      expect(await flagCount()).toBe(before);

      const third = await register({ deviceId });
      expect((await flagsOf(third.id))[0].evidence).toMatchObject({ accountCount: 3 });
      expect(await flagsOf(first.id)).toHaveLength(1);
    });

    it('keeps one open flag per account when many register on one device at once', async () => {
      const deviceId = `device-${unique()}`;
      const users = await Promise.all(Array.from({ length: 8 }, () => register({ deviceId })));
      await Promise.all(users.map((user) => runChecks(user.id)));
      for (const user of users) {
        expect(await flagsOf(user.id)).toHaveLength(1);
        expect(await statusOf(user.id)).toBe('SUSPICIOUS');
      }
    });
  });

  describe('DUPLICATE_IP', () => {
    it('flags every account when the 20th registers from one IP within 24 hours, not the 19th', async () => {
      const ipAddress = uniqueIp();
      const users = [];
      for (let i = 0; i < 19; i++) users.push(await register({ ipAddress }));
      for (const user of users) expect(await flagsOf(user.id)).toEqual([]);

      users.push(await register({ ipAddress }));
      for (const user of users) {
        const [flag] = await flagsOf(user.id);
        expect(flag).toMatchObject({ type: 'DUPLICATE_IP', severity: 'MEDIUM', evidence_key: `ip:${ipAddress}` });
        expect(flag.evidence).toMatchObject({ ipAddress, accountCount: 20, windowHours: 24 });
        expect(flag.evidence.otherAccountIds).toHaveLength(19);
        expect(await statusOf(user.id)).toBe('SUSPICIOUS');
      }
      const latecomer = await register({ ipAddress });
      expect(await flagsOf(latecomer.id)).toHaveLength(1);
      for (const user of users) expect(await flagsOf(user.id)).toHaveLength(1);
    });

    it('does not count accounts registered before the window', async () => {
      const ipAddress = uniqueIp();
      await setSetting(t, 'fraud_duplicate_ip_min_accounts', 3);
      try {
        const old = await register({ ipAddress });
        await registeredAgo([old.id], 25 * 60);
        const second = await register({ ipAddress });
        const third = await register({ ipAddress });
        expect(await flagsOf(third.id)).toEqual([]);
        expect(await flagsOf(old.id)).toEqual([]);
        const fourth = await register({ ipAddress });
        for (const user of [second, third, fourth]) expect(await flagsOf(user.id)).toHaveLength(1);
        expect(await flagsOf(old.id)).toEqual([]);
        // on demand, the account that opened a busy window is caught too
        await registeredAgo([old.id], 0);
        await t.db.query(`UPDATE users SET created_at = created_at - interval '1 minute' WHERE id = $1`, [old.id]);
        expect((await runChecks(old.id)).map((flag) => flag.type)).toEqual(['DUPLICATE_IP']);
      } finally {
        await setSetting(t, 'fraud_duplicate_ip_min_accounts', 20);
      }
    });
  });

  describe('RAPID_SIGNUPS', () => {
    it('flags the referrer at the 10th referral within 10 minutes, not the 9th', async () => {
      const referrer = await register();
      const referrals = [];
      for (let i = 0; i < 9; i++) referrals.push(await register({ referralCode: referrer.referralCode }));
      expect(await flagsOf(referrer.id)).toEqual([]);
      referrals.push(await register({ referralCode: referrer.referralCode }));
      const [flag] = await flagsOf(referrer.id);
      expect(flag).toMatchObject({ type: 'RAPID_SIGNUPS', severity: 'MEDIUM', evidence_key: 'signups' });
      expect(flag.evidence).toMatchObject({ signupCount: 10, windowMinutes: 10 });
      expect([...(flag.evidence.referredAccountIds as string[])].sort()).toEqual(referrals.map((user) => String(user.id)).sort());
      expect(await statusOf(referrer.id)).toBe('SUSPICIOUS');
      for (const referral of referrals) expect(await flagsOf(referral.id)).toEqual([]);

      await register({ referralCode: referrer.referralCode });
      expect(await flagsOf(referrer.id)).toHaveLength(1);
    });

    it('does not count referrals older than the window, and finds the busiest window on demand', async () => {
      const referrer = await register();
      const early = [];
      for (let i = 0; i < 5; i++) early.push(await register({ referralCode: referrer.referralCode }));
      await registeredAgo(early.map((user) => user.id), 11);
      const late = [];
      for (let i = 0; i < 5; i++) late.push(await register({ referralCode: referrer.referralCode }));
      expect(await flagsOf(referrer.id)).toEqual([]);
      expect(await runChecks(referrer.id)).toEqual([]);

      // ten within 10 minutes, half an hour ago: no registration event sees it, the on-demand check does
      await registeredAgo(early.map((user) => user.id), 35);
      await registeredAgo(late.map((user) => user.id), 30);
      const flags = await runChecks(referrer.id);
      expect(flags.map((flag) => [flag.type, flag.evidence.signupCount])).toEqual([['RAPID_SIGNUPS', 10]]);
    });
  });

  describe('DUPLICATE_UPI', () => {
    it('flags both users when a second user pays with the same UPI id, in any case', async () => {
      const upiId = `shared.${unique()}@okaxis`;
      const [a, b, c] = [await seedUser(t), await seedUser(t), await seedUser(t)];
      await t.bot(CREATE_ORDER, { input: { telegramId: a.telegramId, paymentMethod: 'UPI', upiId } });
      await t.bot(CREATE_ORDER, { input: { telegramId: a.telegramId, paymentMethod: 'UPI', upiId } });
      expect(await flagsOf(a.id)).toEqual([]);

      await t.bot(CREATE_ORDER, { input: { telegramId: b.telegramId, paymentMethod: 'UPI', upiId: upiId.toUpperCase() } });
      const [flag] = await flagsOf(a.id);
      expect(flag).toMatchObject({ type: 'DUPLICATE_UPI', severity: 'HIGH', evidence_key: `upi:${upiId}` });
      expect(flag.evidence).toEqual({ upiId, accountCount: 2, otherAccountIds: [String(b.id)] });
      expect((await flagsOf(b.id))[0].evidence).toMatchObject({ otherAccountIds: [String(a.id)] });
      expect(await statusOf(a.id)).toBe('SUSPICIOUS');
      expect(await statusOf(b.id)).toBe('SUSPICIOUS');

      const before = await flagCount();
      await t.bot(CREATE_ORDER, { input: { telegramId: b.telegramId, paymentMethod: 'UPI', upiId } });
      await runChecks(a.id);
      await runChecks(b.id);
      expect(await flagCount()).toBe(before);
      expect(await flagsOf(c.id)).toEqual([]);
    });

    it('flags a withdrawal to a UPI id another user paid with', async () => {
      const upiId = `payout.${unique()}@okhdfcbank`;
      const payer = await seedUser(t);
      await t.bot(CREATE_ORDER, { input: { telegramId: payer.telegramId, paymentMethod: 'UPI', upiId } });
      await setSetting(t, 'min_withdrawal_amount', 100);
      try {
        const withdrawer = await earner();
        const requested = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: withdrawer.telegramId, amount: 2800, upiId } });
        expect(requested.data!.requestWithdrawal.status).toBe('PENDING');
        expect((await flagsOf(withdrawer.id)).map((flag) => flag.type)).toEqual(['DUPLICATE_UPI']);
        expect((await flagsOf(payer.id)).map((flag) => flag.evidence.otherAccountIds)).toEqual([[String(withdrawer.id)]]);
        // the request stands, but its approval waits for the review
        expect(codeOf(await t.admin(APPROVE, { id: requested.data!.requestWithdrawal.id }))).toBe('CONFLICT');
        await t.admin(BLOCK, { id: String(withdrawer.id), reason: 'shared payout UPI' });
      } finally {
        await setSetting(t, 'min_withdrawal_amount', 50000);
      }
    });
  });

  describe('LOW_CONVERSION', () => {
    const scan = () => t.app.get(FraudCheckService).scanLowConversion();

    async function referrerWith(referrals: number, converted: number) {
      const referrer = await seedUser(t);
      for (let i = 0; i < referrals; i++) {
        const referral = await seedUser(t, referrer.id);
        if (i < converted) await buy(t, referral);
      }
      // a referral an hour, so that no RAPID_SIGNUPS burst is part of the picture
      await t.db.query(
        `UPDATE users u SET created_at = now() - n.rank * interval '1 hour'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM users WHERE referred_by_id = $1) n WHERE u.id = n.id`,
        [referrer.id],
      );
      return referrer;
    }

    it('flags 20 referrals under 5% on the schedule, not 19, nor exactly 5%', async () => {
      const nineteen = await referrerWith(19, 0);
      const twenty = await referrerWith(20, 0);
      const atRate = await referrerWith(20, 1);
      const underRate = await referrerWith(21, 1);
      const result = await scan();
      expect(result.skipped).toBe(false);
      expect(await flagsOf(nineteen.id)).toEqual([]);
      expect(await flagsOf(atRate.id)).toEqual([]);
      const [flag] = await flagsOf(twenty.id);
      expect(flag).toMatchObject({ type: 'LOW_CONVERSION', severity: 'LOW', evidence_key: 'conversion' });
      expect(flag.evidence).toEqual({ directReferrals: 20, conversions: 0, conversionRatePercent: 0, maxRatePercent: 5, minReferrals: 20 });
      expect((await flagsOf(underRate.id))[0].evidence).toMatchObject({ directReferrals: 21, conversions: 1, conversionRatePercent: 4.76 });
      expect(await statusOf(twenty.id)).toBe('SUSPICIOUS');

      const before = await flagCount();
      expect((await scan()).flagged).toBe(0);
      await runChecks(twenty.id);
      expect(await flagCount()).toBe(before);
    });

    it('is found on demand, and runs once at a time across instances', async () => {
      const referrer = await referrerWith(20, 0);
      const holder = await t.db.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [0x07770005]);
        expect(await scan()).toMatchObject({ skipped: true, flagged: 0 });
      } finally {
        await holder.query('SELECT pg_advisory_unlock($1)', [0x07770005]);
        holder.release();
      }
      expect(await flagsOf(referrer.id)).toEqual([]);
      expect((await runChecks(referrer.id)).map((flag) => flag.type)).toEqual(['LOW_CONVERSION']);
    });

    it('flags again after a dismissal only once another 20 referrals still convert under the rate', async () => {
      const referrer = await referrerWith(20, 0);
      await scan();
      const [flag] = await flagsOf(referrer.id);
      await t.admin(DISMISS, { id: String(flag.id), note: 'new campaign, give it time' });
      for (let i = 0; i < 19; i++) await seedUser(t, referrer.id);
      await scan();
      expect(await flagsOf(referrer.id)).toEqual([]);
      await seedUser(t, referrer.id);
      await scan();
      expect((await flagsOf(referrer.id))[0].evidence).toMatchObject({ directReferrals: 40 });
    });
  });

  describe('MANUAL flags, resolving and dismissing', () => {
    it('raises a flag with the admin recorded, refuses the same open reason twice', async () => {
      const user = await seedUser(t);
      const created = await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: 'Complaint from a buyer' } });
      expect(created.data!.createFraudFlag).toMatchObject({
        userId: String(user.id),
        type: 'MANUAL',
        severity: 'MEDIUM',
        status: 'OPEN',
        createdById: String(superId),
        createdBy: { id: String(superId) },
        user: { id: String(user.id), status: 'SUSPICIOUS' },
      });
      const again = await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: '  complaint from a buyer ' } });
      expect(codeOf(again)).toBe('CONFLICT');
      const other = await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'DUPLICATE_UPI', reason: 'Same UPI seen in support chat', severity: 'HIGH' } });
      expect(other.data!.createFraudFlag).toMatchObject({ type: 'DUPLICATE_UPI', severity: 'HIGH' });
      expect(await flagsOf(user.id)).toHaveLength(2);
      expect(codeOf(await t.admin(CREATE_FLAG, { input: { userId: '999999999', type: 'MANUAL', reason: 'nobody' } }))).toBe('NOT_FOUND');
      expect(codeOf(await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: 'x' } }))).toBe('BAD_USER_INPUT');
    });

    it('returns the user to ACTIVE once the last open flag is resolved or dismissed', async () => {
      const user = await seedUser(t);
      const first = (await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: 'first concern' } })).data!.createFraudFlag.id;
      const second = (await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: 'second concern' } })).data!.createFraudFlag.id;

      const resolved = await t.admin(RESOLVE, { id: first, note: 'spoke to the user, refunded' });
      expect(resolved.data!.resolveFraudFlag).toMatchObject({
        status: 'RESOLVED',
        resolutionNote: 'spoke to the user, refunded',
        resolvedBy: { id: String(superId) },
        user: { status: 'SUSPICIOUS' },
      });
      expect(resolved.data!.resolveFraudFlag.resolvedAt).toBeTruthy();
      const dismissed = await t.admin(DISMISS, { id: second, note: 'false alarm' });
      expect(dismissed.data!.dismissFraudFlag).toMatchObject({ status: 'DISMISSED', user: { status: 'ACTIVE' } });
      expect(await statusOf(user.id)).toBe('ACTIVE');
    });

    it('refuses a wrong transition with CONFLICT and an unknown flag with NOT_FOUND, changing nothing', async () => {
      const user = await seedUser(t);
      const id = (await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: 'to be resolved' } })).data!.createFraudFlag.id;
      await t.admin(RESOLVE, { id, note: 'handled' });
      expect(codeOf(await t.admin(RESOLVE, { id, note: 'again' }))).toBe('CONFLICT');
      expect(codeOf(await t.admin(DISMISS, { id, note: 'changed my mind' }))).toBe('CONFLICT');
      const [row] = (await t.db.query('SELECT status, resolution_note FROM fraud_flags WHERE id = $1', [id])).rows;
      expect(row).toEqual({ status: 'RESOLVED', resolution_note: 'handled' });
      expect(codeOf(await t.admin(RESOLVE, { id: '999999999', note: 'nothing' }))).toBe('NOT_FOUND');
      expect(codeOf(await t.admin(RESOLVE, { id, note: '' }))).toBe('BAD_USER_INPUT');
    });

    it('does not flag the same evidence again after a dismissal, but does when it grows', async () => {
      const deviceId = `device-${unique()}`;
      const first = await register({ deviceId });
      const second = await register({ deviceId });
      for (const user of [first, second]) {
        const [flag] = await flagsOf(user.id);
        await t.admin(DISMISS, { id: String(flag.id), note: 'siblings sharing a phone' });
        expect(await statusOf(user.id)).toBe('ACTIVE');
      }
      await register({ deviceId, telegramId: second.telegramId });
      expect(await runChecks(first.id)).toEqual([]);
      expect(await statusOf(first.id)).toBe('ACTIVE');

      await register({ deviceId });
      expect((await flagsOf(first.id))[0].evidence).toMatchObject({ accountCount: 3 });
      expect(await statusOf(first.id)).toBe('SUSPICIOUS');
    });
  });

  describe('the hold on SUSPICIOUS users', () => {
    it('keeps their commissions pending and their withdrawals unapproved until every flag is closed', async () => {
      await setSetting(t, 'min_withdrawal_amount', 100);
      try {
        const { a, b, c } = await seedChain(t);
        await buy(t, c);
        await expireHolds(t);
        await t.admin(RELEASE);
        expect(await walletOf(t, b)).toMatchObject({ available: 2800 });
        const withdrawal = (await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 2800, upiId: `b.${unique()}@okaxis` } })).data!
          .requestWithdrawal.id;

        const flags = [];
        for (const reason of ['first look', 'second look']) {
          flags.push((await t.admin(CREATE_FLAG, { input: { userId: String(b.id), type: 'MANUAL', reason } })).data!.createFraudFlag.id);
        }
        await buy(t, c);
        await expireHolds(t);
        await t.admin(RELEASE);
        expect(await walletOf(t, b)).toMatchObject({ pending: 2800, locked: 2800 });
        expect(await walletOf(t, a)).toMatchObject({ pending: 0, available: 1800 });
        expect(codeOf(await t.admin(APPROVE, { id: withdrawal }))).toBe('CONFLICT');

        await t.admin(RESOLVE, { id: flags[0], note: 'checked' });
        await t.admin(RELEASE);
        expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
        expect(codeOf(await t.admin(APPROVE, { id: withdrawal }))).toBe('CONFLICT');

        await t.admin(DISMISS, { id: flags[1], note: 'fine' });
        await t.admin(RELEASE);
        expect(await walletOf(t, b)).toMatchObject({ pending: 0, available: 2800, locked: 2800 });
        expect((await t.admin(APPROVE, { id: withdrawal })).data!.approveWithdrawal.status).toBe('APPROVED');
        await t.admin('mutation($id: ID!) { rejectWithdrawal(id: $id, reason: "test cleanup") { id } }', { id: withdrawal });
      } finally {
        await setSetting(t, 'min_withdrawal_amount', 50000);
      }
    });
  });

  describe('blocking and unblocking', () => {
    beforeAll(() => setSetting(t, 'min_withdrawal_amount', 100));
    afterAll(() => setSetting(t, 'min_withdrawal_amount', 50000));

    it('rejects the open withdrawal with its money returned, earns and releases nothing, refuses withdrawals; unblocking restores', async () => {
      const { a, b, c } = await seedChain(t);
      await buy(t, c);
      await expireHolds(t);
      await t.admin(RELEASE);
      await buy(t, c);
      const withdrawal = (await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 2000, upiId: `b.${unique()}@okaxis` } })).data!
        .requestWithdrawal.id;
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800, available: 800, locked: 2000 });

      const blocked = await t.admin(BLOCK, { id: String(b.id), reason: 'farming referrals' });
      expect(blocked.data!.blockUser).toMatchObject({ id: String(b.id), status: 'BLOCKED', blockedReason: 'farming referrals' });
      expect(blocked.data!.blockUser.blockedAt).toBeTruthy();
      const [rejected] = (await t.db.query('SELECT status, reject_reason FROM withdrawals WHERE id = $1', [withdrawal])).rows;
      expect(rejected).toEqual({ status: 'REJECTED', reject_reason: 'Account blocked: farming referrals' });
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800, available: 2800, locked: 0 });
      const unlock = await t.db.query(`SELECT from_bucket, bucket, amount FROM wallet_transactions WHERE withdrawal_id = $1 AND type = 'WITHDRAWAL_UNLOCK'`, [withdrawal]);
      expect(unlock.rows).toEqual([{ from_bucket: 'LOCKED', bucket: 'AVAILABLE', amount: 2000 }]);

      await buy(t, c);
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800, total_earned: 5600 });
      expect(await walletOf(t, a)).toMatchObject({ total_earned: 2700 });
      await expireHolds(t);
      await t.admin(RELEASE);
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800, available: 2800 });
      expect(codeOf(await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 1000, upiId: `b.${unique()}@okaxis` } }))).toBe('FORBIDDEN');
      expect(codeOf(await t.admin(BLOCK, { id: String(b.id), reason: 'again' }))).toBe('CONFLICT');

      const unblocked = await t.admin(UNBLOCK, { id: String(b.id) });
      expect(unblocked.data!.unblockUser).toEqual({ id: String(b.id), status: 'ACTIVE', blockedReason: null, blockedAt: null });
      await t.admin(RELEASE);
      expect(await walletOf(t, b)).toMatchObject({ pending: 0, available: 5600 });
      await buy(t, c);
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
      const again = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: b.telegramId, amount: 5600, upiId: `b.${unique()}@okaxis` } });
      expect(again.data!.requestWithdrawal.status).toBe('PENDING');
      expect(codeOf(await t.admin(UNBLOCK, { id: String(b.id) }))).toBe('CONFLICT');
      await t.admin(BLOCK, { id: String(b.id), reason: 'cleanup' });
    });

    it('rejects an APPROVED withdrawal too, and unblocks to SUSPICIOUS while flags stay open', async () => {
      const user = await earner();
      const withdrawal = (await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: user.telegramId, amount: 2800, upiId: `w.${unique()}@okaxis` } })).data!
        .requestWithdrawal.id;
      await t.admin(APPROVE, { id: withdrawal });
      const flag = (await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: 'odd payouts' } })).data!.createFraudFlag.id;
      await t.admin(BLOCK, { id: String(user.id), reason: 'odd payouts confirmed' });
      expect((await t.db.query('SELECT status FROM withdrawals WHERE id = $1', [withdrawal])).rows[0].status).toBe('REJECTED');
      expect(await walletOf(t, user)).toMatchObject({ available: 2800, locked: 0 });

      // a flag raised or closed on a blocked user leaves them BLOCKED
      await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: 'another one' } });
      await t.admin(DISMISS, { id: flag, note: 'covered by the block' });
      expect(await statusOf(user.id)).toBe('BLOCKED');

      expect((await t.admin(UNBLOCK, { id: String(user.id) })).data!.unblockUser.status).toBe('SUSPICIOUS');
    });

    it('answers NOT_FOUND for an unknown user and lets only admins moderate', async () => {
      expect(codeOf(await t.admin(BLOCK, { id: '999999999', reason: 'nobody' }))).toBe('NOT_FOUND');
      expect(codeOf(await t.admin(UNBLOCK, { id: '999999999' }))).toBe('NOT_FOUND');
      const user = await seedUser(t);
      expect(codeOf(await t.bot(BLOCK, { id: String(user.id), reason: 'bot cannot' }))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UNBLOCK, { id: String(user.id) }))).toBe('UNAUTHENTICATED');
      const admin = await createAdmin(t, '700000501');
      expect((await t.as(admin.token)(BLOCK, { id: String(user.id), reason: 'plain admin may' })).data!.blockUser.status).toBe('BLOCKED');
    });
  });

  describe('the exemption and the switch', () => {
    it('skips an exempt user in every automatic check and on demand', async () => {
      const ipAddress = uniqueIp();
      const deviceId = `office-${unique()}`;
      const cleared = await register({ deviceId, ipAddress });
      const exempted = await t.admin(EXEMPT, { userId: String(cleared.id), exempt: true, note: 'office tablet' });
      expect(exempted.data!.setFraudExemption).toEqual({ id: String(cleared.id), fraudExempt: true, status: 'ACTIVE' });

      const other = await register({ deviceId });
      expect(await flagsOf(cleared.id)).toEqual([]);
      expect((await flagsOf(other.id))[0].evidence).toMatchObject({ otherAccountIds: [String(cleared.id)] });
      expect(await runChecks(cleared.id)).toEqual([]);
      expect(await statusOf(cleared.id)).toBe('ACTIVE');

      await t.admin(EXEMPT, { userId: String(cleared.id), exempt: false });
      expect((await runChecks(cleared.id)).map((flag) => flag.type)).toEqual(['DUPLICATE_DEVICE']);
    });

    it('makes no automatic flag while fraud_checks_enabled is false', async () => {
      const deviceId = `device-${unique()}`;
      const upiId = `off.${unique()}@okaxis`;
      const referrer = await register();
      await setSetting(t, 'fraud_checks_enabled', false);
      try {
        const users = [];
        for (let i = 0; i < 10; i++) users.push(await register({ deviceId, referralCode: referrer.referralCode }));
        for (const user of users.slice(0, 2)) await t.bot(CREATE_ORDER, { input: { telegramId: user.telegramId, paymentMethod: 'UPI', upiId } });
        const lowConverter = await seedUser(t);
        for (let i = 0; i < 20; i++) await seedUser(t, lowConverter.id);
        expect((await t.app.get(FraudCheckService).scanLowConversion()).flagged).toBe(0);
        for (const user of [...users, referrer, lowConverter]) expect(await flagsOf(user.id)).toEqual([]);
        // an admin's explicit request still runs
        expect((await runChecks(users[0].id)).map((flag) => flag.type).sort()).toEqual(['DUPLICATE_DEVICE', 'DUPLICATE_UPI']);
      } finally {
        await setSetting(t, 'fraud_checks_enabled', true);
      }
    });

    it('never fails a registration when the check itself fails', async () => {
      await t.db.query(`UPDATE system_settings SET value = '"broken"' WHERE key = 'fraud_duplicate_ip_min_accounts'`);
      try {
        const deviceId = `device-${unique()}`;
        await register({ deviceId });
        const second = await register({ deviceId });
        expect(second.status).toBe('ACTIVE');
      } finally {
        await t.db.query(`UPDATE system_settings SET value = '20' WHERE key = 'fraud_duplicate_ip_min_accounts'`);
      }
    });
  });

  describe('the FraudFlag admin resource', () => {
    it('lists, filters, sorts and counts', async () => {
      const user = await seedUser(t);
      const other = await seedUser(t);
      const marker = `marker-${unique()}`;
      const manual = (await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'MANUAL', reason: `${marker} first` } })).data!.createFraudFlag;
      const severe = (await t.admin(CREATE_FLAG, { input: { userId: String(user.id), type: 'DUPLICATE_DEVICE', reason: `${marker} second`, severity: 'HIGH' } }))
        .data!.createFraudFlag;
      const elsewhere = (await t.admin(CREATE_FLAG, { input: { userId: String(other.id), type: 'MANUAL', reason: `${marker} third` } })).data!.createFraudFlag;
      await t.admin(DISMISS, { id: elsewhere.id, note: 'nothing there' });

      const list = async (filter: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
        const result = await t.admin(LIST, { filter, ...extra });
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        expect(result.data!._allFraudFlagsMeta.count).toBe(result.data!.allFraudFlags.length);
        return (result.data!.allFraudFlags as { id: string }[]).map((flag) => flag.id);
      };
      expect(await list({ q: marker }, { sortField: 'id', sortOrder: 'ASC' })).toEqual([manual.id, severe.id, elsewhere.id]);
      expect(await list({ q: marker.toUpperCase(), userId: String(user.id) }, { sortField: 'id', sortOrder: 'DESC' })).toEqual([severe.id, manual.id]);
      expect(await list({ q: marker, type: 'DUPLICATE_DEVICE' })).toEqual([severe.id]);
      expect(await list({ q: marker, severity: 'HIGH' })).toEqual([severe.id]);
      expect(await list({ q: marker, status: 'DISMISSED' })).toEqual([elsewhere.id]);
      expect(await list({ q: marker, status: 'OPEN', userId: String(other.id) })).toEqual([]);
      expect(await list({ ids: [manual.id, elsewhere.id] }, { sortField: 'id' })).toEqual([manual.id, elsewhere.id]);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect(await list({ q: marker, createdAtGte: future })).toEqual([]);
      expect(await list({ q: marker, createdAtLte: future, createdAtGte: new Date(Date.now() - 3_600_000).toISOString() })).toHaveLength(3);
      expect(await list({ q: 'manual:' + marker })).toHaveLength(3);

      const one = await t.admin('query($id: ID!) { FraudFlag(id: $id) { id reason user { id telegramId } resolvedBy { id } } }', { id: elsewhere.id });
      expect(one.data!.FraudFlag).toMatchObject({ id: elsewhere.id, user: { id: String(other.id), telegramId: other.telegramId }, resolvedBy: { id: String(superId) } });
      expect((await t.admin('{ FraudFlag(id: "999999999") { id } }')).data!.FraudFlag).toBeNull();
      expect(codeOf(await t.bot('{ allFraudFlags { id } }'))).toBe('FORBIDDEN');
    });
  });

  describe('the audit log', () => {
    it('records every fraud mutation with its target, before and after', async () => {
      const lastId = async () => (await t.db.query('SELECT coalesce(max(id), 0)::int AS id FROM admin_logs')).rows[0].id as number;
      const logged = async (work: () => Promise<{ errors?: unknown }>) => {
        const before = await lastId();
        const result = await work();
        expect(result.errors).toBeUndefined();
        const { rows } = await t.db.query('SELECT * FROM admin_logs WHERE id > $1 ORDER BY id', [before]);
        expect(rows).toHaveLength(1);
        expect(rows[0].admin_id).toBe(superId);
        return rows[0];
      };
      const user = await seedUser(t);
      const id = String(user.id);

      const created = await logged(() => t.admin(CREATE_FLAG, { input: { userId: id, type: 'MANUAL', reason: 'audit me' } }));
      expect(created).toMatchObject({ action: 'createFraudFlag', target_type: 'FraudFlag', before: null });
      expect(created.after).toMatchObject({ userId: user.id, type: 'MANUAL', status: 'OPEN', userStatus: 'SUSPICIOUS' });
      const flagId = created.target_id;

      const resolved = await logged(() => t.admin(RESOLVE, { id: flagId, note: 'audited' }));
      expect(resolved).toMatchObject({ action: 'resolveFraudFlag', target_type: 'FraudFlag', target_id: flagId });
      expect(resolved.before).toMatchObject({ status: 'OPEN', userStatus: 'SUSPICIOUS' });
      expect(resolved.after).toMatchObject({ status: 'RESOLVED', resolutionNote: 'audited', userStatus: 'ACTIVE' });

      const second = (await t.admin(CREATE_FLAG, { input: { userId: id, type: 'MANUAL', reason: 'audit me too' } })).data!.createFraudFlag.id;
      const dismissed = await logged(() => t.admin(DISMISS, { id: second, note: 'audited too' }));
      expect(dismissed).toMatchObject({ action: 'dismissFraudFlag', target_id: second });
      expect(dismissed.after).toMatchObject({ status: 'DISMISSED' });

      const checked = await logged(() => t.admin(RUN_CHECKS, { userId: id }));
      expect(checked).toMatchObject({ action: 'runFraudChecks', target_type: 'User', target_id: id, before: { status: 'ACTIVE' } });
      expect(checked.after).toMatchObject({ status: 'ACTIVE', flagsCreated: 0, openFlagIds: [] });

      const blocked = await logged(() => t.admin(BLOCK, { id, reason: 'audit block' }));
      expect(blocked).toMatchObject({ action: 'blockUser', target_type: 'User', target_id: id, before: { status: 'ACTIVE' } });
      expect(blocked.after).toMatchObject({ status: 'BLOCKED', blockedReason: 'audit block', rejectedWithdrawalId: null });

      const unblocked = await logged(() => t.admin(UNBLOCK, { id }));
      expect(unblocked).toMatchObject({ action: 'unblockUser', target_id: id, before: { status: 'BLOCKED' }, after: { status: 'ACTIVE', blockedReason: null } });

      const exempted = await logged(() => t.admin(EXEMPT, { userId: id, exempt: true, note: 'known office IP' }));
      expect(exempted).toMatchObject({
        action: 'setFraudExemption',
        target_type: 'User',
        target_id: id,
        before: { fraudExempt: false },
        after: { fraudExempt: true, note: 'known office IP' },
      });

      const before = await lastId();
      expect(codeOf(await t.admin(UNBLOCK, { id }))).toBe('CONFLICT');
      expect(await lastId()).toBe(before);
    });
  });
});
