import {
  getNamedType,
  getVariableValues,
  isObjectType,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ADMIN_LOG_LIST_FIELDS, ADMIN_LOG_SHOW_FIELDS } from '../src/admin-logs/adminLogFields';
import { buildDataProvider, type AppDataProvider } from '../src/dataProvider';
import { PAYOUT_EVENT_LIST_FIELDS, PAYOUT_EVENT_SHOW_FIELDS } from '../src/payout-events/payoutEventFields';
import { handWrittenOperations } from './graphqlServer';
import { BACKEND_SCHEMA_PATH, fakeGraphQLServer, introspectionOf, loadSchema } from './graphqlServer';

// Every request the panel's screens send must be valid against the schema the backend emits,
// so a renamed field or filter fails here rather than in a browser.
const schemas: [string, URL][] = [['backend/schema.gql', BACKEND_SCHEMA_PATH]];

const setting = {
  id: 'product_price',
  key: 'product_price',
  value: 13500,
  valueType: 'MONEY',
  options: null,
  description: 'Selling price, paise',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

type ScreenRequest = [string, (dataProvider: AppDataProvider) => Promise<unknown>];

const DATE_RANGE = {
  createdAtGte: '2026-01-01T00:00:00.000Z',
  createdAtLte: '2026-01-31T23:59:59.999Z',
};
const NEWEST_FIRST = { field: 'createdAt', order: 'DESC' } as const;

const screenRequests: ScreenRequest[] = [
  [
    'the settings list',
    (dataProvider) =>
      dataProvider.getList('Setting', {
        pagination: { page: 1, perPage: 50 },
        sort: { field: 'key', order: 'ASC' },
        filter: {},
      }),
  ],
  ['the setting edit page', (dataProvider) => dataProvider.getOne('Setting', { id: 'product_price' })],
  [
    'saving a setting',
    (dataProvider) =>
      dataProvider.update('Setting', {
        id: 'product_price',
        data: { ...setting, value: 15000 },
        previousData: setting,
      }),
  ],
  [
    'the admin log list with every filter',
    (dataProvider) =>
      dataProvider.getList('AdminLog', {
        pagination: { page: 1, perPage: 25 },
        sort: { field: 'createdAt', order: 'DESC' },
        filter: {
          action: 'UPDATE_SETTING',
          adminId: '1',
          targetType: 'Setting',
          targetId: 'product_price',
          createdAtGte: '2026-01-01T00:00:00.000Z',
          createdAtLte: '2026-01-31T23:59:59.999Z',
        },
        meta: { sparseFields: ADMIN_LOG_LIST_FIELDS },
      }),
  ],
  [
    'an admin log entry',
    (dataProvider) =>
      dataProvider.getOne('AdminLog', { id: '1', meta: { sparseFields: ADMIN_LOG_SHOW_FIELDS } }),
  ],
  [
    'the admin accounts list',
    (dataProvider) =>
      dataProvider.getList('Admin', {
        pagination: { page: 1, perPage: 25 },
        sort: { field: 'createdAt', order: 'ASC' },
        filter: {},
      }),
  ],
  [
    'creating an admin account',
    (dataProvider) =>
      dataProvider.create('Admin', {
        data: { telegramId: '900000002', username: 'support', password: 'a long passphrase', role: 'ADMIN' },
      }),
  ],
  ...listScreen('Order', { field: 'createdAt', order: 'DESC' }, {
    q: 'UTR123',
    status: 'PAID',
    userId: '7',
    ...DATE_RANGE,
  }),
  ['an order', (dataProvider) => dataProvider.getOne('Order', { id: '1' })],
  referencedFrom('Order'),
  manyReference('an order’s commissions', 'Commission', 'orderId', { field: 'level', order: 'ASC' }),
  ['refunding an order', (dataProvider) => dataProvider.refundOrder('1', 'Paid twice by mistake')],
  ...listScreen('Commission', { field: 'createdAt', order: 'DESC' }, {
    status: 'PENDING',
    beneficiaryId: '7',
    orderId: '1',
    level: 2,
    ...DATE_RANGE,
  }),
  ['releasing matured commissions', (dataProvider) => dataProvider.processPendingCommissions()],
  ...listScreen('Withdrawal', { field: 'createdAt', order: 'ASC' }, {
    q: 'name@upi',
    status: 'PENDING',
    userId: '7',
    ...DATE_RANGE,
  }),
  ['a withdrawal', (dataProvider) => dataProvider.getOne('Withdrawal', { id: '1' })],
  referencedFrom('Withdrawal'),
  ['approving a withdrawal', (dataProvider) => dataProvider.approveWithdrawal('1')],
  ['rejecting a withdrawal', (dataProvider) => dataProvider.rejectWithdrawal('1', 'UPI ID is not the user’s')],
  ['marking a withdrawal paid', (dataProvider) => dataProvider.markWithdrawalPaid('1', 'UTR 4022 1234 5678')],
  manyReference('a withdrawal’s ledger entries', 'WalletTransaction', 'withdrawalId', { field: 'id', order: 'ASC' }),
  manyReference('a withdrawal’s payout events', 'PayoutEvent', 'withdrawalId', { field: 'createdAt', order: 'ASC' }),
  ...listScreen('PayoutEvent', NEWEST_FIRST, {
    q: 'pout_',
    outcome: 'IGNORED',
    type: 'payout.processed',
    withdrawalId: '2',
    ...DATE_RANGE,
  }),
  [
    'a payout event',
    (dataProvider) => dataProvider.getOne('PayoutEvent', { id: '1', meta: { sparseFields: PAYOUT_EVENT_SHOW_FIELDS } }),
  ],
  ...listScreen('WalletTransaction', { field: 'id', order: 'DESC' }, {
    userId: '7',
    type: 'COMMISSION_RELEASE',
    bucket: 'AVAILABLE',
    orderId: '1',
    withdrawalId: '2',
    ...DATE_RANGE,
  }),
  ['a user’s wallet', (dataProvider) => dataProvider.wallet('900000007')],
  ['the ledger check', (dataProvider) => dataProvider.walletReconciliation()],
  ['the dashboard', (dataProvider) => dataProvider.dashboard(new Date('2026-01-15T10:00:00.000Z'))],
  ['the reporting time zone', (dataProvider) => dataProvider.reportingTimeZone()],
  [
    'the reports page',
    (dataProvider) =>
      dataProvider.reportSeries({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z' }, 'WEEK'),
  ],
  [
    'the payment monitoring page',
    (dataProvider) =>
      dataProvider.paymentMonitoring({ from: '2026-01-15T00:00:00.000Z', to: '2026-01-15T10:00:00.000Z' }, 45),
  ],
  ...listScreen('User', { field: 'createdAt', order: 'DESC' }, {
    q: 'asha',
    status: 'BLOCKED',
    type: 'REFERRER',
    referredById: '3',
    ...DATE_RANGE,
  }),
  ['a user', (dataProvider) => dataProvider.getOne('User', { id: '7' })],
  referencedFrom('User'),
  manyReference('a user’s direct referrals', 'User', 'referredById', NEWEST_FIRST),
  manyReference('a user’s orders', 'Order', 'userId', NEWEST_FIRST),
  manyReference('a user’s commissions', 'Commission', 'beneficiaryId', NEWEST_FIRST),
  manyReference('a user’s withdrawals', 'Withdrawal', 'userId', NEWEST_FIRST),
  manyReference('a user’s ledger entries', 'WalletTransaction', 'userId', { field: 'id', order: 'DESC' }),
  ...listScreen('Referral', { field: 'createdAt', order: 'DESC' }, {
    q: 'ABCD1234',
    converted: true,
    referrerId: '3',
    referredId: '7',
    ...DATE_RANGE,
  }),
  ...listScreen('Referrer', { field: 'totalEarned', order: 'DESC' }, {
    q: 'asha',
    status: 'ACTIVE',
    directReferralsGte: 2,
  }),
  manyReference('a user’s fraud flags', 'FraudFlag', 'userId', NEWEST_FIRST),
  ['blocking a user', (dataProvider) => dataProvider.blockUser('7', 'Shares a device with 4 accounts')],
  ['unblocking a user', (dataProvider) => dataProvider.unblockUser('7')],
  ['exempting a user from fraud checks', (dataProvider) => dataProvider.setFraudExemption('7', true, 'Office IP')],
  ['removing an exemption without a note', (dataProvider) => dataProvider.setFraudExemption('7', false)],
  ['running fraud checks on a user', (dataProvider) => dataProvider.runFraudChecks('7')],
  ...listScreen('FraudFlag', { field: 'createdAt', order: 'DESC' }, {
    q: 'device',
    status: 'OPEN',
    severity: 'HIGH',
    type: 'DUPLICATE_DEVICE',
    userId: '7',
    ...DATE_RANGE,
  }),
  ['a fraud flag', (dataProvider) => dataProvider.getOne('FraudFlag', { id: '1' })],
  [
    'creating a manual fraud flag',
    (dataProvider) =>
      dataProvider.create('FraudFlag', {
        data: { userId: '7', type: 'MANUAL', severity: 'HIGH', reason: 'Asked others to share codes' },
      }),
  ],
  ['resolving a fraud flag', (dataProvider) => dataProvider.resolveFraudFlag('1', 'Blocked the ring')],
  ['dismissing a fraud flag', (dataProvider) => dataProvider.dismissFraudFlag('1', 'Family sharing a phone')],
  ...['conversionRate', 'directReferrals', 'level2Referrals', 'clicks', 'conversions', 'level1Earned', 'level2Earned'].map(
    (field): ScreenRequest => [
      `the referrer list sorted by ${field}`,
      (dataProvider) =>
        dataProvider.getList('Referrer', {
          pagination: { page: 1, perPage: 25 },
          sort: { field, order: 'DESC' },
          filter: {},
        }),
    ],
  ),
];

/** A list page as it opens (no filter) and with every filter it offers. */
function listScreen(
  resource: string,
  sort: { field: string; order: 'ASC' | 'DESC' },
  everyFilter: Record<string, unknown>,
): ScreenRequest[] {
  const getList = (filter: Record<string, unknown>) => (dataProvider: AppDataProvider) =>
    dataProvider.getList(resource, { pagination: { page: 2, perPage: 25 }, sort, filter });
  return [
    [`the ${resource} list`, getList({})],
    [`the ${resource} list with every filter`, getList(everyFilter)],
  ];
}

/** A ReferenceField pointing at the resource (getMany by ids). */
function referencedFrom(resource: string): ScreenRequest {
  return [
    `a reference to ${resource}`,
    (dataProvider) => dataProvider.getMany(resource, { ids: ['1', '2'] }),
  ];
}

/** A ReferenceManyField: the resource's rows whose `target` is the shown record's id. */
function manyReference(
  screen: string,
  resource: string,
  target: string,
  sort: { field: string; order: 'ASC' | 'DESC' },
): ScreenRequest {
  return [
    screen,
    (dataProvider) =>
      dataProvider.getManyReference(resource, {
        target,
        id: '7',
        pagination: { page: 1, perPage: 10 },
        sort,
        filter: {},
      }),
  ];
}

function validationErrors(schema: GraphQLSchema, query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const [operation] = document.definitions as OperationDefinitionNode[];
  const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return [...validate(schema, document), ...(coercion.errors ?? [])].map(({ message }) => message);
}

/**
 * The API refuses a sort it does not offer; the emitted schema lists them in the sortField
 * argument's description ("One of: id, createdAt, ..."). The fixture has no descriptions.
 */
function refusedSort(schema: GraphQLSchema, query: string, variables: Record<string, unknown>) {
  if (variables.sortField === undefined) return [];
  const [operation] = parse(query).definitions as OperationDefinitionNode[];
  return operation.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== 'Field') return [];
    const field = schema.getQueryType()?.getFields()[selection.name.value];
    const description = field?.args.find(({ name }) => name === 'sortField')?.description ?? '';
    const offered = /One of: (.*)/.exec(description)?.[1].split(/,\s*/);
    return offered && !offered.includes(String(variables.sortField))
      ? [`${selection.name.value} cannot sort by ${variables.sortField}`]
      : [];
  });
}

