import { parse, print } from 'graphql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fakeGraphQLServer,
  BACKEND_SCHEMA_PATH,
  introspectionOf,
  loadSchema,
} from '../test/graphqlServer';
import { ADMIN_LOG_LIST_FIELDS } from './admin-logs/adminLogFields';
import { buildAuthProvider } from './authProvider';
import { authStorage } from './authStorage';
import { buildDataProvider } from './dataProvider';
import { errorCode, errorReason } from './graphql/errors';

const dataProvider = buildDataProvider(introspectionOf(loadSchema(BACKEND_SCHEMA_PATH)));
const authProvider = buildAuthProvider(dataProvider.client);

// Apollo adds __typename to every selection; leave it out to compare documents.
const normalize = (query: string) => print(parse(query)).replace(/\s+__typename/g, '');

const setting = {
  id: 'product_price',
  key: 'product_price',
  value: 13500,
  valueType: 'MONEY',
  options: null,
  description: 'Selling price, paise',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

beforeEach(() => {
  authStorage.save({
    accessToken: 'jwt-token',
    expiresAt: '2099-01-01T00:00:00.000Z',
    admin: { id: '1', telegramId: '900000001', username: null, firstName: null, role: 'SUPER_ADMIN' },
  });
});

describe('getList', () => {
  it('asks allAdminLogs for a 0-based page, newest first, with the filters and the count', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: {
        data: {
          items: [
            {
              __typename: 'AdminLog',
              id: '7',
              adminId: '1',
              admin: { __typename: 'User', id: '1', telegramId: '900000001', username: 'owner' },
              action: 'UPDATE_SETTING',
              targetType: 'Setting',
              targetId: 'product_price',
              ipAddress: '127.0.0.1',
              createdAt: '2026-01-02T10:00:00.000Z',
            },
          ],
          total: { __typename: 'ListMetadata', count: 26 },
        },
      },
    }));

    const result = await dataProvider.getList('AdminLog', {
      pagination: { page: 2, perPage: 25 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { action: 'UPDATE_SETTING', createdAtGte: '2026-01-01T00:00:00.000Z' },
      meta: { sparseFields: ADMIN_LOG_LIST_FIELDS },
    });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.url).toBe('/graphql');
    expect(request.headers.get('authorization')).toBe('Bearer jwt-token');
    expect(normalize(request.query)).toBe(
      normalize(`
        query allAdminLogs($filter: AdminLogFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
          items: allAdminLogs(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
            id adminId admin { id telegramId username } action targetType targetId ipAddress createdAt
          }
          total: _allAdminLogsMeta(filter: $filter, page: $page, perPage: $perPage) { count }
        }
      `),
    );
    expect(request.variables).toEqual({
      page: 1,
      perPage: 25,
      sortField: 'createdAt',
      sortOrder: 'DESC',
      filter: { action: 'UPDATE_SETTING', createdAtGte: '2026-01-01T00:00:00.000Z' },
    });
    expect(result.total).toBe(26);
    expect(result.data[0]).toMatchObject({
      id: '7',
      action: 'UPDATE_SETTING',
      admin: { id: '1', telegramId: '900000001', username: 'owner' },
    });
  });
});

describe('update', () => {
  it('sends a Setting change as updateSetting(key, value)', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { data: { __typename: 'Setting', ...setting, value: 15000 } } },
    }));

    const result = await dataProvider.update('Setting', {
      id: 'product_price',
      data: { ...setting, value: 15000 },
      previousData: setting,
    });

    const [request] = requests;
    expect(normalize(request.query)).toContain(
      'data: updateSetting(key: $key, value: $value)',
    );
    expect(normalize(request.query)).toContain('mutation updateSetting($key: String!, $value: JSON!)');
    expect(request.variables).toEqual({ key: 'product_price', value: 15000 });
    expect(result.data).toMatchObject({ id: 'product_price', value: 15000 });
  });

  it('keeps boolean and text values as JSON, not strings', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { data: { __typename: 'Setting', ...setting } } },
    }));

    await dataProvider.update('Setting', {
      id: 'referrals_enabled',
      data: { ...setting, id: 'referrals_enabled', key: 'referrals_enabled', value: false },
      previousData: setting,
    });

    expect(requests[0].variables).toEqual({ key: 'referrals_enabled', value: false });
  });
});

