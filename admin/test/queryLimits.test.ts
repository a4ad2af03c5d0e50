import { getNamedType, isObjectType, parse, validate } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { QUERY_LIMITS, queryLimitErrors } from '../../backend/src/common/graphql/query-limits';
import { DEFAULT_QUERY } from '../playground/defaults';
import { buildDataProvider } from '../src/dataProvider';
import { fakeGraphQLServer, handWrittenOperations, introspectionOf, loadSchema } from './graphqlServer';

// The server refuses documents past QUERY_LIMITS (backend/src/common/graphql/query-limits.ts).
// Every document the panel, the playground's examples and the bot send must stay within them.
const schema = loadSchema(new URL('../../backend/schema.gql', import.meta.url));

/** The bot's operations as the contract (shared/CONTRACT.md) writes them, every field selected. */
const USER = 'id telegramId username firstName lastName referralCode referralLink status referredBy { id telegramId username }';
const ORDER = 'id status amount transactionId paidAt commissions { id level amount status releaseAt beneficiary { id telegramId } }';
const treeNode = (levels: number): string =>
  `user { ${USER} } level converted${levels ? ` children { ${treeNode(levels - 1)} }` : ''}`;
const BOT_DOCUMENTS: Record<string, string> = {
  registerUser: `mutation($input: RegisterUserInput!) { registerUser(input: $input) { ${USER} } }`,
  createOrder: `mutation($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER} } }`,
  confirmPayment: `mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { ${ORDER} } }`,
  failPayment: `mutation($input: ConfirmPaymentInput!) { failPayment(input: $input) { ${ORDER} } }`,
  requestWithdrawal: 'mutation($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id amount upiId status } }',
  userByTelegramId: `query($t: String!) { userByTelegramId(telegramId: $t) { ${USER} } }`,
  order: `query($id: ID!) { order(id: $id) { ${ORDER} } }`,
  wallet: 'query($t: String!) { wallet(telegramId: $t) { pending available locked totalEarned totalWithdrawn } }',
  walletTransactions: 'query($t: String!) { walletTransactions(telegramId: $t, page: 0, perPage: 20) { id type bucket fromBucket amount orderId withdrawalId actor createdAt } }',
  referralStats: 'query($t: String!) { referralStats(telegramId: $t) { directReferrals level2Referrals convertedReferrals totalEarned } }',
  'referralTree(depth: 5)': `query($t: String!) { referralTree(telegramId: $t, depth: 5, childrenPerPage: 50) { ${treeNode(5)} } }`,
};

/** Every request the generated data provider makes for each resource: lists, one, many, references. */
async function generatedDocuments(): Promise<Record<string, string>> {
  const requests = fakeGraphQLServer(() => ({ body: { data: null } }));
  // The fake answers no data; Apollo Client's complaints about it are noise here.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const dataProvider = buildDataProvider(introspectionOf(schema));
  const resources = Object.keys(schema.getQueryType()!.getFields())
    .map((name) => /^all(\w+)s$/.exec(name)?.[1])
    .filter((name): name is string => !!name && isObjectType(schema.getType(name)));
  const labels: string[] = [];
  const ignore = () => undefined;
  for (const resource of resources) {
    const fields = (schema.getType(resource) as { getFields(): Record<string, { type: unknown }> }).getFields();
    const reference = Object.keys(fields).find((field) => field.endsWith('Id')) ?? 'id';
    const calls: [string, () => Promise<unknown>][] = [
      ['getList', () => dataProvider.getList(resource, { pagination: { page: 1, perPage: 25 }, sort: { field: 'id', order: 'ASC' }, filter: { q: 'x' } })],
      ['getOne', () => dataProvider.getOne(resource, { id: '1' })],
      ['getMany', () => dataProvider.getMany(resource, { ids: ['1', '2'] })],
      ['getManyReference', () => dataProvider.getManyReference(resource, { target: reference, id: '1', pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: {} })],
    ];
    for (const [call, run] of calls) {
      const before = requests.length;
      await run().catch(ignore);
      for (let i = before; i < requests.length; i++) labels.push(`${resource} ${call}`);
    }
  }
  expect(resources.length).toBeGreaterThanOrEqual(10);
  return Object.fromEntries(requests.map((request, i) => [`${labels[i]} #${i}`, request.query]));
}

describe('query limits (the server refuses documents past them)', () => {
  it('are tight enough to matter', () => {
    expect(QUERY_LIMITS.maxDepth).toBeLessThanOrEqual(20);
    expect(QUERY_LIMITS.maxAliases).toBeLessThanOrEqual(50);
    expect(QUERY_LIMITS.maxTokens).toBeLessThanOrEqual(5000);
    const flood = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect(queryLimitErrors(schema, flood).length).toBeGreaterThan(0);
  });

  it("let every document the panel, the playground's examples and the bot send through", async () => {
    const documents: Record<string, string> = {
      ...handWrittenOperations(),
      ...(await generatedDocuments()),
      'playground DEFAULT_QUERY': DEFAULT_QUERY,
      ...Object.fromEntries(Object.entries(BOT_DOCUMENTS).map(([name, query]) => [`bot ${name}`, query])),
    };
    expect(Object.keys(handWrittenOperations()).length).toBeGreaterThan(10);
    expect(Object.keys(documents).length).toBeGreaterThan(60);
    const refused: Record<string, string[]> = {};
    for (const [name, query] of Object.entries(documents)) {
      // Each is also a valid document for the schema, so the test checks real requests.
      const invalid = validate(schema, parse(query)).map(({ message }) => message);
      const overLimit = queryLimitErrors(schema, query).map(({ message }) => message);
      if (invalid.length || overLimit.length) refused[name] = [...invalid, ...overLimit];
    }
    expect(refused).toEqual({});
    // Some 60 requests through the Apollo client: ~3 s alone, past vitest's 5 s on a busy machine.
  }, 20_000);

  it("keeps the bot's referralTree(depth: 5) within the depth limit with room to spare", () => {
    const tree = BOT_DOCUMENTS['referralTree(depth: 5)'];
    let depth = 0;
    let max = 0;
    for (const char of tree) {
      if (char === '{') max = Math.max(max, ++depth);
      if (char === '}') depth--;
    }
    expect(max).toBeLessThan(QUERY_LIMITS.maxDepth);
    expect(getNamedType(schema.getQueryType()!.getFields().referralTree.type).name).toBe('ReferralTreeNode');
  });
});
