import { HttpError } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGraphQLServer } from '../test/graphqlServer';
import { buildAuthProvider } from './authProvider';
import { authStorage } from './authStorage';
import { createGraphQLClient } from './graphql/client';

const authProvider = buildAuthProvider(createGraphQLClient());

const superAdmin = {
  id: '1',
  telegramId: '900000001',
  username: 'owner',
  firstName: 'Asha',
  role: 'SUPER_ADMIN',
};

const expiresAt = '2099-01-01T00:00:00.000Z';

function acceptLogin() {
  return fakeGraphQLServer(() => ({
    body: { data: { login: { accessToken: 'jwt-token', expiresAt, admin: superAdmin } } },
  }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('authProvider.login', () => {
  it('sends the Telegram ID and password to the login mutation and keeps the token', async () => {
    const requests = acceptLogin();

    await authProvider.login({ telegramId: '900000001', password: 'correct horse' });

    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/graphql');
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    expect(requests[0].headers.has('authorization')).toBe(false);
    expect(requests[0].query).toContain('login(telegramId: $telegramId, password: $password)');
    expect(requests[0].variables).toEqual({ telegramId: '900000001', password: 'correct horse' });
    expect(authStorage.token()).toBe('jwt-token');
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
  });

  it('describes the signed-in admin and grants the role as permissions', async () => {
    acceptLogin();
    await authProvider.login({ telegramId: '900000001', password: 'correct horse' });

    await expect(authProvider.getIdentity!()).resolves.toEqual({
      id: '1',
      fullName: 'owner',
      telegramId: '900000001',
      role: 'SUPER_ADMIN',
    });
    await expect(authProvider.getPermissions!({})).resolves.toBe('SUPER_ADMIN');
  });

  it("rejects with the server's message and keeps no session", async () => {
    fakeGraphQLServer(() => ({
      body: {
        data: null,
        errors: [
          { message: 'Invalid Telegram ID or password', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      },
    }));

    await expect(
      authProvider.login({ telegramId: '900000001', password: 'wrong' }),
    ).rejects.toThrow('Invalid Telegram ID or password');
    expect(authStorage.token()).toBeNull();
    await expect(authProvider.checkAuth({})).rejects.toBeUndefined();
  });

  it('reports a server that answers without JSON', async () => {
    fakeGraphQLServer(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));

    await expect(
      authProvider.login({ telegramId: '900000001', password: 'correct horse' }),
    ).rejects.toMatchObject({ status: 502 });
  });
});

describe('authProvider.checkAuth', () => {
  it('treats an expired token as signed out, without asking the server', async () => {
    acceptLogin();
    await authProvider.login({ telegramId: '900000001', password: 'correct horse' });

    vi.useFakeTimers({ now: Date.parse(expiresAt) });

    await expect(authProvider.checkAuth({})).rejects.toBeUndefined();
  });
});

describe('authProvider.logout', () => {
  it('forgets the token and the identity', async () => {
    acceptLogin();
    await authProvider.login({ telegramId: '900000001', password: 'correct horse' });

    await authProvider.logout({});

    expect(authStorage.token()).toBeNull();
    await expect(authProvider.checkAuth({})).rejects.toBeUndefined();
    await expect(authProvider.getIdentity!()).rejects.toThrow();
    await expect(authProvider.getPermissions!({})).resolves.toBeNull();
  });
});

describe('authProvider.checkError', () => {
  const graphQLError = (code: string) => ({ message: code, extensions: { code } });

  it('logs out when a generated query fails with UNAUTHENTICATED', async () => {
    const apolloError = { graphQLErrors: [graphQLError('UNAUTHENTICATED')] };
    await expect(
      authProvider.checkError(new HttpError('Unauthorized', 200, apolloError)),
    ).rejects.toBeUndefined();
  });

  it('logs out when the login itself is refused with UNAUTHENTICATED', async () => {
    fakeGraphQLServer(() => ({ body: { data: null, errors: [graphQLError('UNAUTHENTICATED')] } }));
    const failure = await authProvider.login({ telegramId: '900000001', password: 'x' }).catch((error: unknown) => error);
    await expect(authProvider.checkError(failure)).rejects.toBeUndefined();
  });

  it('logs out on HTTP 401', async () => {
    await expect(authProvider.checkError(new HttpError('Unauthorized', 401))).rejects.toBeUndefined();
  });

  it('stays signed in on other errors', async () => {
    for (const code of ['FORBIDDEN', 'BAD_USER_INPUT', 'CONFLICT']) {
      const apolloError = { graphQLErrors: [graphQLError(code)] };
      await expect(authProvider.checkError(new HttpError(code, 200, apolloError))).resolves.toBeUndefined();
    }
    await expect(authProvider.checkError(new Error('Network down'))).resolves.toBeUndefined();
  });
});

describe('authProvider.canAccess', () => {
  function signInAs(role: 'ADMIN' | 'SUPER_ADMIN') {
    authStorage.save({ accessToken: 'jwt-token', expiresAt, admin: { ...superAdmin, role } });
  }

  it('lets an admin read settings and logs but not change settings or see admin accounts', async () => {
    signInAs('ADMIN');
    const canAccess = (resource: string, action: string) =>
      authProvider.canAccess!({ resource, action });

    await expect(canAccess('Setting', 'list')).resolves.toBe(true);
    await expect(canAccess('Setting', 'edit')).resolves.toBe(false);
    await expect(canAccess('AdminLog', 'list')).resolves.toBe(true);
    await expect(canAccess('AdminLog', 'show')).resolves.toBe(true);
    await expect(canAccess('Admin', 'list')).resolves.toBe(false);
    await expect(canAccess('Admin', 'create')).resolves.toBe(false);
  });

  it('lets an admin work withdrawals, orders, users and fraud flags', async () => {
    signInAs('ADMIN');
    const canAccess = (resource: string, action: string) =>
      authProvider.canAccess!({ resource, action });

    await expect(canAccess('Withdrawal', 'approve')).resolves.toBe(true);
    await expect(canAccess('Withdrawal', 'reject')).resolves.toBe(true);
    await expect(canAccess('Withdrawal', 'markPaid')).resolves.toBe(true);
    await expect(canAccess('Order', 'refund')).resolves.toBe(true);
    await expect(canAccess('Commission', 'release')).resolves.toBe(true);
    await expect(canAccess('User', 'block')).resolves.toBe(true);
    await expect(canAccess('User', 'exempt')).resolves.toBe(true);
    await expect(canAccess('FraudFlag', 'resolve')).resolves.toBe(true);
    await expect(canAccess('FraudFlag', 'create')).resolves.toBe(true);
    await expect(canAccess('PaymentEvent', 'review')).resolves.toBe(true);
    await expect(canAccess('WalletTransaction', 'list')).resolves.toBe(true);
  });

  it('refuses an admin any operation not granted to admins', async () => {
    signInAs('ADMIN');

    await expect(authProvider.canAccess!({ resource: 'Order', action: 'delete' })).resolves.toBe(false);
    await expect(authProvider.canAccess!({ resource: 'User', action: 'edit' })).resolves.toBe(false);
    await expect(authProvider.canAccess!({ resource: 'Admin', action: 'show' })).resolves.toBe(false);
  });

  it('lets a super admin do everything', async () => {
    signInAs('SUPER_ADMIN');

    await expect(authProvider.canAccess!({ resource: 'Setting', action: 'edit' })).resolves.toBe(true);
    await expect(authProvider.canAccess!({ resource: 'Admin', action: 'create' })).resolves.toBe(true);
  });

  it('grants nothing when signed out', async () => {
    await expect(authProvider.canAccess!({ resource: 'AdminLog', action: 'list' })).resolves.toBe(false);
  });
});

describe('authProvider.checkError while the server or its database is unreachable', () => {
  const unreachable = { logoutUser: false, message: 'app.notification.server_unreachable' };

  it('keeps the session on INTERNAL_SERVER_ERROR with reason SERVICE_UNAVAILABLE and says the server is unreachable', async () => {
    authStorage.save({ accessToken: 'jwt-token', expiresAt, admin: superAdmin as never });
    const error = { message: 'The service is temporarily unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SERVICE_UNAVAILABLE' } };
    await expect(authProvider.checkError(new HttpError('unavailable', 200, { graphQLErrors: [error] }))).rejects.toEqual(unreachable);
    // As the server sends it.
    fakeGraphQLServer(() => ({ body: { data: null, errors: [error] } }));
    const failure = await authProvider.login({ telegramId: '900000001', password: 'x' }).catch((reason: unknown) => reason);
    await expect(authProvider.checkError(failure)).rejects.toEqual(unreachable);
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
    expect(authStorage.token()).toBe('jwt-token');
  });

  it('keeps the session when the network fails or a proxy answers 502, 503 or 504', async () => {
    await expect(authProvider.checkError(new TypeError('Failed to fetch'))).rejects.toEqual(unreachable);
    await expect(authProvider.checkError(new HttpError('Failed to fetch', undefined as never))).rejects.toEqual(unreachable);
    for (const status of [502, 503, 504]) {
      await expect(authProvider.checkError(new HttpError('Bad Gateway', status))).rejects.toEqual(unreachable);
    }
  });

  it('still signs out on UNAUTHENTICATED and leaves other server errors alone', async () => {
    const graphQLError = (code: string) => ({ graphQLErrors: [{ message: code, extensions: { code } }] });
    await expect(authProvider.checkError(new HttpError('x', 200, graphQLError('UNAUTHENTICATED')))).rejects.toBeUndefined();
    await expect(authProvider.checkError(new HttpError('x', 200, graphQLError('INTERNAL_SERVER_ERROR')))).resolves.toBeUndefined();
  });

  it('makes a login that fails on the network a kept-session error', async () => {
    authStorage.save({ accessToken: 'jwt-token', expiresAt, admin: superAdmin as never });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const failure = await authProvider.login({ telegramId: '900000001', password: 'x' }).catch((error: unknown) => error);
    await expect(authProvider.checkError(failure)).rejects.toEqual(unreachable);
  });
});