describe('create', () => {
  it('packs an admin account into createAdmin(input:), keeping only the input fields', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: {
        data: {
          data: {
            __typename: 'Admin',
            id: '2',
            telegramId: '900000002',
            username: 'support',
            firstName: null,
            role: 'ADMIN',
            active: true,
            lastLoginAt: null,
            createdAt: '2026-01-03T00:00:00.000Z',
          },
        },
      },
    }));

    const result = await dataProvider.create('Admin', {
      data: {
        telegramId: '900000002',
        username: 'support',
        password: 'a long passphrase',
        passwordConfirmation: 'a long passphrase',
        role: 'ADMIN',
      },
    });

    const [request] = requests;
    expect(normalize(request.query)).toContain('mutation createAdmin($input: CreateAdminInput!)');
    expect(normalize(request.query)).toContain('data: createAdmin(input: $input)');
    expect(request.variables.input).toEqual({
      telegramId: '900000002',
      username: 'support',
      password: 'a long passphrase',
      role: 'ADMIN',
    });
    expect(result.data).toMatchObject({ id: '2', role: 'ADMIN' });
  });
});

describe('errors', () => {
  it("rejects with the server's message, and an UNAUTHENTICATED one logs out", async () => {
    fakeGraphQLServer(() => ({
      body: {
        data: null,
        errors: [{ message: 'Session expired', extensions: { code: 'UNAUTHENTICATED' } }],
      },
    }));

    const error = await dataProvider
      .getList('Setting', {
        pagination: { page: 1, perPage: 25 },
        sort: { field: 'key', order: 'ASC' },
        filter: {},
      })
      .catch((reason: unknown) => reason);

    expect(error).toMatchObject({ message: 'Session expired' });
    await expect(authProvider.checkError(error)).rejects.toBeUndefined();
  });

  it("shows a refused setting change with the server's message, without logging out", async () => {
    fakeGraphQLServer(() => ({
      body: {
        data: null,
        errors: [
          {
            message: 'product_price must be a whole number of paise',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    }));

    const error = await dataProvider
      .update('Setting', { id: 'product_price', data: { ...setting, value: -1 }, previousData: setting })
      .catch((reason: unknown) => reason);

    expect(error).toMatchObject({ message: 'product_price must be a whole number of paise' });
    await expect(authProvider.checkError(error)).resolves.toBeUndefined();
  });
});

describe('admin account operations', () => {
  it('disables an admin with disableAdmin(id) and the bearer token', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { disableAdmin: { id: '2', active: false } } },
    }));

    const { data } = await dataProvider.disableAdmin('2');

    expect(requests[0].headers.get('authorization')).toBe('Bearer jwt-token');
    expect(requests[0].query).toContain('disableAdmin(id: $id)');
    expect(requests[0].variables).toEqual({ id: '2' });
    expect(data).toEqual({ id: '2', active: false });
  });

  it('changes a role with updateAdminRole(id, role)', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { updateAdminRole: { id: '2', role: 'SUPER_ADMIN' } } },
    }));

    await dataProvider.updateAdminRole('2', 'SUPER_ADMIN');

    expect(requests[0].query).toContain('updateAdminRole(id: $id, role: $role)');
    expect(requests[0].variables).toEqual({ id: '2', role: 'SUPER_ADMIN' });
  });

  it("rejects a wrong current password with the server's message", async () => {
    fakeGraphQLServer(() => ({
      body: {
        data: null,
        errors: [{ message: 'Current password is wrong', extensions: { code: 'BAD_USER_INPUT' } }],
      },
    }));

    await expect(
      dataProvider.changePassword({ currentPassword: 'nope', newPassword: 'a new passphrase' }),
    ).rejects.toThrow('Current password is wrong');
  });
});

