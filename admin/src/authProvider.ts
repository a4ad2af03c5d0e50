import type { ApolloClient } from '@apollo/client';
import type { AuthProvider } from 'react-admin';
import { authStorage } from './authStorage';
import { sendOperation } from './graphql/client';
import { isServiceUnavailable, isUnauthenticated } from './graphql/errors';
import { LoginDocument } from './graphql/generated';
import type { AdminRole } from './graphql/schema-types';

interface LoginParams {
  telegramId: string;
  password: string;
}

const READ_ACTIONS = new Set(['list', 'show', 'export']);

/**
 * What an ADMIN may do besides reading (CONTRACT.md, Principals): the money, user and fraud
 * operations. Anything else (settings changes, admin accounts) belongs to super admins.
 */
const ADMIN_OPERATIONS: Record<string, string[]> = {
  Order: ['refund'],
  Commission: ['release'],
  Withdrawal: ['approve', 'reject', 'markPaid', 'sendPayouts'],
  User: ['block', 'unblock', 'exempt', 'runFraudChecks'],
  FraudFlag: ['create', 'resolve', 'dismiss', 'blockUser'],
  PaymentEvent: ['review'],
};

function canRoleAccess(
  role: AdminRole | null | undefined,
  resource: string,
  action: string,
): boolean {
  if (role === 'SUPER_ADMIN') return true;
  if (role !== 'ADMIN') return false;
  if (resource === 'Admin') return false;
  return READ_ACTIONS.has(action) || (ADMIN_OPERATIONS[resource]?.includes(action) ?? false);
}

/** Signs in through the panel's one GraphQL client (the data provider's). */
export const buildAuthProvider = (client: ApolloClient<unknown>): AuthProvider => ({
  async login({ telegramId, password }: LoginParams) {
    const { login } = await sendOperation(client, LoginDocument, { telegramId, password });
    authStorage.save(login);
  },

  async logout() {
    authStorage.clear();
  },

  checkAuth: () => (authStorage.token() ? Promise.resolve() : Promise.reject()),

  // Rejecting makes react-admin log out; other errors (FORBIDDEN, BAD_USER_INPUT) are only shown.
  // An unreachable server (or its database) is no reason to sign out: keep the session and say
  // so once, instead of the raw error.
  checkError: (error) => {
    if (isServiceUnavailable(error)) {
      return Promise.reject({ logoutUser: false, message: 'app.notification.server_unreachable' });
    }
    return isUnauthenticated(error) ? Promise.reject() : Promise.resolve();
  },

  async getIdentity() {
    const admin = authStorage.admin();
    if (!admin) throw new Error('Not signed in');
    return {
      id: admin.id,
      fullName: admin.username || admin.firstName || admin.telegramId,
      telegramId: admin.telegramId,
      role: admin.role,
    };
  },

  async getPermissions() {
    return authStorage.admin()?.role ?? null;
  },

  async canAccess({ resource, action }) {
    return canRoleAccess(authStorage.admin()?.role, resource, action);
  },
});
