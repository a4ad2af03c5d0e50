import { describe, expect, it } from 'vitest';
import { BACKEND_SCHEMA_PATH, loadSchema } from '../../test/graphqlServer';
import { i18nProvider } from '../i18n/i18nProvider';
import { ADMIN_LOG_ACTIONS, adminLogActionKey, adminLogActionWords, adminLogTargetPath } from './adminLogActions';

/** The API's mutations, from the schema the backend writes (backend/schema.gql). */
function schemaMutations(): string[] {
  return Object.keys(loadSchema(BACKEND_SCHEMA_PATH).getMutationType()?.getFields() ?? {});
}

// The bot's (@BotOnly) and the public (@Public) mutations: not admin actions, never logged.
const NOT_ADMIN_ACTIONS = ['login', 'registerUser', 'createOrder', 'createPaymentLink', 'confirmPayment', 'failPayment', 'requestWithdrawal'];

describe('admin log actions', () => {
  it('name every admin mutation of the schema, and only those (or the CLI’s own)', () => {
    const mutations = schemaMutations();
    expect(mutations.length).toBeGreaterThan(20);
    expect(NOT_ADMIN_ACTIONS.filter((name) => !mutations.includes(name))).toEqual([]);
    const admin = mutations.filter((name) => !NOT_ADMIN_ACTIONS.includes(name));
    expect(admin.filter((name) => !(ADMIN_LOG_ACTIONS as readonly string[]).includes(name))).toEqual([]);
    expect(ADMIN_LOG_ACTIONS.filter((action) => !admin.includes(action) && !action.startsWith('cli:'))).toEqual([]);
  });

  it('each have words', () => {
    const missing = ADMIN_LOG_ACTIONS.filter((action) => i18nProvider.translate(adminLogActionKey(action)) === adminLogActionKey(action));
    expect(missing).toEqual([]);
    expect(i18nProvider.translate(adminLogActionKey('processPendingCommissions'))).toBe('Released matured commissions');
    expect(i18nProvider.translate(adminLogActionKey('cli:reset-admin-password'))).toBe('Reset an admin’s password (command line)');
  });

  it('show an unknown action by its name', () => {
    expect(adminLogActionWords(i18nProvider.translate, 'someNewMutation')).toBe('someNewMutation');
    expect(adminLogActionWords(i18nProvider.translate, 'blockUser')).toBe('Blocked a user');
  });
});

describe('adminLogTargetPath', () => {
  const resources = { User: { hasShow: true }, Setting: { hasEdit: true }, Admin: {} };

  it('opens a target with a page at that page', () => {
    expect(adminLogTargetPath('User', '5', resources)).toBe('/User/5/show');
    expect(adminLogTargetPath('Setting', 'min_withdrawal_amount', resources)).toBe('/Setting/min_withdrawal_amount');
    expect(adminLogTargetPath('Setting', 'a/b', resources)).toBe('/Setting/a%2Fb');
  });

  it('links nowhere without a page or an id', () => {
    expect(adminLogTargetPath('Admin', '3', resources)).toBeNull();
    expect(adminLogTargetPath('ReferralStatsRebuild', '1', resources)).toBeNull();
    expect(adminLogTargetPath('User', null, resources)).toBeNull();
    expect(adminLogTargetPath(null, '5', resources)).toBeNull();
  });
});