describe('money operations', () => {
  it('refunds an order with refundOrder(id, reason)', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { refundOrder: { id: '5', status: 'REFUNDED' } } },
    }));

    const { data } = await dataProvider.refundOrder('5', 'Paid twice');

    expect(requests[0].query).toContain('refundOrder(id: $id, reason: $reason)');
    expect(requests[0].variables).toEqual({ id: '5', reason: 'Paid twice' });
    expect(data).toEqual({ id: '5', status: 'REFUNDED' });
  });

  it('approves, rejects and pays out withdrawals with their own mutations', async () => {
    const requests = fakeGraphQLServer(({ query }) => {
      const operation = /(approveWithdrawal|rejectWithdrawal|markWithdrawalPaid)\(/.exec(query)![1];
      return { body: { data: { [operation]: { id: '3', status: 'X' } } } };
    });

    await dataProvider.approveWithdrawal('3');
    await dataProvider.rejectWithdrawal('3', 'Wrong UPI ID');
    await dataProvider.markWithdrawalPaid('3', 'UTR4022');

    expect(requests.map(({ query }) => /(\w+)\(id: \$id[^)]*\)/.exec(query)![0])).toEqual([
      'approveWithdrawal(id: $id)',
      'rejectWithdrawal(id: $id, reason: $reason)',
      'markWithdrawalPaid(id: $id, payoutReference: $payoutReference)',
    ]);
    expect(requests.map(({ variables }) => variables)).toEqual([
      { id: '3' },
      { id: '3', reason: 'Wrong UPI ID' },
      { id: '3', payoutReference: 'UTR4022' },
    ]);
  });

  it("rejects a conflicting change with the server's message, without logging out", async () => {
    fakeGraphQLServer(() => ({
      body: {
        data: null,
        errors: [
          {
            message: 'The record changed at the same time; try again',
            extensions: { code: 'CONFLICT' },
          },
        ],
      },
    }));

    const error = await dataProvider.approveWithdrawal('3').catch((reason: unknown) => reason);

    expect(error).toMatchObject({ message: 'The record changed at the same time; try again' });
    await expect(authProvider.checkError(error)).resolves.toBeUndefined();
  });

  it('tells how many commissions processPendingCommissions released', async () => {
    fakeGraphQLServer(() => ({ body: { data: { processPendingCommissions: 12 } } }));

    await expect(dataProvider.processPendingCommissions()).resolves.toEqual({ released: 12 });
  });
});

describe('dashboard', () => {
  it('asks for everything in one request, "today" starting at midnight in India', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { stats: { today: { paidOrders: 3 } }, pendingWithdrawals: { count: 0 } } },
    }));
    // 00:30 on 15 January in India is still 14 January in UTC.
    const now = new Date('2026-01-14T19:00:00.000Z');

    const { data } = await dataProvider.dashboard(now);

    expect(requests).toHaveLength(1);
    expect(requests[0].query).toContain('dashboardStats');
    expect(requests[0].variables).toEqual({
      todayFrom: '2026-01-14T18:30:00.000Z',
      now: '2026-01-14T19:00:00.000Z',
      // The KPIs and the chart: the last 30 days, today included.
      kpisFrom: '2025-12-16T18:30:00.000Z',
      seriesFrom: '2025-12-16T18:30:00.000Z',
      seriesTo: '2026-01-14T19:00:00.000Z',
      seriesInterval: 'DAY',
      pendingWithdrawalsSummed: 500,
    });
    expect(data.stats.today.paidOrders).toBe(3);
  });

  it('asks for the chart range it is given', async () => {
    const requests = fakeGraphQLServer(() => ({ body: { data: {} } }));
    const range = { from: '2026-01-01T18:30:00.000Z', to: '2026-01-03T18:30:00.000Z' };

    await dataProvider.dashboard(new Date('2026-01-14T19:00:00.000Z'), { range, interval: 'HOUR' });

    expect(requests[0].variables).toMatchObject({
      seriesFrom: range.from,
      seriesTo: range.to,
      seriesInterval: 'HOUR',
    });
  });
});

