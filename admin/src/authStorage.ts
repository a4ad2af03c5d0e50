import type { AuthPayload, SignedInAdmin } from './types';

const TOKEN_KEY = 'ott-admin.accessToken';
const ADMIN_KEY = 'ott-admin.admin';

/** The session lives in localStorage so a reload or a second tab stays signed in. */
export const authStorage = {
  save({ accessToken, admin }: AuthPayload): void {
    localStorage.setItem(TOKEN_KEY, accessToken);
    localStorage.setItem(ADMIN_KEY, JSON.stringify(admin));
  },
  clear(): void {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(ADMIN_KEY);
  },
  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  admin(): SignedInAdmin | null {
    const stored = localStorage.getItem(ADMIN_KEY);
    return stored ? (JSON.parse(stored) as SignedInAdmin) : null;
  },
};

export function authorizationHeader(): Record<string, string> {
  const token = authStorage.token();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
