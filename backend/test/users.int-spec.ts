import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectNoReportDrift } from './support/money.js';
import { codeOf, createAdmin, startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id telegramId referralCode } }';
const USERS = `query($filter: UserFilter, $sortField: String, $sortOrder: String, $page: Int, $perPage: Int) {
  allUsers(filter: $filter, sortField: $sortField, sortOrder: $sortOrder, page: $page, perPage: $perPage) { id telegramId username type status createdAt }
  _allUsersMeta(filter: $filter) { count } }`;
const REFERRALS = `query($filter: ReferralFilter, $sortField: String, $sortOrder: String) {
  allReferrals(filter: $filter, sortField: $sortField, sortOrder: $sortOrder, perPage: 100) { id converted codeUsed referrer { id } referred { id } }
  _allReferralsMeta(filter: $filter) { count } }`;
const REFERRERS = `query($filter: ReferrerFilter, $sortField: String, $sortOrder: String, $page: Int, $perPage: Int) {
  allReferrers(filter: $filter, sortField: $sortField, sortOrder: $sortOrder, page: $page, perPage: $perPage) {
    id telegramId username directReferrals level2Referrals clicks conversions conversionRate level1Earned level2Earned totalEarned user { id type } }
  _allReferrersMeta(filter: $filter) { count } }`;

interface Person {
  id: string;
  telegramId: string;
  referralCode: string;
}

let nextTelegramId = 7_500_000_000;

