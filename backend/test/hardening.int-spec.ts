import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isLeafType, isObjectType, parse } from 'graphql';
import { QUERY_LIMITS, queryCost } from '../src/common/graphql/query-limits.js';
import { ADMIN_DIST_DIR, PLAYGROUND_DIST_DIR } from '../src/common/paths.js';
import { buy, expireHolds, REQUEST_WITHDRAWAL, seedUser, setSetting } from './support/money.js';
import { BOT_API_KEY, codeOf, SUPER_ADMIN, type GraphQLResponse, startTestApp, type TestApp } from './support/test-app.js';

/** Hostile inputs, transport errors, query limits, headers and a busy release (issue 9). */

const LEAKS = /stack|at \w+ \(|\.ts:\d|\.js:\d|SELECT |INSERT |QueryFailedError|TypeORM|pg-pool|syntax error at/i;

async function post(t: TestApp, body: string, contentType = 'application/json', headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text };
}

function expectBadInput(response: GraphQLResponse, context: string, reason?: string) {
  expect({ context, code: codeOf(response), ...(reason ? { reason: response.errors?.[0]?.extensions?.reason } : {}) }).toEqual({
    context,
    code: 'BAD_USER_INPUT',
    ...(reason ? { reason } : {}),
  });
  expect(JSON.stringify(response)).not.toMatch(LEAKS);
}

