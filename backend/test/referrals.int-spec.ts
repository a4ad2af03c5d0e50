import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REFERRAL_CODE_ALPHABET } from '../src/users/referral-code.js';
import { expectNoReportDrift } from './support/money.js';
import { codeOf, createAdmin, type GraphQLResponse, startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) {
  id telegramId username firstName lastName referralCode referralCodeUsed attributionNote status deviceId ipAddress
  referralLink type referredBy { id telegramId } } }`;
const STATS = `query($t: String!) { referralStats(telegramId: $t) {
  directReferrals level2Referrals convertedReferrals totalEarned clicks conversionRate level1Earned level2Earned } }`;
const TREE = `query($t: String!, $depth: Int, $page: Int, $perPage: Int) {
  referralTree(telegramId: $t, depth: $depth, childrenPage: $page, childrenPerPage: $perPage) {
    level converted childrenCount user { id telegramId }
    children { level converted childrenCount user { id telegramId }
      children { level converted childrenCount user { id telegramId }
        children { level childrenCount user { id telegramId } children { level user { id } } } } } } }`;
const REBUILD = 'mutation { rebuildReferralStats { checkedUsers driftedUsers drift { userId field cached expected } } }';

interface RegisteredUser {
  id: string;
  telegramId: string;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  referralCode: string;
  referralCodeUsed: string | null;
  attributionNote: string | null;
  status: string;
  deviceId: string | null;
  ipAddress: string | null;
  referralLink: string | null;
  type: string;
  referredBy: { id: string; telegramId: string } | null;
}

interface TreeNode {
  level: number;
  converted: boolean;
  childrenCount: number;
  user: { id: string; telegramId: string };
  children: TreeNode[];
}

let nextTelegramId = 7_100_000_000;
const newTelegramId = () => String(nextTelegramId++);

describe('referrals: registration, attribution, stats and tree', () => {
  let t: TestApp;

  const register = async (input: Record<string, unknown>): Promise<RegisteredUser> => {
    const result = await t.bot<{ registerUser: RegisteredUser }>(REGISTER, { input: { telegramId: newTelegramId(), ...input } });
    if (!result.data?.registerUser) throw new Error(`registerUser failed: ${JSON.stringify(result.errors)}`);
    return result.data.registerUser;
  };
  const statsRow = async (userId: string) =>
    (await t.db.query('SELECT direct_referrals, level2_referrals, clicks, conversions, level1_earned, level2_earned FROM referral_stats WHERE user_id = $1', [userId])).rows[0];
  const expectNoDrift = async () => {
    const result = await t.admin(REBUILD);
    expect(result.errors).toBeUndefined();
    expect(result.data!.rebuildReferralStats.drift).toEqual([]);
    expect(result.data!.rebuildReferralStats.driftedUsers).toBe(0);
  };
  /** a ← b ← c, and c's order paid through the money path: b earns level 1, a level 2. */
  const chainWithPaidOrder = async () => {
    const a = await register({});
    const b = await register({ referralCode: a.referralCode });
    const c = await register({ referralCode: b.referralCode });
    const created = await t.bot('mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }', {
      input: { telegramId: c.telegramId, paymentMethod: 'UPI', upiId: `buyer${c.telegramId}@okaxis` },
    });
    expect(created.errors).toBeUndefined();
    const paid = await t.bot('mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }', {
      input: { orderId: created.data!.createOrder.id, transactionId: `UPI-REF-${c.telegramId}` },
    });
    expect(paid.data?.confirmPayment.status).toBe('PAID');
    return { a, b, c };
  };
  /** Everything registration may write, to prove a refusal wrote nothing. */
  const snapshot = async () =>
    (
      await t.db.query(`SELECT
        (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM wallets) AS wallets,
        (SELECT count(*)::int FROM referral_stats) AS stats, (SELECT count(*)::int FROM referrals) AS referrals,
        (SELECT count(*)::int FROM referral_clicks) AS clicks,
        (SELECT coalesce(sum(direct_referrals + level2_referrals + clicks), 0)::int FROM referral_stats) AS counters,
        (SELECT max(updated_at) FROM users) AS last_user_change`)
    ).rows[0];

  beforeAll(async () => {
    t = await startTestApp({ env: { BOT_USERNAME: 'ott_offers_bot' } });
  });
  afterAll(() => t.close());

  describe('registerUser', () => {
    it('creates the user with a wallet, a stats row, a random code and a deep link', async () => {
      const telegramId = newTelegramId();
      const result = await t.bot<{ registerUser: RegisteredUser }>(REGISTER, {
        input: { telegramId, username: 'ravi_k', firstName: 'Ravi', lastName: 'Kumar', deviceId: 'device-1', ipAddress: '203.0.113.7' },
      });
      expect(result.errors).toBeUndefined();
      const user = result.data!.registerUser;
      expect(user).toMatchObject({
        telegramId, username: 'ravi_k', firstName: 'Ravi', lastName: 'Kumar', status: 'ACTIVE', type: 'CUSTOMER',
        deviceId: 'device-1', ipAddress: '203.0.113.7', referredBy: null, attributionNote: null, referralCodeUsed: null,
      });
      expect(user.referralCode).toMatch(new RegExp(`^[${REFERRAL_CODE_ALPHABET}]{8}$`));
      expect(user.referralCode).not.toContain(telegramId.slice(-4));
      expect(user.referralLink).toBe(`https://t.me/ott_offers_bot?start=ref_${user.referralCode}`);
      expect(user.referralLink!.split('start=')[1]).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      const { rows } = await t.db.query(
        `SELECT (SELECT count(*)::int FROM wallets WHERE user_id = $1) AS wallets, (SELECT count(*)::int FROM referral_stats WHERE user_id = $1) AS stats`,
        [user.id],
      );
      expect(rows[0]).toEqual({ wallets: 1, stats: 1 });
    });

    it('trims names, drops control characters (NUL is refused by the input guard) and a leading @, and keeps them to the column lengths', async () => {
      const user = await register({
        username: '  @' + 'u'.repeat(70) + ' ',
        firstName: '\u0001  Priya\u0007 ',
        lastName: 'ऋ'.repeat(200),
      });
      expect(user.username).toBe('u'.repeat(64));
      expect(user.firstName).toBe('Priya');
      expect(user.lastName).toBe('ऋ'.repeat(128));
      // NUL cannot be stored at all: refused like in every other string (hardening.int-spec).
      const nul = await t.bot(REGISTER, { input: { telegramId: newTelegramId(), firstName: 'Pri\u0000ya' } });
      expect(nul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const blank = await register({ username: '   ', firstName: '' });
      expect(blank.username).toBeNull();
      expect(blank.firstName).toBeNull();
    });

    it('keeps a name of emoji whole when cutting it', async () => {
      const user = await register({ firstName: '😀'.repeat(130) });
      expect(Array.from(user.firstName!)).toHaveLength(128);
      expect(user.firstName).toBe('😀'.repeat(128));
    });

    it('attributes A → B → C: A counts one direct and one level-2 referral', async () => {
      const a = await register({ username: 'chain_a' });
      const b = await register({ referralCode: `ref_${a.referralCode.toLowerCase()}` });
      const c = await register({ referralCode: b.referralCode });
      expect(b.referredBy).toEqual({ id: a.id, telegramId: a.telegramId });
      expect(b.referralCodeUsed).toBe(`ref_${a.referralCode.toLowerCase()}`);
      expect(c.referredBy).toEqual({ id: b.id, telegramId: b.telegramId });
      expect(await statsRow(a.id)).toMatchObject({ direct_referrals: 1, level2_referrals: 1, clicks: 0, conversions: 0 });
      expect(await statsRow(b.id)).toMatchObject({ direct_referrals: 1, level2_referrals: 0 });
      expect(await statsRow(c.id)).toMatchObject({ direct_referrals: 0, level2_referrals: 0 });
      const { rows } = await t.db.query('SELECT referrer_id, referred_id, code_used FROM referrals WHERE referred_id = ANY($1) ORDER BY id', [[b.id, c.id]]);
      expect(rows).toEqual([
        { referrer_id: Number(a.id), referred_id: Number(b.id), code_used: a.referralCode },
        { referrer_id: Number(b.id), referred_id: Number(c.id), code_used: b.referralCode },
      ]);

      const stats = await t.bot(STATS, { t: a.telegramId });
      expect(stats.data!.referralStats).toEqual({
        directReferrals: 1, level2Referrals: 1, convertedReferrals: 0, totalEarned: 0, clicks: 0, conversionRate: 0, level1Earned: 0, level2Earned: 0,
      });
      const types = await t.bot('query($t: String!) { userByTelegramId(telegramId: $t) { type referredBy { id } } }', { t: a.telegramId });
      expect(types.data!.userByTelegramId).toEqual({ type: 'REFERRER', referredBy: null });
      await expectNoDrift();
    });

    it('matches the code in any case, with or without ref_, and with spaces around it', async () => {
      const owner = await register({});
      for (const typed of [owner.referralCode.toLowerCase(), `REF_${owner.referralCode}`, ` Ref_${owner.referralCode.toLowerCase()} `]) {
        const user = await register({ referralCode: typed });
        expect(user.referredBy?.id).toBe(owner.id);
      }
      expect(await statsRow(owner.id)).toMatchObject({ direct_referrals: 3 });
    });

    it('is idempotent per telegramId: a repeat refreshes the names and never the attribution', async () => {
      const referrer = await register({});
      const other = await register({});
      const telegramId = newTelegramId();
      const first = await t.bot<{ registerUser: RegisteredUser }>(REGISTER, {
        input: { telegramId, username: 'old_name', firstName: 'Old', lastName: 'Name', referralCode: referrer.referralCode, deviceId: 'd-1' },
      });
      const before = await snapshot();
      const again = await t.bot<{ registerUser: RegisteredUser }>(REGISTER, {
        input: { telegramId, username: 'new_name', firstName: 'New', referralCode: `ref_${other.referralCode}`, deviceId: 'd-2' },
      });
      expect(again.errors).toBeUndefined();
      expect(again.data!.registerUser).toMatchObject({
        id: first.data!.registerUser.id,
        referralCode: first.data!.registerUser.referralCode,
        username: 'new_name',
        firstName: 'New',
        lastName: 'Name', // not sent: left alone
        deviceId: 'd-1',
        referredBy: { id: referrer.id },
        referralCodeUsed: referrer.referralCode,
      });
      const after = await snapshot();
      expect(after).toMatchObject({ users: before.users, wallets: before.wallets, stats: before.stats, referrals: before.referrals });
      // someone else's code from a registered user is a click for its owner, nothing more
      expect(after.clicks).toBe(before.clicks + 1);
      expect(await statsRow(other.id)).toMatchObject({ clicks: 1, direct_referrals: 0 });
      expect(await statsRow(referrer.id)).toMatchObject({ clicks: 0, direct_referrals: 1 });

      const cleared = await t.bot<{ registerUser: RegisteredUser }>(REGISTER, { input: { telegramId, username: null } });
      expect(cleared.data!.registerUser).toMatchObject({ username: null, firstName: 'New', lastName: 'Name' });
      await expectNoDrift();
    });

    it('counts a /start with a code by a registered user as a click, not for their own code', async () => {
      const owner = await register({});
      const visitor = await register({});
      const click = await t.bot(REGISTER, { input: { telegramId: visitor.telegramId, referralCode: `ref_${owner.referralCode}` } });
      expect(click.data!.registerUser.referredBy).toBeNull();
      const { rows } = await t.db.query('SELECT referrer_id, user_id, code_used FROM referral_clicks WHERE user_id = $1', [visitor.id]);
      expect(rows).toEqual([{ referrer_id: Number(owner.id), user_id: Number(visitor.id), code_used: owner.referralCode }]);
      expect(await statsRow(owner.id)).toMatchObject({ clicks: 1, direct_referrals: 0 });
      expect((await t.bot(STATS, { t: owner.telegramId })).data!.referralStats.clicks).toBe(1);

      const own = await t.bot(REGISTER, { input: { telegramId: owner.telegramId, referralCode: owner.referralCode } });
      expect(own.data!.registerUser).toMatchObject({ referredBy: null, attributionNote: 'OWN_CODE', referralCodeUsed: owner.referralCode });
      expect(await statsRow(owner.id)).toMatchObject({ clicks: 1 });
      expect((await t.db.query('SELECT count(*)::int AS n FROM referral_clicks WHERE user_id = $1', [owner.id])).rows[0].n).toBe(0);
      await expectNoDrift();
    });

    it('leaves the user unattributed with UNKNOWN_CODE for a code nobody has', async () => {
      const before = await snapshot();
      for (const [typed, noted] of [['ref_ZZZZZZZZ', 'ref_ZZZZZZZZ'], ['hello world!', 'hello world!'], ['x'.repeat(300), 'x'.repeat(64)]]) {
        const user = await register({ referralCode: typed });
        expect(user).toMatchObject({ referredBy: null, attributionNote: 'UNKNOWN_CODE', referralCodeUsed: noted });
      }
      const after = await snapshot();
      expect(after.referrals).toBe(before.referrals);
      expect(after.counters).toBe(before.counters);
    });

    it('leaves the user unattributed with REFERRER_BLOCKED for a blocked referrer’s code; a suspicious one still counts', async () => {
      const blocked = await register({});
      const suspicious = await register({});
      await t.db.query(`UPDATE users SET status = 'BLOCKED', blocked_at = now(), blocked_reason = 'test' WHERE id = $1`, [blocked.id]);
      await t.db.query(`UPDATE users SET status = 'SUSPICIOUS' WHERE id = $1`, [suspicious.id]);
      const refused = await register({ referralCode: blocked.referralCode });
      expect(refused).toMatchObject({ referredBy: null, attributionNote: 'REFERRER_BLOCKED', referralCodeUsed: blocked.referralCode });
      expect(await statsRow(blocked.id)).toMatchObject({ direct_referrals: 0 });
      const counted = await register({ referralCode: suspicious.referralCode });
      expect(counted.referredBy?.id).toBe(suspicious.id);
      await expectNoDrift();
    });

    it('leaves new users unattributed with REFERRALS_DISABLED while referrals_enabled is false', async () => {
      const owner = await register({});
      const off = await t.admin('mutation { updateSetting(key: "referrals_enabled", value: false) { value } }');
      expect(off.errors).toBeUndefined();
      try {
        const user = await register({ referralCode: owner.referralCode });
        expect(user).toMatchObject({ referredBy: null, attributionNote: 'REFERRALS_DISABLED', referralCodeUsed: owner.referralCode });
        expect(await statsRow(owner.id)).toMatchObject({ direct_referrals: 0 });
        expect((await t.db.query('SELECT count(*)::int AS n FROM referrals WHERE referrer_id = $1', [owner.id])).rows[0].n).toBe(0);
      } finally {
        await t.admin('mutation { updateSetting(key: "referrals_enabled", value: true) { value } }');
      }
      const later = await register({ referralCode: owner.referralCode });
      expect(later.referredBy?.id).toBe(owner.id);
      await expectNoDrift();
    });

    it('creates exactly one user when twenty clients register the same new telegramId at once', async () => {
      const referrer = await register({});
      const telegramId = newTelegramId();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.bot<{ registerUser: RegisteredUser }>(REGISTER, { input: { telegramId, firstName: `Client ${i}`, referralCode: referrer.referralCode } })),
      );
      expect(results.filter((result) => result.errors)).toEqual([]);
      expect(new Set(results.map((result) => result.data!.registerUser.id)).size).toBe(1);
      const id = results[0].data!.registerUser.id;
      const { rows } = await t.db.query(
        `SELECT (SELECT count(*)::int FROM users WHERE telegram_id = $1) AS users, (SELECT count(*)::int FROM wallets WHERE user_id = $2) AS wallets,
                (SELECT count(*)::int FROM referral_stats WHERE user_id = $2) AS stats, (SELECT count(*)::int FROM referrals WHERE referred_id = $2) AS referrals`,
        [telegramId, id],
      );
      expect(rows[0]).toEqual({ users: 1, wallets: 1, stats: 1, referrals: 1 });
      // the first /start registered them; the other nineteen came from a registered user: clicks
      expect(await statsRow(referrer.id)).toMatchObject({ direct_referrals: 1, clicks: 19 });
      await expectNoDrift();
    });

    it('counts exactly when fifty people register with one code at once', async () => {
      const top = await register({});
      const referrer = await register({ referralCode: top.referralCode });
      const results = await Promise.all(Array.from({ length: 50 }, () => t.bot(REGISTER, { input: { telegramId: newTelegramId(), referralCode: `ref_${referrer.referralCode}` } })));
      expect(results.filter((result) => result.errors)).toEqual([]);
      expect(results.every((result) => result.data!.registerUser.referredBy.id === referrer.id)).toBe(true);
      expect(await statsRow(referrer.id)).toMatchObject({ direct_referrals: 50, level2_referrals: 0 });
      expect(await statsRow(top.id)).toMatchObject({ direct_referrals: 1, level2_referrals: 50 });
      expect((await t.db.query('SELECT count(*)::int AS n FROM referrals WHERE referrer_id = $1', [referrer.id])).rows[0].n).toBe(50);
      await expectNoDrift();
    });

    describe('refuses bad input with BAD_USER_INPUT and changes nothing', () => {
      const huge = 'x'.repeat(100 * 1024);
      it.each<[string, Record<string, unknown>]>([
        ['a non-digit telegramId', { telegramId: '12ab' }],
        ['a negative telegramId', { telegramId: '-5' }],
        ['a telegramId with spaces', { telegramId: ' 123' }],
        ['an empty telegramId', { telegramId: '' }],
        ['telegramId 0', { telegramId: '0' }],
        ['a 21-digit telegramId', { telegramId: '123456789012345678901' }],
        ['a 20-digit telegramId beyond any real one', { telegramId: '99999999999999999999' }],
        ['a numeric telegramId', { telegramId: 123 }],
        ['a 100 kB firstName', { telegramId: '7199999001', firstName: huge }],
        ['a 100 kB lastName', { telegramId: '7199999001', lastName: huge }],
        ['a 100 kB username', { telegramId: '7199999001', username: huge }],
        ['a 100 kB referralCode', { telegramId: '7199999001', referralCode: huge }],
        ['a 1,001-character firstName', { telegramId: '7199999001', firstName: 'y'.repeat(1001) }],
        ['an over-long deviceId', { telegramId: '7199999001', deviceId: 'd'.repeat(129) }],
        ['an ipAddress that is not an address', { telegramId: '7199999001', ipAddress: 'not-an-ip' }],
      ])('%s', async (_name, input) => {
        const existing = await register({ firstName: 'Kept' });
        const before = await snapshot();
        const result = await t.bot(REGISTER, { input });
        expect(codeOf(result)).toBe('BAD_USER_INPUT');
        expect(result.data ?? null).toBeNull();
        expect(await snapshot()).toEqual(before);
        // the same bad field on a known user changes nothing either
        if (input.telegramId === '7199999001') {
          const repeat = await t.bot(REGISTER, { input: { ...input, telegramId: existing.telegramId } });
          expect(codeOf(repeat)).toBe('BAD_USER_INPUT');
          expect((await t.db.query('SELECT first_name FROM users WHERE id = $1', [existing.id])).rows[0].first_name).toBe('Kept');
          expect(await snapshot()).toEqual(before);
        }
      });
    });
  });

  describe('bot reads', () => {
    it('answers userByTelegramId with null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
      const user = await register({ username: 'lookup_me' });
      const found = await t.bot('query($t: String!) { userByTelegramId(telegramId: $t) { id username } }', { t: user.telegramId });
      expect(found.data!.userByTelegramId).toEqual({ id: user.id, username: 'lookup_me' });
      const missing = await t.bot('query($t: String!) { userByTelegramId(telegramId: $t) { id } }', { t: '7999999999' });
      expect(missing.errors).toBeUndefined();
      expect(missing.data!.userByTelegramId).toBeNull();
      const bad = await t.bot('query($t: String!) { userByTelegramId(telegramId: $t) { id } }', { t: 'abc' });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    });

    it('answers referralStats with NOT_FOUND for an unknown user', async () => {
      expect(codeOf(await t.bot(STATS, { t: '7999999998' }))).toBe('NOT_FOUND');
      expect(codeOf(await t.bot(STATS, { t: '12x' }))).toBe('BAD_USER_INPUT');
    });

    describe('referralTree', () => {
      let root: RegisteredUser;
      let children: RegisteredUser[];
      let grandchildren: RegisteredUser[];
      let greatGrandchild: RegisteredUser;

      beforeAll(async () => {
        root = await register({ username: 'tree_root' });
        children = [];
        for (let i = 0; i < 25; i++) children.push(await register({ referralCode: root.referralCode }));
        grandchildren = [];
        for (let i = 0; i < 3; i++) grandchildren.push(await register({ referralCode: children[0].referralCode }));
        greatGrandchild = await register({ referralCode: grandchildren[2].referralCode });
        await register({ referralCode: greatGrandchild.referralCode });
      });

      it('lists a page of children, newest first, with every node’s total count', async () => {
        const result = await t.bot<{ referralTree: TreeNode }>(TREE, { t: root.telegramId });
        expect(result.errors).toBeUndefined();
        const tree = result.data!.referralTree;
        expect(tree).toMatchObject({ level: 0, converted: false, childrenCount: 25, user: { id: root.id } });
        expect(tree.children.map((node) => node.user.id)).toEqual(children.slice(5).reverse().map((child) => child.id));
        expect(tree.children.every((node) => node.level === 1)).toBe(true);
        // depth 2 by default: the grandchildren are listed, their own children are not
        const first = tree.children.find((node) => node.user.id === children[0].id);
        expect(first).toBeUndefined(); // the oldest child is on the second page
        const secondPage = await t.bot<{ referralTree: TreeNode }>(TREE, { t: root.telegramId, page: 1 });
        const oldest = secondPage.data!.referralTree.children;
        expect(oldest.map((node) => node.user.id)).toEqual(children.slice(0, 5).reverse().map((child) => child.id));
        const withGrandchildren = oldest.find((node) => node.user.id === children[0].id)!;
        expect(withGrandchildren.childrenCount).toBe(3);
        expect(withGrandchildren.children.map((node) => node.user.id)).toEqual(grandchildren.map((g) => g.id).reverse());
        expect(withGrandchildren.children.every((node) => node.level === 2 && node.children.length === 0)).toBe(true);
        expect(withGrandchildren.children[0].childrenCount).toBe(1);
        const empty = await t.bot<{ referralTree: TreeNode }>(TREE, { t: root.telegramId, page: 2 });
        expect(empty.data!.referralTree).toMatchObject({ childrenCount: 25, children: [] });
      });

      it('goes exactly as deep as asked, and honours childrenPerPage', async () => {
        const depthOf = (node: TreeNode): number => (node.children?.length ? 1 + Math.max(...node.children.map(depthOf)) : 0);
        const one = await t.bot<{ referralTree: TreeNode }>(TREE, { t: children[0].telegramId, depth: 1 });
        expect(depthOf(one.data!.referralTree)).toBe(1);
        const four = await t.bot<{ referralTree: TreeNode }>(TREE, { t: children[0].telegramId, depth: 4 });
        expect(depthOf(four.data!.referralTree)).toBe(3);
        const three = await t.bot<{ referralTree: TreeNode }>(TREE, { t: root.telegramId, depth: 4, page: 4, perPage: 5 }); // the oldest five
        expect(three.data!.referralTree.children).toHaveLength(5);
        expect(depthOf(three.data!.referralTree)).toBe(4);
        const narrow = await t.bot<{ referralTree: TreeNode }>(TREE, { t: root.telegramId, perPage: 2 });
        expect(narrow.data!.referralTree.children.map((node) => node.user.id)).toEqual([children[24].id, children[23].id]);
      });

      it('answers at most 500 nodes, cutting the deepest level first', async () => {
        const wide = await register({});
        // 100 children with 10 children each, written in SQL: registering 1,100 people one by one only slows the test
        await t.db.query(
          `WITH kids AS (
             INSERT INTO users (telegram_id, referral_code, referred_by_id, created_at)
             SELECT 7400000000 + g, 'WK' || lpad(g::text, 6, '0'), $1, now() - g * interval '1 minute' FROM generate_series(1, 100) g
             RETURNING id, telegram_id
           ), grandkids AS (
             INSERT INTO users (telegram_id, referral_code, referred_by_id)
             SELECT 7400001000 + (k.telegram_id - 7400000000) * 10 + j, 'WG' || lpad(((k.telegram_id - 7400000000) * 10 + j)::text, 6, '0'), k.id
             FROM kids k CROSS JOIN generate_series(1, 10) j
             RETURNING id, referred_by_id
           ), everyone AS (
             SELECT id, $1::bigint AS referrer_id FROM kids UNION ALL SELECT id, referred_by_id FROM grandkids
           ), referral AS (INSERT INTO referrals (referrer_id, referred_id, code_used) SELECT referrer_id, id, 'SEEDED' FROM everyone),
           wallet AS (INSERT INTO wallets (user_id) SELECT id FROM everyone)
           INSERT INTO referral_stats (user_id) SELECT id FROM everyone`,
          [wide.id],
        );
        const rebuilt = await t.admin(REBUILD);
        expect(rebuilt.data!.rebuildReferralStats.driftedUsers).toBe(101); // the counters of the SQL-seeded tree, now filled
        const count = (node: TreeNode): number => 1 + (node.children ?? []).reduce((sum, child) => sum + count(child), 0);
        const capped = await t.bot<{ referralTree: TreeNode }>(TREE, { t: wide.telegramId, perPage: 50 });
        const tree = capped.data!.referralTree;
        expect(count(tree)).toBe(500);
        expect(tree.children).toHaveLength(50);
        expect(tree.children.every((child) => child.childrenCount === 10)).toBe(true);
        expect(tree.children.reduce((sum, child) => sum + child.children.length, 0)).toBe(449);
        const shallow = await t.bot<{ referralTree: TreeNode }>(TREE, { t: wide.telegramId, perPage: 50, depth: 1 });
        expect(count(shallow.data!.referralTree)).toBe(51);
        await expectNoDrift();
      });

      it.each([[0], [6], [-1]])('refuses depth %p with BAD_USER_INPUT', async (depth) => {
        expect(codeOf(await t.bot(TREE, { t: root.telegramId, depth }))).toBe('BAD_USER_INPUT');
      });

      it('refuses a page size beyond the limit and answers NOT_FOUND for an unknown user', async () => {
        expect(codeOf(await t.bot(TREE, { t: root.telegramId, perPage: 51 }))).toBe('BAD_USER_INPUT');
        expect(codeOf(await t.bot(TREE, { t: root.telegramId, page: -1 }))).toBe('BAD_USER_INPUT');
        expect(codeOf(await t.bot(TREE, { t: '7999999997' }))).toBe('NOT_FOUND');
      });
    });
  });

  describe('conversions', () => {
    it('a paid order through the money path converts the referral and the stats agree with the commissions', async () => {
      const { a, b } = await chainWithPaidOrder();
      expect((await t.bot(STATS, { t: b.telegramId })).data!.referralStats).toMatchObject({ convertedReferrals: 1, totalEarned: 2800, level1Earned: 2800 });
      expect((await t.bot(STATS, { t: a.telegramId })).data!.referralStats).toMatchObject({ convertedReferrals: 0, totalEarned: 900, level2Earned: 900 });
      await expectNoDrift();
    });
  });

  describe('rebuildReferralStats', () => {
    it('reports drift, fixes it, and finds none the second time', async () => {
      const a = await register({});
      const b = await register({ referralCode: a.referralCode });
      await register({ referralCode: b.referralCode });
      await t.db.query('UPDATE referral_stats SET direct_referrals = 7, clicks = 3 WHERE user_id = $1', [a.id]);
      await t.db.query('DELETE FROM referral_stats WHERE user_id = $1', [b.id]);

      const first = await t.admin(REBUILD);
      expect(first.errors).toBeUndefined();
      const report = first.data!.rebuildReferralStats;
      expect(report.driftedUsers).toBe(2);
      expect(report.checkedUsers).toBe((await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n);
      expect(report.drift).toEqual(
        expect.arrayContaining([
          { userId: a.id, field: 'directReferrals', cached: 7, expected: 1 },
          { userId: a.id, field: 'clicks', cached: 3, expected: 0 },
          { userId: b.id, field: 'directReferrals', cached: null, expected: 1 },
        ]),
      );
      expect(await statsRow(a.id)).toMatchObject({ direct_referrals: 1, level2_referrals: 1, clicks: 0 });
      expect(await statsRow(b.id)).toMatchObject({ direct_referrals: 1, level2_referrals: 0 });
      const log = await t.db.query(`SELECT target_type FROM admin_logs WHERE action = 'rebuildReferralStats'`);
      expect(log.rows.length).toBeGreaterThan(0);
      await expectNoDrift();
    });

    it('re-creates a missing row from the source tables, and the reports see no drift', async () => {
      const { b } = await chainWithPaidOrder();
      await t.db.query('DELETE FROM referral_stats WHERE user_id = $1', [b.id]);

      const rebuilt = await t.admin(REBUILD);
      expect(rebuilt.data!.rebuildReferralStats.driftedUsers).toBe(1);
      // b earned the level-1 commission of ₹28
      const row = (await t.db.query('SELECT level1_earned FROM referral_stats WHERE user_id = $1', [b.id])).rows[0];
      expect(row).toEqual({ level1_earned: 2800 });
      expect((await t.admin('{ reportDrift { figure } }')).data!.reportDrift).toEqual([]);
      await expectNoDrift();
    });

    it('is for the super admin only', async () => {
      const admin = await createAdmin(t, '7300000001');
      expect(codeOf(await t.as(admin.token)(REBUILD))).toBe('FORBIDDEN');
      expect(codeOf(await t.bot(REBUILD))).toBe('FORBIDDEN');
    });
  });

  describe('access', () => {
    it('lets only the bot register users, and admins read the referral views', async () => {
      const admin = await createAdmin(t, '7300000002');
      const asAdmin = t.as(admin.token);
      const byAdmin: GraphQLResponse = await asAdmin(REGISTER, { input: { telegramId: newTelegramId() } });
      expect(codeOf(byAdmin)).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(REGISTER, { input: { telegramId: newTelegramId() } }))).toBe('UNAUTHENTICATED');
      const user = await register({});
      expect((await asAdmin(STATS, { t: user.telegramId })).errors).toBeUndefined();
      expect((await asAdmin(TREE, { t: user.telegramId })).errors).toBeUndefined();
      expect(codeOf(await t.bot('{ allUsers { id } }'))).toBe('FORBIDDEN');
      expect(codeOf(await t.bot('{ allReferrers { id } }'))).toBe('FORBIDDEN');
      expect(codeOf(await t.bot('{ allReferrals { id } }'))).toBe('FORBIDDEN');
    });
  });

  it('ends with the reports equal to the source tables', () => expectNoReportDrift(t));
});