describe('reporting operations', () => {
  it('asks reportSeries for the range and interval', async () => {
    const requests = fakeGraphQLServer(() => ({ body: { data: { reportSeries: [] } } }));
    const range = { from: '2026-01-01T18:30:00.000Z', to: '2026-01-31T18:30:00.000Z' };

    await expect(dataProvider.reportSeries(range, 'WEEK')).resolves.toEqual({ data: [] });

    expect(requests[0].query).toContain('reportSeries(from: $from, to: $to, interval: $interval)');
    expect(requests[0].variables).toEqual({ ...range, interval: 'WEEK' });
  });

  it('asks for the figures, the stale pending orders and the failed payments in one request', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { monitoring: { stalePending: 0 }, stalePendingOrders: [], failedOrders: [] } },
    }));
    const range = { from: '2026-01-14T18:30:00.000Z', to: '2026-01-15T10:00:00.000Z' };

    await dataProvider.paymentMonitoring(range, 45);

    // graphql's printer puts long argument lists on several lines, without commas.
    const query = requests[0].query.replace(/\s+/g, ' ');
    expect(query).toContain('paymentMonitoring( from: $from to: $to staleAfterMinutes: $staleAfterMinutes )');
    expect(query).toContain('stalePendingOrders(staleAfterMinutes: $staleAfterMinutes, limit: $listed)');
    expect(query).toContain('recentFailedPayments(from: $from, to: $to, limit: $listed)');
    expect(requests[0].variables).toEqual({ ...range, staleAfterMinutes: 45, listed: 50 });
  });
});