describe('hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('text the database cannot store (NUL, lone surrogates), refused in every string argument', () => {
    const REGISTER = 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }';
    const BAD_TEXTS: [string, string][] = [
      ['a NUL', 'device\u0000id'],
      ['a lone high surrogate', 'device\ud800id'],
      ['a lone low surrogate', 'device\udc00id'],
    ];

    it('refuses them in registerUser.deviceId and stores nothing', async () => {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n;
      for (const [label, text] of BAD_TEXTS) {
        expectBadInput(await t.bot(REGISTER, { input: { telegramId: '6100000001', deviceId: text } }), `deviceId with ${label}`, 'INVALID_CHARACTERS');
      }
      // In the document itself, as a GraphQL string escape.
      expectBadInput(await t.bot('mutation { registerUser(input: { telegramId: "6100000001", deviceId: "a\\u0000b" }) { id } }'), 'literal NUL', 'INVALID_CHARACTERS');
      expect((await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(before);
      // A proper surrogate pair (an emoji) is fine.
      const emoji = await t.bot(REGISTER, { input: { telegramId: '6100000001', username: 'ravi😀', deviceId: 'dev-😀' } });
      expect(emoji.errors).toBeUndefined();
    });

    it('refuses them in the admin fields named in the issue, in nested inputs and in JSON values and keys', async () => {
      const user = await seedUser(t);
      const order = await buy(t, user);
      const cases: [string, string, Record<string, unknown>][] = [
        ['createFraudFlag.reason', 'mutation($input: CreateFraudFlagInput!) { createFraudFlag(input: $input) { id } }', { input: { userId: String(user.id), type: 'MANUAL', reason: 'shared\u0000phone' } }],
        ['createAdmin.username', 'mutation($input: CreateAdminInput!) { createAdmin(input: $input) { id } }', { input: { telegramId: '6100000002', password: 'long-enough-password', role: 'ADMIN', username: 'bad\u0000name' } }],
        ['refundOrder.reason', 'mutation($id: ID!, $reason: String!) { refundOrder(id: $id, reason: $reason) { id } }', { id: order.id, reason: 'customer\ud800asked' }],
        ['setFraudExemption.note', 'mutation($id: ID!, $note: String) { setFraudExemption(userId: $id, exempt: true, note: $note) { id } }', { id: String(user.id), note: 'office\u0000ip' }],
        ['blockUser.reason', 'mutation($id: ID!, $r: String!) { blockUser(id: $id, reason: $r) { id } }', { id: String(user.id), r: 'x\udfffy' }],
        ['filter.q', 'query($q: String) { allUsers(filter: { q: $q }) { id } }', { q: 'a\u0000' }],
        ['filter.ids[]', 'query($ids: [ID!]) { allUsers(filter: { ids: $ids }) { id } }', { ids: ['1', '2\u0000'] }],
        ['updateSetting JSON value (nested)', 'mutation($v: JSON!) { updateSetting(key: "product_name", value: $v) { key } }', { v: { nested: ['ok', 'bad\u0000'] } }],
        ['updateSetting JSON key', 'mutation($v: JSON!) { updateSetting(key: "product_name", value: $v) { key } }', { v: { 'k\u0000': 1 } }],
        ['updateSetting JSON string', 'mutation($v: JSON!) { updateSetting(key: "product_name", value: $v) { key } }', { v: 'Combo\u0000Plan' }],
        ['login.password', 'mutation($p: String!) { login(telegramId: "1", password: $p) { accessToken } }', { p: 'pass\u0000word' }],
      ];
      for (const [label, query, variables] of cases) expectBadInput(await t.admin(query, variables), label, 'INVALID_CHARACTERS');
      // Nothing was written: no flag, no refund, no block, the product name unchanged.
      expect((await t.db.query('SELECT count(*)::int AS n FROM fraud_flags')).rows[0].n).toBe(0);
      expect((await t.db.query('SELECT status FROM orders WHERE id = $1', [order.id])).rows[0].status).toBe('PAID');
      expect((await t.db.query('SELECT status FROM users WHERE id = $1', [user.id])).rows[0].status).toBe('ACTIVE');
      const name = await t.admin('{ Setting(id: "product_name") { value } }');
      expect(name.data!.Setting.value).toBe('Combo OTT Plan');
    });
  });

  describe('free-text search (filter.q) on every list that has it', () => {
    let adminTelegramId: string;
    let referrer: { id: number; telegramId: string };
    let buyer: { id: number; telegramId: string };
    let orderId: string;
    let transactionId: string;
    let withdrawalId: string;
    let flagId: string;

    beforeAll(async () => {
      adminTelegramId = '6200000001';
      await t.admin('mutation($input: CreateAdminInput!) { createAdmin(input: $input) { id } }', {
        input: { telegramId: adminTelegramId, password: 'admin-password-123', role: 'ADMIN', username: 'searchable_ops' },
      });
      const registeredReferrer = await t.bot('mutation { registerUser(input: { telegramId: "6200000010", username: "zanzibar_ref" }) { id referralCode } }');
      referrer = { id: Number(registeredReferrer.data!.registerUser.id), telegramId: '6200000010' };
      const code = registeredReferrer.data!.registerUser.referralCode;
      const registeredBuyer = await t.bot(`mutation { registerUser(input: { telegramId: "6200000020", username: "quokka_buyer", referralCode: "ref_${code}" }) { id } }`);
      buyer = { id: Number(registeredBuyer.data!.registerUser.id), telegramId: '6200000020' };
      const paid = await buy(t, buyer);
      orderId = paid.id;
      transactionId = paid.transactionId;
      await expireHolds(t);
      await t.admin('mutation { processPendingCommissions }');
      await setSetting(t, 'min_withdrawal_amount', 100);
      const requested = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: referrer.telegramId, amount: 1000, upiId: 'zanzibar-payout@okicici' } });
      withdrawalId = requested.data!.requestWithdrawal.id;
      const flag = await t.admin('mutation($input: CreateFraudFlagInput!) { createFraudFlag(input: $input) { id } }', {
        input: { userId: String(buyer.id), type: 'MANUAL', reason: 'platypus pattern seen' },
      });
      flagId = flag.data!.createFraudFlag.id;
    });

    /** The ids a list answers for `q`, after checking `_allXsMeta` counts the same rows. */
    async function search(resource: string, q: string, idField = 'id'): Promise<string[]> {
      const response = await t.admin(`query($q: String) { list: all${resource}s(filter: { q: $q }, perPage: 1000) { ${idField} } meta: _all${resource}sMeta(filter: { q: $q }) { count } }`, { q });
      expect({ resource, q, errors: response.errors }).toEqual({ resource, q, errors: undefined });
      const ids = response.data!.list.map((row: Record<string, string>) => String(row[idField]));
      expect({ resource, q, count: response.data!.meta.count }).toEqual({ resource, q, count: ids.length });
      return ids;
    }

    it('Admin: by username and Telegram id (it failed with an SQL syntax error whatever the text)', async () => {
      const admins = await t.admin('{ allAdmins { id telegramId } }');
      const id = admins.data!.allAdmins.find((admin: { telegramId: string }) => admin.telegramId === adminTelegramId).id;
      expect(await search('Admin', 'searchable')).toEqual([id]);
      expect(await search('Admin', 'SEARCHABLE_OPS')).toEqual([id]);
      expect(await search('Admin', '62000000')).toEqual([id]);
      expect(await search('Admin', 'nobody-by-this-name')).toEqual([]);
      expect(await search('Admin', "'; DROP TABLE users; --")).toEqual([]);
    });

    it('User and Referrer: by username, referral code and Telegram id', async () => {
      expect(await search('User', 'quokka')).toEqual([String(buyer.id)]);
      expect(await search('User', '@quokka_buyer')).toEqual([String(buyer.id)]);
      expect(await search('User', '6200000020')).toEqual([String(buyer.id)]);
      expect(await search('Referrer', 'zanzibar')).toEqual([String(referrer.id)]);
      expect(await search('User', '100%')).toEqual([]);
    });

    it('Referral: by the code used', async () => {
      const code = (await t.db.query('SELECT code_used FROM referrals WHERE referred_id = $1', [buyer.id])).rows[0].code_used;
      expect(await search('Referral', code)).toHaveLength(1);
      expect(await search('Referral', 'no-such-code')).toEqual([]);
    });

    it('Order, Commission, Withdrawal and WalletTransaction: by the ids and references an admin holds', async () => {
      expect(await search('Order', transactionId)).toEqual([orderId]);
      expect(await search('Order', `buyer${buyer.telegramId}@okaxis`)).toEqual([orderId]);
      const commissions = await search('Commission', orderId);
      expect(commissions).toHaveLength(1); // the buyer's only referrer earns level 1
      expect(await search('Withdrawal', 'zanzibar-payout')).toEqual([withdrawalId]);
      // The order's ledger entries: the commission credited, then released.
      const ledger = await search('WalletTransaction', orderId);
      const expected = (await t.db.query('SELECT id::text FROM wallet_transactions WHERE order_id = $1 OR id = $1 OR withdrawal_id = $1 ORDER BY id DESC', [orderId])).rows.map((row) => row.id);
      expect(ledger.length).toBeGreaterThanOrEqual(2);
      expect(ledger).toEqual(expected);
      expect(await search('WalletTransaction', 'bot')).toEqual(
        (await t.db.query(`SELECT id::text FROM wallet_transactions WHERE actor = 'bot' ORDER BY id DESC`)).rows.map((row) => row.id),
      );
    });

    it('FraudFlag, AdminLog and Setting: by their text', async () => {
      expect(await search('FraudFlag', 'PLATYPUS')).toEqual([flagId]);
      const logs = await search('AdminLog', 'createFraudFlag');
      expect(logs.length).toBeGreaterThanOrEqual(1);
      const settings = await search('Setting', 'withdrawal', 'key');
      expect(settings).toEqual(expect.arrayContaining(['min_withdrawal_amount', 'withdrawals_enabled']));
      expect(settings).not.toContain('product_price');
    });
  });

  describe('transport errors: every answer from /graphql is GraphQL-shaped with extensions.code', () => {
    it('answers bodies that are not a JSON object, other charsets and persisted queries with BAD_REQUEST', async () => {
      const requests: [string, () => ReturnType<typeof post>][] = [
        ['not JSON', () => post(t, '{not json')],
        ['empty', () => post(t, '')],
        ['a JSON string', () => post(t, '"{ __typename }"')],
        ['a JSON number', () => post(t, '42')],
        ['JSON null', () => post(t, 'null')],
        ['a JSON array (batch)', () => post(t, '[{"query":"{ __typename }"}]')],
        ['latin1 charset', () => post(t, '{"query":"{ __typename }"}', 'application/json; charset=latin1')],
        ['utf-16 charset', () => post(t, '{"query":"{ __typename }"}', 'application/json; charset=utf-16')],
        ['text/plain (CSRF)', () => post(t, '{"query":"{ __typename }"}', 'text/plain')],
        ['an object without query', () => post(t, '{"variables":{}}')],
        ['an automatic persisted query hash, anonymous', () => post(t, '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"deadbeef"}}}')],
        ['a persisted query with its text', () => post(t, '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"deadbeef"}}}', 'application/json', { 'x-api-key': BOT_API_KEY })],
        ['a body over 1 MB', () => post(t, `{"query":"${'x'.repeat(1_100_000)}"}`)],
      ];
      for (const [label, send] of requests) {
        const response = await send();
        const context = `${label}: ${response.status} ${response.text.slice(0, 200)}`;
        expect({ context, json: response.contentType?.startsWith('application/json') }).toEqual({ context, json: true });
        const body = JSON.parse(response.text) as { errors?: { message: string; extensions?: { code?: string } }[] };
        expect({ context, code: body.errors?.[0]?.extensions?.code }).toEqual({ context, code: 'BAD_REQUEST' });
        expect({ context, status: response.status < 500 }).toEqual({ context, status: true });
        expect(response.text).not.toMatch(LEAKS);
      }
    });
  });

  describe('bodies that do not decompress, and persisted queries: GraphQL-shaped 4xx answers', () => {
    const QUERY = '{"query":"{ __typename }"}';
    const expectRequestError = (response: { status: number; text: string }, context: string, status: number, message: RegExp) => {
      const body = JSON.parse(response.text) as { errors?: { message: string; extensions?: { code?: string } }[] };
      expect({ context, status: response.status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message }).toEqual({
        context,
        status,
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      });
      // Neither zlib's words nor Nest's shape.
      expect(response.text).not.toMatch(/incorrect header check|Decompression failed|statusCode|unexpected end of file/i);
    };

    it('answers a body that does not decompress with 400, and an unknown encoding with 415', async () => {
      expectRequestError(await post(t, QUERY, 'application/json', { 'content-encoding': 'gzip' }), 'gzip, plain body', 400, /could not be decompressed/);
      expectRequestError(await post(t, QUERY, 'application/json', { 'content-encoding': 'br' }), 'br, plain body', 400, /could not be decompressed/);
      expectRequestError(await post(t, QUERY, 'application/json', { 'content-encoding': 'deflate' }), 'deflate, plain body', 400, /could not be decompressed/);
      const truncated = gzipSync(Buffer.from(QUERY)).subarray(0, 12);
      const cut = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: truncated });
      expectRequestError({ status: cut.status, text: await cut.text() }, 'gzip, cut short', 400, /could not be decompressed/);
      expectRequestError(await post(t, QUERY, 'application/json', { 'content-encoding': 'x-compress-9000' }), 'an unknown encoding', 415, /unsupported content encoding/);
      // A real gzip body is read as any other.
      const zipped = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-api-key': BOT_API_KEY },
        body: gzipSync(Buffer.from(QUERY)),
      });
      expect({ status: zipped.status, body: await zipped.json() }).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    });

    it('answers a persisted-query hash, by POST or GET, with 400 and the documented message', async () => {
      const hash = '{"persistedQuery":{"version":1,"sha256Hash":"abc"}}';
      expectRequestError(await post(t, `{"extensions":${hash}}`), 'POST, hash alone', 400, /^Persisted queries are not supported$/);
      expectRequestError(await post(t, `{"query":"{ __typename }","extensions":${hash}}`, 'application/json', { 'x-api-key': BOT_API_KEY }), 'POST, with its text', 400, /^Persisted queries are not supported$/);
      const get = await fetch(`${t.url}/graphql?extensions=${encodeURIComponent(hash)}`, { headers: { 'apollo-require-preflight': 'true' } });
      expectRequestError({ status: get.status, text: await get.text() }, 'GET', 400, /^Persisted queries are not supported$/);
    });
  });

  describe('bodies the JSON parser refuses on the other routes (webhooks, Mini App)', () => {
    it("answer Nest's 400 with a plain message, never the parser's or zlib's text", async () => {
      for (const path of ['/webhooks/razorpay', '/webhooks/cashfree', '/webhooks/razorpayx', '/miniapp/verify']) {
        const cases: [string, string, Record<string, string>, string][] = [
          ['a JSON string', '"x"', {}, 'The body is not valid JSON'],
          ['broken JSON', '{"event":', {}, 'The body is not valid JSON'],
          ['a bare number', '42', {}, 'The body is not valid JSON'],
          ['gzip that is not', '{"event":"payment.captured"}', { 'content-encoding': 'gzip' }, 'The request body could not be decompressed: it does not match its Content-Encoding'],
        ];
        for (const [label, body, headers, message] of cases) {
          const response = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
          const text = await response.text();
          const context = `${path}, ${label}`;
          expect({ context, status: response.status, body: JSON.parse(text) }).toEqual({ context, status: 400, body: { statusCode: 400, error: 'Bad Request', message } });
          expect(text).not.toMatch(/Unexpected|position|token|incorrect header check/i);
        }
      }
    });
  });

  describe('query limits', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: userByTelegramId(telegramId: "6300000001") { id username }`).join(' ');

    it('refuses the 1,000-alias 60 kB document in well under 50 ms, and /health answers meanwhile', async () => {
      const document = `query Flood { ${aliases(1000)} }`;
      expect(document.length).toBeGreaterThan(55_000);
      // Best of 9 round trips: the refusal's own cost. The CI machine is shared, so a single
      // round trip also measures whoever else holds the CPU at that moment.
      const timings: number[] = [];
      for (let i = 0; i < 9; i++) {
        const started = performance.now();
        const response = await t.bot(document);
        timings.push(performance.now() - started);
        expectBadInput(response, 'flood');
      }
      timings.sort((a, b) => a - b);
      console.info(
        `over-limit document (1,000 aliases, ${document.length} bytes) refused in ${timings[0].toFixed(1)} ms (best of 9 round trips; median ${timings[4].toFixed(1)} ms)`,
      );
      expect(timings[0]).toBeLessThan(50);

      // Twenty at once do not starve a health check.
      const flood = Array.from({ length: 20 }, () => t.bot(document));
      const started = performance.now();
      const health = await fetch(`${t.url}/health`);
      const healthMs = performance.now() - started;
      await Promise.all(flood);
      expect(health.status).toBe(200);
      expect(healthMs).toBeLessThan(1000);
    });

    it('refuses a document past each limit, and takes one at the limit', async () => {
      expectBadInput(await t.bot(`{ ${aliases(QUERY_LIMITS.maxAliases + 1)} }`), 'aliases');
      expect((await t.bot(`{ ${aliases(QUERY_LIMITS.maxAliases)} }`)).errors).toBeUndefined();
      // Depth: referralTree children nested past the limit.
      const nested = (levels: number): string => (levels === 0 ? 'level' : `level children { ${nested(levels - 1)} }`);
      expectBadInput(await t.bot(`{ referralTree(telegramId: "1", depth: 5) { ${nested(QUERY_LIMITS.maxDepth)} } }`), 'depth');
      const directives = (n: number) => Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(' ');
      expectBadInput(await t.bot(`{ ${directives(QUERY_LIMITS.maxDirectives + 1)} }`), 'directives');
      expect((await t.bot(`{ ${directives(QUERY_LIMITS.maxDirectives)} }`)).errors).toBeUndefined();
      const tokens = `{ ${Array.from({ length: QUERY_LIMITS.maxTokens }, () => '__typename').join(' ')} }`;
      expectBadInput(await t.bot(tokens), 'tokens');
    });

    it("lets the bot's deepest request through: referralTree(depth: 5) with every level's children", async () => {
      await t.bot('mutation { registerUser(input: { telegramId: "6300000001", username: "tree_root" }) { id } }');
      const node = (levels: number): string =>
        `user { id telegramId username referralCode status } level converted${levels ? ` children { ${node(levels - 1)} }` : ''}`;
      const response = await t.bot(`query Tree($t: String!) { referralTree(telegramId: $t, depth: 5) { ${node(5)} } }`, { t: '6300000001' });
      expect(response.errors).toBeUndefined();
      expect(response.data!.referralTree.user.username).toBe('tree_root');
    });
  });

  describe('query cost (every list costs its rows, whole-database recomputations one a document)', () => {
    const OPERATIONS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../admin/src/graphql/operations.graphql'), 'utf8');
    const schema = () => t.app.get(GraphQLSchemaHost).schema;
    const expectCostRefusal = (response: GraphQLResponse, context: string) => {
      expectBadInput(response, context);
      expect({ context, message: response.errors![0].message }).toEqual({
        context,
        message: expect.stringMatching(new RegExp(`^The query costs \\d+, more than the limit of ${QUERY_LIMITS.maxCost}`)),
      });
      expect(response.data ?? null).toBeNull();
    };

    it('refuses 30 reportDrift (or two) before running any, and lets the bot through meanwhile', async () => {
      const many = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
      const started = performance.now();
      const [drift, registered] = await Promise.all([
        t.admin(many(30, 'reportDrift { __typename }')),
        t.bot('mutation { registerUser(input: { telegramId: "6300000101" }) { id } }'),
      ]);
      expectCostRefusal(drift, '30 reportDrift');
      expect(registered.errors).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(2000);
      expectCostRefusal(await t.admin(many(2, 'reportDrift { __typename }')), '2 reportDrift');
      expectCostRefusal(await t.admin(many(2, 'walletReconciliation { checkedWallets }')), '2 walletReconciliation');
      expectCostRefusal(await t.admin('{ reportDrift { __typename } walletReconciliation { checkedWallets } }'), 'reportDrift + walletReconciliation');
      expectCostRefusal(await t.admin(`mutation { ${Array.from({ length: 2 }, (_, i) => `r${i}: rebuildReferralStats { __typename }`).join(' ')} }`), '2 rebuildReferralStats');
      // One of them is fine.
      expect((await t.admin('{ reportDrift { __typename } }')).errors).toBeUndefined();
      expect((await t.admin('{ walletReconciliation { checkedWallets } }')).errors).toBeUndefined();
    });

    it('costs a list its page size times its selection, whether perPage is a literal or a variable', async () => {
      const users = (perPage: string) => `allUsers(perPage: ${perPage}) { id referredBy { id referredBy { id referredBy { id } } } }`;
      // 1,000 rows × 4 objects each = 4,000: two fit, three do not, and thirty (16.5 s before) certainly not.
      const aliased = (n: number, perPage: string) => Array.from({ length: n }, (_, i) => `a${i}: ${users(perPage)}`).join(' ');
      expectCostRefusal(await t.admin(`{ ${aliased(30, '1000')} }`), '30 × allUsers(perPage: 1000)');
      expectCostRefusal(await t.admin(`{ ${aliased(3, '1000')} }`), '3 × allUsers(perPage: 1000)');
      expectCostRefusal(await t.admin(`query($n: Int) { ${aliased(3, '$n')} }`, { n: 1000 }), '3 × allUsers(perPage: $n = 1000)');
      expect((await t.admin(`{ ${aliased(2, '1000')} }`)).errors).toBeUndefined();
      expect((await t.admin(`query($n: Int) { ${aliased(30, '$n')} }`, { n: 10 })).errors).toBeUndefined();
      expect(queryCost(schema(), parse(`{ ${users('1000')} }`))).toBe(4000);
      // A negative or huge perPage (refused by the list's own validation) cannot lower the cost
      // of what else the document holds, nor overflow it.
      expectCostRefusal(await t.admin('{ a: allUsers(perPage: -1000000000) { id } b: reportDrift { __typename } c: reportDrift { __typename } }'), 'negative perPage beside 2 reportDrift');
      expect(queryCost(schema(), parse('{ allUsers(perPage: -5) { referredBy { id } } }'))).toBe(1 * 2);
      expect(queryCost(schema(), parse('{ allUsers(perPage: 2000000000) { referredBy { id } } }'))).toBe(1000 * 2);
      // Without perPage a list is costed at the default page (25 rows).
      expect(queryCost(schema(), parse('{ allUsers { id referredBy { id } } }'))).toBe(2 * 25);
    });

    it("lets the panel's largest documents through with half the limit to spare", async () => {
      const now = new Date();
      const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
      const documents: [string, string, Record<string, unknown>][] = [
        // The dashboard's single request (PENDING_WITHDRAWALS_SUMMED = 500), with the 90-day chart.
        ['Dashboard', OPERATIONS, {
          pendingWithdrawalsSummed: 500, seriesFrom: daysAgo(90), seriesTo: now.toISOString(), seriesInterval: 'DAY',
          kpisFrom: daysAgo(30), todayFrom: daysAgo(1), now: now.toISOString(),
        }],
        // The payment monitoring page at the API's largest list (the panel asks for 50).
        ['PaymentMonitoringPage', OPERATIONS, { from: daysAgo(30), to: now.toISOString(), staleAfterMinutes: 45, listed: 200 }],
        ['FraudCases', OPERATIONS, { perPage: 100 }],
        ['WalletReconciliation', OPERATIONS, {}],
        ['ProcessPendingCommissions', OPERATIONS, {}],
      ];
      // An export page of every resource: 1,000 rows of its scalar columns, and the list's count.
      for (const [name, field] of Object.entries(schema().getQueryType()!.getFields())) {
        const resource = /^all(\w+)s$/.exec(name)?.[1];
        const type = resource && schema().getType(resource);
        if (!isObjectType(type)) continue;
        const columns = Object.values(type.getFields()).filter((column) => !column.args.length && isLeafType(getNamedType(column.type)));
        const meta = schema().getQueryType()!.getFields()[`_${name}Meta`] ? `total: _${name}Meta { count }` : '';
        documents.push([`export ${name}`, `query($perPage: Int) { items: ${field.name}(perPage: $perPage) { ${columns.map((column) => column.name).join(' ')} } ${meta} }`, { perPage: 1000 }]);
      }
      expect(documents.length).toBeGreaterThan(15);
      const token = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
      const RECOMPUTATIONS = ['WalletReconciliation', 'ProcessPendingCommissions'];
      const costs: Record<string, number> = {};
      for (const [operationName, query, variables] of documents) {
        const cost = queryCost(schema(), parse(query), variables, query === OPERATIONS ? operationName : undefined);
        // A whole-database recomputation takes more than half the limit by design: it is sent alone.
        const allowed = RECOMPUTATIONS.includes(operationName) ? QUERY_LIMITS.maxCost : QUERY_LIMITS.maxCost / 2;
        expect({ operationName, withinAllowed: cost! <= allowed }).toEqual({ operationName, withinAllowed: true });
        costs[operationName] = cost!;
        const response = await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables, ...(query === OPERATIONS ? { operationName } : {}) }),
        });
        const body = (await response.json()) as GraphQLResponse;
        expect({ operationName, status: response.status, errors: body.errors }).toEqual({ operationName, status: 200, errors: undefined });
      }
      console.info(`costs of the panel's largest documents (limit ${QUERY_LIMITS.maxCost}): ${JSON.stringify(costs)}`);
    });
  });

  describe('dates outside the years 0001–9999 (PostgreSQL answered "timestamp out of range")', () => {
    const TO = '"2026-01-01T00:00:00Z"';
    const expectYearRefusal = (response: GraphQLResponse, context: string) => {
      expectBadInput(response, context);
      expect({ context, message: response.errors![0].message }).toEqual({ context, message: expect.stringContaining('between the years 0001 and 9999') });
    };

    it('refuses them in the reports and list filters with BAD_USER_INPUT, as literals and as variables', async () => {
      for (const from of ['-100000-01-01T00:00:00Z', '-271821-04-20T00:00:00Z', '0000-12-31T23:59:59Z', '+010000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z']) {
        const cases: [string, string][] = [
          ['kpis', `{ kpis(from: "${from}", to: ${TO}) { refundRate } }`],
          ['reportSeries', `{ reportSeries(from: "${from}", to: ${TO}) { from } }`],
          ['paymentMonitoring', `{ paymentMonitoring(from: "${from}", to: ${TO}) { created } }`],
          ['recentFailedPayments', `{ recentFailedPayments(from: "${from}") { id } }`],
          ['allOrders createdAtGte', `{ allOrders(filter: { createdAtGte: "${from}" }) { id } }`],
          ['_allUsersMeta createdAtLte', `{ _allUsersMeta(filter: { createdAtLte: "${from}" }) { count } }`],
        ];
        for (const [label, query] of cases) expectYearRefusal(await t.admin(query), `${label} from ${from}`);
        expectYearRefusal(await t.admin('query($from: DateTime!) { kpis(from: $from, to: "2026-01-01T00:00:00Z") { refundRate } }', { from }), `kpis($from: ${from})`);
        expectYearRefusal(await t.admin('query($f: OrderFilter) { allOrders(filter: $f) { id } }', { f: { createdAtGte: from } }), `allOrders($f.createdAtGte: ${from})`);
      }
      // Not a date at all, or not a string.
      expectBadInput(await t.admin(`{ kpis(from: "yesterday-ish", to: ${TO}) { refundRate } }`), 'not a date');
      expectBadInput(await t.admin('query($from: DateTime!) { kpis(from: $from, to: "2026-01-01T00:00:00Z") { refundRate } }', { from: 1_700_000_000_000 }), 'a number');
    });

    it('takes the first and the last of those years', async () => {
      const kpis = await t.admin(`{ kpis(from: "0001-01-01T00:00:00Z", to: ${TO}) { refundRate } }`);
      expect(kpis.errors).toBeUndefined();
      const orders = await t.admin('{ a: allOrders(filter: { createdAtGte: "0001-01-01T00:00:00Z" }) { id } b: allOrders(filter: { createdAtLte: "9999-12-31T23:59:59.999Z" }) { id } }');
      expect(orders.errors).toBeUndefined();
      const failed = await t.admin('{ recentFailedPayments(from: "0001-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") { id } }');
      expect(failed.errors).toBeUndefined();
    });
  });

  describe('security headers', () => {
    const expectCommonHeaders = (response: Response, path: string) => {
      const headers = Object.fromEntries(['x-content-type-options', 'x-frame-options', 'referrer-policy', 'x-powered-by'].map((name) => [name, response.headers.get(name)]));
      expect({ path, ...headers }).toEqual({ path, 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'x-powered-by': null });
      expect({ path, csp: response.headers.get('content-security-policy') }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") });
    };

    it('sends nosniff, no framing and a Referrer-Policy everywhere, and no X-Powered-By', async () => {
      expectCommonHeaders(await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }), 'POST /graphql');
      expectCommonHeaders(await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } }), 'GET /graphql (playground)');
      expectCommonHeaders(await fetch(`${t.url}/health`), '/health');
      expectCommonHeaders(await fetch(`${t.url}/admin/`), '/admin/');
      expectCommonHeaders(await fetch(`${t.url}/no-such-page`), '404');
      if (existsSync(PLAYGROUND_DIST_DIR)) expectCommonHeaders(await fetch(`${t.url}/playground/`), '/playground/');
    });

    it('gives the admin panel a CSP that allows only this server, with no inline script', async () => {
      const response = await fetch(`${t.url}/admin/`);
      if (existsSync(ADMIN_DIST_DIR)) expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['connect-src']).toEqual(["'self'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(csp).not.toMatch(/https?:|\*/);
    });
  });

  it('keeps "Did you mean" in development, where introspection is on (the schema is public anyway)', async () => {
    const response = await t.bot('{ allUser { id } }');
    expect(response.errors![0].message).toMatch(/Did you mean "allUsers"/);
  });

  describe('a commission release already running', () => {
    it("answers CONFLICT (RELEASE_IN_PROGRESS), not 0, while another runner holds the release lock; then releases", async () => {
      const referrer = await seedUser(t);
      await buy(t, await seedUser(t, referrer.id));
      await expireHolds(t);
      const due = (await t.db.query(`SELECT count(*)::int AS n FROM commissions WHERE status = 'PENDING'`)).rows[0].n;
      expect(due).toBeGreaterThan(0);

      // Another instance holds the release's lease (job_leases), as a running release does.
      await t.db.query(`INSERT INTO job_leases (name, holder, acquired_at, expires_at) VALUES ('release-commissions', 'another-instance', now(), now() + interval '5 minutes')`);
      try {
        const busy = await t.admin('mutation { processPendingCommissions }');
        expect({ code: codeOf(busy), reason: busy.errors?.[0]?.extensions?.reason, data: busy.data }).toEqual({ code: 'CONFLICT', reason: 'RELEASE_IN_PROGRESS', data: null });
        expect(busy.errors![0].message).toMatch(/already running/);
        expect((await t.db.query(`SELECT count(*)::int AS n FROM commissions WHERE status = 'PENDING'`)).rows[0].n).toBe(due);
      } finally {
        await t.db.query(`DELETE FROM job_leases WHERE name = 'release-commissions'`);
      }
      const released = await t.admin('mutation { processPendingCommissions }');
      expect(released.errors).toBeUndefined();
      expect(released.data!.processPendingCommissions).toBe(due);
      // Nothing left: an honest 0.
      expect((await t.admin('mutation { processPendingCommissions }')).data!.processPendingCommissions).toBe(0);
    });
  });
});

