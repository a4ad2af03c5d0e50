import type { AuthPayload, SignedInAdmin } from './types';

const TOKEN_KEY = 'ott-admin.accessToken';
const EXPIRES_AT_KEY = 'ott-admin.expiresAt';
const ADMIN_KEY = 'ott-admin.admin';

/** The session lives in localStorage so a reload or a second tab stays signed in. */
export const authStorage = {
  save({ accessToken, expiresAt, admin }: AuthPayload): void {
    localStorage.setItem(TOKEN_KEY, accessToken);
    localStorage.setItem(EXPIRES_AT_KEY, expiresAt);
    localStorage.setItem(ADMIN_KEY, JSON.stringify(admin));
  },
  clear(): void {
    [TOKEN_KEY, EXPIRES_AT_KEY, ADMIN_KEY].forEach((key) => localStorage.removeItem(key));
  },
  /** The token, unless it has expired: then the login page shows instead of failing queries. */
  token(): string | null {
    const expiresAt = Date.parse(localStorage.getItem(EXPIRES_AT_KEY) ?? '');
    return expiresAt > Date.now() ? localStorage.getItem(TOKEN_KEY) : null;
  },
  /** Keeps the signed-in admin's stored profile in step after they change it (their name). */
  updateAdmin(changes: Partial<SignedInAdmin>): void {
    const admin = this.admin();
    if (admin) localStorage.setItem(ADMIN_KEY, JSON.stringify({ ...admin, ...changes }));
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