describe('admin resources: User, Referral and Referrer', () => {
  let t: TestApp;
  let r1: Person;
  let r2: Person;
  let r3: Person;
  let x1: Person;
  let x2: Person;
  let y1: Person;
  let z1: Person;
  let z2: Person;
  let blocked: Person;
  let loner: Person;
  let adminId: string;

  const register = async (input: Record<string, unknown> = {}): Promise<Person> => {
    const result = await t.bot<{ registerUser: Person }>(REGISTER, { input: { telegramId: String(nextTelegramId++), ...input } });
    if (!result.data?.registerUser) throw new Error(`registerUser failed: ${JSON.stringify(result.errors)}`);
    return result.data.registerUser;
  };
  const buy = async (buyer: Person) => {
    const created = await t.bot('mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }', {
      input: { telegramId: buyer.telegramId, paymentMethod: 'UPI', upiId: 'buyer@okaxis' },
    });
    const paid = await t.bot('mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }', {
      input: { orderId: created.data!.createOrder.id, transactionId: `UPI-${buyer.telegramId}` },
    });
    if (paid.data?.confirmPayment.status !== 'PAID') throw new Error(`payment failed: ${JSON.stringify(paid.errors ?? created.errors)}`);
  };
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort((a, b) => Number(a) - Number(b));
  const sortedIds = (...people: Person[]) => people.map((person) => person.id).sort((a, b) => Number(a) - Number(b));

  beforeAll(async () => {
    t = await startTestApp();
    r1 = await register({ username: 'meera_rao', firstName: 'Meera', lastName: 'Rao' });
    r2 = await register({ username: 'arjun', firstName: 'Arjun', referralCode: r1.referralCode });
    x1 = await register({ firstName: 'Xavier', referralCode: r1.referralCode });
    x2 = await register({ firstName: 'Xena', referralCode: r1.referralCode });
    y1 = await register({ firstName: 'Yash', referralCode: r2.referralCode });
    r3 = await register({ username: 'kiran_m' });
    z1 = await register({ referralCode: r3.referralCode });
    z2 = await register({ referralCode: r3.referralCode });
    blocked = await register({ username: 'spam_account' });
    loner = await register({ firstName: 'Loner', referralCode: 'NOSUCHCODE' });
    // two clicks on r3's link by people already registered
    await t.bot(REGISTER, { input: { telegramId: loner.telegramId, referralCode: r3.referralCode } });
    await t.bot(REGISTER, { input: { telegramId: blocked.telegramId, referralCode: r3.referralCode } });
    await buy(x1);
    await buy(x2);
    await buy(y1);
    await t.db.query(`UPDATE users SET status = 'BLOCKED', blocked_at = now(), blocked_reason = 'spam' WHERE id = $1`, [blocked.id]);
    // registration times a day apart, oldest first, so date ranges are exact
    const everyone = [r1, r2, x1, x2, y1, r3, z1, z2, blocked, loner];
    for (const [index, person] of everyone.entries()) {
      await t.db.query(`UPDATE users SET created_at = timestamptz '2026-01-01T12:00:00Z' + $2 * interval '1 day' WHERE id = $1`, [person.id, index]);
      await t.db.query(`UPDATE referrals SET created_at = timestamptz '2026-01-01T12:00:00Z' + $2 * interval '1 day' WHERE referred_id = $1`, [person.id, index]);
    }
    adminId = (await createAdmin(t, '7600000001')).id;
  });
  afterAll(() => t.close());

  describe('allUsers', () => {
    it.each<[string, () => [string, Person[]]]>([
      ['a username fragment, any case', () => ['MEERA', [r1]]],
      ['a username typed with @', () => ['@arjun', [r2]]],
      ['a first name', () => ['xe', [x2]]],
      ['a last name', () => ['rao', [r1]]],
      ['a referral code with ref_, lower case', () => [`ref_${r3.referralCode.toLowerCase()}`, [r3]]],
      ['a Telegram id prefix', () => [r1.telegramId.slice(0, -1), [r1, r2, x1, x2, y1, r3, z1, z2, blocked, loner].filter((p) => p.telegramId.startsWith(r1.telegramId.slice(0, -1)))]],
    ])('finds people by %s', async (_name, search) => {
      const [q, expected] = search();
      const result = await t.admin(USERS, { filter: { q }, perPage: 100 });
      expect(result.errors).toBeUndefined();
      expect(ids(result.data!.allUsers)).toEqual(sortedIds(...expected));
      expect(result.data!._allUsersMeta.count).toBe(expected.length);
    });

    it('treats LIKE wildcards in q as text', async () => {
      const result = await t.admin(USERS, { filter: { q: '%' } });
      expect(result.data!.allUsers).toEqual([]);
      expect(result.data!._allUsersMeta.count).toBe(0);
    });

    it('filters by status, type and referrer', async () => {
      const byStatus = await t.admin(USERS, { filter: { status: 'BLOCKED' } });
      expect(ids(byStatus.data!.allUsers)).toEqual([blocked.id]);

      const referrers = await t.admin(USERS, { filter: { type: 'REFERRER' }, perPage: 100 });
      expect(ids(referrers.data!.allUsers)).toEqual(sortedIds(r1, r2, r3));
      expect(referrers.data!.allUsers.every((user: { type: string }) => user.type === 'REFERRER')).toBe(true);

      const admins = await t.admin(USERS, { filter: { type: 'ADMIN' }, perPage: 100 });
      expect(ids(admins.data!.allUsers)).toContain(adminId);
      expect(admins.data!.allUsers.every((user: { type: string }) => user.type === 'ADMIN')).toBe(true);
      expect(admins.data!._allUsersMeta.count).toBe(2); // the super admin and the admin

      const customers = await t.admin(USERS, { filter: { type: 'CUSTOMER' }, perPage: 100 });
      expect(ids(customers.data!.allUsers)).toEqual(sortedIds(x1, x2, y1, z1, z2, blocked, loner));
      expect(customers.data!._allUsersMeta.count).toBe(7);

      const invited = await t.admin(USERS, { filter: { referredById: r1.id } });
      expect(ids(invited.data!.allUsers)).toEqual(sortedIds(r2, x1, x2));

      const unknownCode = await t.admin(USERS, { filter: { attributionNote: 'UNKNOWN_CODE' } });
      expect(ids(unknownCode.data!.allUsers)).toEqual([loner.id]);
    });

    it('filters by registration date, both ends included', async () => {
      const result = await t.admin(USERS, { filter: { createdAtGte: '2026-01-02T12:00:00Z', createdAtLte: '2026-01-04T12:00:00Z' } });
      expect(ids(result.data!.allUsers)).toEqual(sortedIds(r2, x1, x2));
      expect(result.data!._allUsersMeta.count).toBe(3);
    });

    it('sorts and pages without overlap, and counts the whole filtered list', async () => {
      const filter = { type: 'CUSTOMER' };
      const all = await t.admin(USERS, { filter, sortField: 'telegramId', sortOrder: 'DESC', perPage: 100 });
      const telegramIds = all.data!.allUsers.map((user: { telegramId: string }) => user.telegramId);
      expect(telegramIds).toEqual([...telegramIds].sort((a, b) => Number(b) - Number(a)));
      const pages = [];
      for (let page = 0; page < 4; page++) {
        const result = await t.admin(USERS, { filter, sortField: 'telegramId', sortOrder: 'DESC', page, perPage: 2 });
        expect(result.data!._allUsersMeta.count).toBe(7);
        pages.push(...result.data!.allUsers.map((user: { telegramId: string }) => user.telegramId));
      }
      expect(pages).toEqual(telegramIds);

      const byDate = await t.admin(USERS, { filter: { createdAtLte: '2026-02-01T00:00:00Z' }, sortField: 'createdAt', sortOrder: 'ASC', perPage: 100 });
      expect(byDate.data!.allUsers.map((user: { id: string }) => user.id)).toEqual([r1, r2, x1, x2, y1, r3, z1, z2, blocked, loner].map((p) => p.id));
      const newestFirst = await t.admin(USERS, { filter: { createdAtLte: '2026-02-01T00:00:00Z' } });
      expect(newestFirst.data!.allUsers[0].id).toBe(loner.id);
    });

    it('reads one user by id, and refuses bad ids and sort fields', async () => {
      const one = await t.admin('query($id: ID!) { User(id: $id) { id referredBy { id } type stats { directReferrals level2Referrals convertedReferrals totalEarned } } }', { id: r2.id });
      expect(one.data!.User).toEqual({ id: r2.id, referredBy: { id: r1.id }, type: 'REFERRER', stats: { directReferrals: 1, level2Referrals: 0, convertedReferrals: 1, totalEarned: 2800 } });
      expect((await t.admin('{ User(id: "999999") { id } }')).data!.User).toBeNull();
      expect(codeOf(await t.admin('{ User(id: "abc") { id } }'))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.admin(USERS, { sortField: 'password_hash' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.admin(USERS, { perPage: 1001 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.admin(USERS, { filter: { referredById: '1 OR 1=1' } }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('allReferrals', () => {
    it('filters by referrer, referred, conversion and date', async () => {
      const byReferrer = await t.admin(REFERRALS, { filter: { referrerId: r1.id } });
      expect(byReferrer.data!._allReferralsMeta.count).toBe(3);
      expect(byReferrer.data!.allReferrals.map((r: { referred: { id: string } }) => r.referred.id).sort()).toEqual(sortedIds(r2, x1, x2).sort());
      expect(byReferrer.data!.allReferrals.every((r: { referrer: { id: string }; codeUsed: string }) => r.referrer.id === r1.id && r.codeUsed === r1.referralCode)).toBe(true);

      const converted = await t.admin(REFERRALS, { filter: { converted: true } });
      expect(converted.data!.allReferrals.map((r: { referred: { id: string } }) => r.referred.id).sort()).toEqual(sortedIds(x1, x2, y1).sort());
      const open = await t.admin(REFERRALS, { filter: { converted: false, referrerId: r1.id } });
      expect(open.data!.allReferrals.map((r: { referred: { id: string } }) => r.referred.id)).toEqual([r2.id]);
      expect(open.data!.allReferrals[0].converted).toBe(false);

      const one = await t.admin(REFERRALS, { filter: { referredId: y1.id } });
      expect(one.data!.allReferrals).toEqual([expect.objectContaining({ converted: true, referrer: { id: r2.id }, referred: { id: y1.id } })]);

      const dated = await t.admin(REFERRALS, { filter: { createdAtGte: '2026-01-03T00:00:00Z', createdAtLte: '2026-01-05T23:00:00Z' }, sortField: 'createdAt', sortOrder: 'ASC' });
      expect(dated.data!.allReferrals.map((r: { referred: { id: string } }) => r.referred.id)).toEqual([x1.id, x2.id, y1.id]);
      expect(dated.data!._allReferralsMeta.count).toBe(3);
      expect((await t.admin(REFERRALS, {})).data!._allReferralsMeta.count).toBe(6);
    });
  });

  describe('allReferrers', () => {
    it('has one row per user with direct referrals, from the stats counters', async () => {
      const result = await t.admin(REFERRERS, {});
      expect(result.errors).toBeUndefined();
      expect(result.data!._allReferrersMeta.count).toBe(3);
      const byId = Object.fromEntries(result.data!.allReferrers.map((row: { id: string }) => [row.id, row]));
      expect(byId[r1.id]).toEqual({
        id: r1.id, telegramId: r1.telegramId, username: 'meera_rao', directReferrals: 3, level2Referrals: 1, clicks: 0, conversions: 2,
        conversionRate: 66.67, level1Earned: 5600, level2Earned: 900, totalEarned: 6500, user: { id: r1.id, type: 'REFERRER' },
      });
      expect(byId[r2.id]).toMatchObject({ directReferrals: 1, conversions: 1, conversionRate: 100, totalEarned: 2800 });
      expect(byId[r3.id]).toMatchObject({ directReferrals: 2, clicks: 2, conversions: 0, conversionRate: 0, totalEarned: 0 });
      // default order: most direct referrals first
      expect(result.data!.allReferrers.map((row: { id: string }) => row.id)).toEqual([r1.id, r3.id, r2.id]);
    });

    it.each([
      ['directReferrals'], ['level2Referrals'], ['clicks'], ['conversions'], ['conversionRate'],
      ['level1Earned'], ['level2Earned'], ['totalEarned'], ['telegramId'], ['id'],
    ])('sorts by %s both ways', async (field) => {
      for (const order of ['ASC', 'DESC']) {
        const result = await t.admin(REFERRERS, { sortField: field, sortOrder: order });
        expect(result.errors).toBeUndefined();
        const values = result.data!.allReferrers.map((row: Record<string, string | number>) => Number(row[field]));
        const expected = [...values].sort((a, b) => (order === 'ASC' ? a - b : b - a));
        expect(values).toEqual(expected);
      }
    });

    it('filters, pages, and reads one referrer by user id', async () => {
      const search = await t.admin(REFERRERS, { filter: { q: 'kiran' } });
      expect(search.data!.allReferrers.map((row: { id: string }) => row.id)).toEqual([r3.id]);
      const busy = await t.admin(REFERRERS, { filter: { directReferralsGte: 2 } });
      expect(busy.data!._allReferrersMeta.count).toBe(2);
      const page = await t.admin(REFERRERS, { sortField: 'totalEarned', sortOrder: 'DESC', page: 1, perPage: 1 });
      expect(page.data!.allReferrers.map((row: { id: string }) => row.id)).toEqual([r2.id]);
      const getMany = await t.admin(REFERRERS, { filter: { ids: [r1.id, x1.id] } });
      expect(getMany.data!.allReferrers.map((row: { id: string }) => row.id)).toEqual([r1.id]);
      // A referrer's id is a user id: anything else is refused before the query, as on every list.
      const notAnId = await t.admin(REFERRERS, { filter: { ids: ['ADMIN', r1.id] } });
      expect(notAnId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID' });
      expect(notAnId.errors![0].message).toBe('id must be a positive integer id');

      const one = await t.admin('query($id: ID!) { Referrer(id: $id) { id directReferrals totalEarned } }', { id: r2.id });
      expect(one.data!.Referrer).toEqual({ id: r2.id, directReferrals: 1, totalEarned: 2800 });
      const none = await t.admin('query($id: ID!) { Referrer(id: $id) { id } }', { id: x1.id });
      expect(none.data!.Referrer).toBeNull();
    });
  });

  it('leaves no drift between referral_stats and the source tables', async () => {
    const result = await t.admin('mutation { rebuildReferralStats { checkedUsers driftedUsers drift { userId field } } }');
    expect(result.data!.rebuildReferralStats).toMatchObject({ driftedUsers: 0, drift: [] });
  });

  it('ends with the reports equal to the source tables', () => expectNoReportDrift(t));
});