describe('hardening in production (introspection and playground off)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  it('does not serve GraphiQL at /playground/ or GET /graphql', async () => {
    const playground = await fetch(`${t.url}/playground/`);
    expect(playground.status).toBe(404);
    expect(await playground.text()).not.toMatch(/graphiql/i);
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    if (existsSync(PLAYGROUND_DIST_DIR)) {
      const asset = await fetch(`${t.url}/playground/index.html`);
      expect(asset.status).toBe(404);
    }
  });

  it('says no "Did you mean" in validation errors', async () => {
    const cases = [
      '{ allUser { id } }',
      '{ allUsers(filter: { stauts: ACTIVE }) { id } }',
      '{ allUsers(filter: { status: ACTIV }) { id } }',
      '{ allUsers { usernam } }',
      '{ allUsers(perPag: 1) { id } }',
    ];
    for (const query of cases) {
      const response = await t.bot(query);
      expect({ query, code: codeOf(response) }).toEqual({ query, code: 'BAD_USER_INPUT' });
      const message = response.errors![0].message;
      expect({ query, message }).not.toEqual({ query, message: expect.stringMatching(/did you mean/i) });
      for (const hint of ['"allUsers"', '"status"', '"ACTIVE"', '"username"', '"perPage"']) expect({ query, message }).not.toEqual({ query, message: expect.stringContaining(hint) });
    }
  });
});

