import { existsSync } from 'node:fs';
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
import * as operations from '../src/graphql/operations';
import { fakeGraphQLServer, FIXTURE_SCHEMA_PATH, introspectionOf, loadSchema } from './graphqlServer';

// Every request the panel's screens send must be valid against the schema the backend emits,
// so a renamed field or filter fails here rather than in a browser.
const BACKEND_SCHEMA_PATH = new URL('../../backend/schema.gql', import.meta.url);

const schemas: [string, URL][] = [['the test fixture', FIXTURE_SCHEMA_PATH]];
if (existsSync(BACKEND_SCHEMA_PATH)) schemas.push(['backend/schema.gql', BACKEND_SCHEMA_PATH]);

const setting = {
  id: 'product_price',
  key: 'product_price',
  value: 13500,
  valueType: 'MONEY',
  options: null,
  description: 'Selling price, paise',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const screenRequests: [string, (dataProvider: AppDataProvider) => Promise<unknown>][] = [
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
];

function validationErrors(schema: GraphQLSchema, query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const [operation] = document.definitions as OperationDefinitionNode[];
  const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return [...validate(schema, document), ...(coercion.errors ?? [])].map(({ message }) => message);
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

describe.each(schemas)('against %s', (_name, schemaPath) => {
  const schema = loadSchema(schemaPath);
  const dataProvider = buildDataProvider(introspectionOf(schema));

  it.each(Object.entries(operations))(
    'the hand-written %s operation is valid',
    (_operation, query) => {
      expect(validate(schema, parse(query)).map(({ message }) => message)).toEqual([]);
    },
  );

  it('has every admin log field the list and show pages ask for', () => {
    expect(unknownFields(schema, 'AdminLog', ADMIN_LOG_SHOW_FIELDS)).toEqual([]);
  });

  it.each(screenRequests)('%s sends a valid operation', async (_screen, send) => {
    // Only the request matters here: the fake server refuses it, and the call fails.
    const requests = fakeGraphQLServer(() => ({
      body: { data: null, errors: [{ message: 'Not answered in this test' }] },
    }));

    await send(dataProvider).catch(() => undefined);

    expect(requests).toHaveLength(1);
    expect(validationErrors(schema, requests[0].query, requests[0].variables)).toEqual([]);
  });
});