type SparseFields = (string | Record<string, SparseFields>)[];

/** ra-data-graphql-simple silently drops unknown sparse fields, so look them up here. */
function unknownFields(schema: GraphQLSchema, typeName: string, fields: SparseFields): string[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return [typeName];
  const known = type.getFields();
  return fields.flatMap((field) =>
    typeof field === 'string'
      ? known[field] ? [] : [`${typeName}.${field}`]
      : Object.entries(field).flatMap(([relation, nested]) =>
          known[relation]
            ? unknownFields(schema, getNamedType(known[relation].type).name, nested)
            : [`${typeName}.${relation}`],
        ),
  );
}

// Only the emitted schema describes the sorts; the fixture leaves descriptions out.
it('catches a sort the API does not offer (backend/schema.gql)', () => {
  const schema = loadSchema(BACKEND_SCHEMA_PATH);
  const query = 'query { items: allOrders(sortField: "upiId") { id } }';
  expect(refusedSort(schema, query, { sortField: 'upiId' })).toEqual(['allOrders cannot sort by upiId']);
  expect(refusedSort(schema, query, { sortField: 'paidAt' })).toEqual([]);
});

describe.each(schemas)('against %s', (_name, schemaPath) => {
  const schema = loadSchema(schemaPath);
  const dataProvider = buildDataProvider(introspectionOf(schema));

  it.each(Object.entries(handWrittenOperations()))(
    'the hand-written %s operation is valid',
    (_operation, query) => {
      expect(validate(schema, parse(query)).map(({ message }) => message)).toEqual([]);
    },
  );

  it('has every admin log field the list and show pages ask for', () => {
    expect(unknownFields(schema, 'AdminLog', ADMIN_LOG_SHOW_FIELDS)).toEqual([]);
  });

  it('has every payout event field the list and show pages ask for', () => {
    expect(unknownFields(schema, 'PayoutEvent', [...PAYOUT_EVENT_LIST_FIELDS, ...PAYOUT_EVENT_SHOW_FIELDS])).toEqual([]);
  });

  it.each(screenRequests)('%s sends a valid operation', async (_screen, send) => {
    // Only the request matters here: the fake server refuses it, and the call fails.
    const requests = fakeGraphQLServer(() => ({
      body: { data: null, errors: [{ message: 'Not answered in this test' }] },
    }));

    await send(dataProvider).catch(() => undefined);

    expect(requests).toHaveLength(1);
    expect(validationErrors(schema, requests[0].query, requests[0].variables)).toEqual([]);
    expect(refusedSort(schema, requests[0].query, requests[0].variables)).toEqual([]);
  });
});