describe('fraud and moderation operations', () => {
  it('blocks with blockUser(id, reason) and sets an exemption with its note or null', async () => {
    const requests = fakeGraphQLServer(({ query }) => {
      const operation = /(blockUser|setFraudExemption)\(/.exec(query)![1];
      return { body: { data: { [operation]: { id: '7' } } } };
    });

    await dataProvider.blockUser('7', 'Shares a device with 4 accounts');
    await dataProvider.setFraudExemption('7', true, 'Office IP');
    await dataProvider.setFraudExemption('7', false, '');

    expect(requests[0].query).toContain('blockUser(id: $id, reason: $reason)');
    expect(requests.map(({ variables }) => variables)).toEqual([
      { id: '7', reason: 'Shares a device with 4 accounts' },
      { userId: '7', exempt: true, note: 'Office IP' },
      { userId: '7', exempt: false, note: null },
    ]);
  });

  it('closes a flag with resolveFraudFlag or dismissFraudFlag and the note', async () => {
    const requests = fakeGraphQLServer(({ query }) => {
      const operation = /(resolveFraudFlag|dismissFraudFlag)\(/.exec(query)![1];
      return { body: { data: { [operation]: { id: '1' } } } };
    });

    await dataProvider.resolveFraudFlag('1', 'Blocked the ring');
    await dataProvider.dismissFraudFlag('2', 'Family sharing a phone');

    expect(requests[0].query).toContain('resolveFraudFlag(id: $id, note: $note)');
    expect(requests[1].query).toContain('dismissFraudFlag(id: $id, note: $note)');
    expect(requests[1].variables).toEqual({ id: '2', note: 'Family sharing a phone' });
  });

  it('packs a manual flag into createFraudFlag(input:)', async () => {
    const requests = fakeGraphQLServer(() => ({
      body: { data: { data: { __typename: 'FraudFlag', id: '9', userId: '7', type: 'MANUAL' } } },
    }));

    await dataProvider.create('FraudFlag', {
      data: { userId: '7', type: 'MANUAL', severity: 'HIGH', reason: 'Asked others to share codes' },
    });

    expect(normalize(requests[0].query)).toContain('data: createFraudFlag(input: $input)');
    expect(requests[0].variables.input).toEqual({
      userId: '7',
      type: 'MANUAL',
      severity: 'HIGH',
      reason: 'Asked others to share codes',
    });
  });

  it("returns the user's open flags after runFraudChecks", async () => {
    fakeGraphQLServer(() => ({
      body: { data: { runFraudChecks: [{ id: '3', status: 'OPEN' }, { id: '4', status: 'OPEN' }] } },
    }));

    const { data } = await dataProvider.runFraudChecks('7');

    expect(data).toHaveLength(2);
  });
});

describe('one error shape for the CRUD queries and the admin operations', () => {
  const refusal = (extensions: Record<string, unknown>) => ({
    body: { data: null, errors: [{ message: 'Refused', extensions }] },
  });
  const listSettings = () =>
    dataProvider.getList('Setting', { pagination: { page: 1, perPage: 25 }, sort: { field: 'key', order: 'ASC' }, filter: {} });

  it('gives an admin operation the error a CRUD query gets: the message, the code and the reason', async () => {
    fakeGraphQLServer(() => refusal({ code: 'CONFLICT', reason: 'RELEASE_IN_PROGRESS' }));

    const crud = await listSettings().catch((error: unknown) => error);
    const operation = await dataProvider.processPendingCommissions().catch((error: unknown) => error);

    for (const error of [crud, operation]) {
      expect(error).toMatchObject({ name: 'HttpError', message: 'Refused', status: 200 });
      expect(errorCode(error)).toBe('CONFLICT');
      expect(errorReason(error)).toBe('RELEASE_IN_PROGRESS');
    }
    expect(Object.keys((operation as { body: object }).body)).toEqual(Object.keys((crud as { body: object }).body));
  });

  it('keeps the code and reason of a refusal the server sends with a 4xx status', async () => {
    fakeGraphQLServer(() => ({
      status: 400,
      body: { errors: [{ message: 'Unreadable', extensions: { code: 'BAD_REQUEST', reason: 'INVALID_CHARACTERS' } }] },
    }));

    for (const send of [listSettings, () => dataProvider.approveWithdrawal('3')]) {
      const error = await send().catch((reason: unknown) => reason);
      expect(error).toMatchObject({ message: 'Unreadable' });
      expect(errorCode(error)).toBe('BAD_REQUEST');
      expect(errorReason(error)).toBe('INVALID_CHARACTERS');
      await expect(authProvider.checkError(error)).resolves.toBeUndefined();
    }
  });

  it('signs out when an admin operation is refused with UNAUTHENTICATED', async () => {
    fakeGraphQLServer(() => refusal({ code: 'UNAUTHENTICATED' }));

    const error = await dataProvider.blockUser('7', 'Shares a device').catch((reason: unknown) => reason);

    expect(error).toMatchObject({ message: 'Refused' });
    await expect(authProvider.checkError(error)).rejects.toBeUndefined();
  });

  it('keeps the session when the database is down (SERVICE_UNAVAILABLE), for both kinds of request', async () => {
    fakeGraphQLServer(() => refusal({ code: 'INTERNAL_SERVER_ERROR', reason: 'SERVICE_UNAVAILABLE' }));
    const unreachable = { logoutUser: false, message: 'app.notification.server_unreachable' };

    for (const send of [listSettings, () => dataProvider.approveWithdrawal('3')]) {
      const error = await send().catch((reason: unknown) => reason);
      await expect(authProvider.checkError(error)).rejects.toEqual(unreachable);
    }
    expect(authStorage.token()).toBe('jwt-token');
  });

  it("keeps the session when a proxy answers 502 with a page, or the network fails, with the status if any", async () => {
    const unreachable = { logoutUser: false, message: 'app.notification.server_unreachable' };
    fakeGraphQLServer(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    const badGateway = await dataProvider.unblockUser('7').catch((reason: unknown) => reason);
    expect(badGateway).toMatchObject({ name: 'HttpError', status: 502 });
    await expect(authProvider.checkError(badGateway)).rejects.toEqual(unreachable);

    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const offline = await dataProvider.unblockUser('7').catch((reason: unknown) => reason);
    expect(offline).toMatchObject({ name: 'HttpError', message: 'Failed to fetch', status: undefined });
    await expect(authProvider.checkError(offline)).rejects.toEqual(unreachable);
  });

  it('sends the login through the same client, without a token', async () => {
    authStorage.clear();
    const requests = fakeGraphQLServer(() => ({
      body: {
        data: {
          login: {
            accessToken: 'new-token',
            expiresAt: '2099-01-01T00:00:00.000Z',
            admin: { id: '1', telegramId: '900000001', username: null, firstName: null, role: 'ADMIN' },
          },
        },
      },
    }));

    await authProvider.login({ telegramId: '900000001', password: 'correct horse' });
    await dataProvider.approveWithdrawal('3').catch(() => undefined);

    expect(requests.map(({ headers }) => headers.get('authorization'))).toEqual([null, 'Bearer new-token']);
  });
});
