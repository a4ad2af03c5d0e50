import { createHmac, timingSafeEqual } from 'node:crypto';

/** Telegram's usual limit: initData older than a day is refused. */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;
/** Clock skew tolerated for an auth_date in the future. */
const FUTURE_SKEW_SECONDS = 5 * 60;

export type InitDataRefusal = 'MISSING' | 'MALFORMED' | 'BAD_HASH' | 'STALE' | 'NO_USER';

export interface VerifiedInitData {
  telegramId: string;
  languageCode?: string;
  authDate: Date;
}

export type InitDataCheck = ({ ok: true } & VerifiedInitData) | { ok: false; reason: InitDataRefusal };

/**
 * Validates a Mini App's `Telegram.WebApp.initData` as Telegram documents it: secret =
 * HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(secret, data-check-string),
 * the data-check-string being every field but `hash`, sorted by key, `key=value` joined by "\n".
 * The hashes are compared in constant time; an auth_date older than `maxAgeSeconds` is stale.
 */
export function checkInitData(initData: unknown, botToken: string, now = Date.now(), maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS): InitDataCheck {
  if (typeof initData !== 'string' || !initData.trim()) return { ok: false, reason: 'MISSING' };
  if (initData.length > 8192) return { ok: false, reason: 'MALFORMED' };
  const params = new URLSearchParams(initData);
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash)) return { ok: false, reason: 'MALFORMED' };
  const fields = [...params.entries()].filter(([key]) => key !== 'hash');
  if (new Set(fields.map(([key]) => key)).size !== fields.length) return { ok: false, reason: 'MALFORMED' };
  const dataCheckString = fields
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const expected = createHmac('sha256', secret).update(dataCheckString).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return { ok: false, reason: 'BAD_HASH' };

  const authDate = Number(params.get('auth_date'));
  if (!Number.isInteger(authDate) || authDate <= 0) return { ok: false, reason: 'MALFORMED' };
  const ageSeconds = now / 1000 - authDate;
  if (ageSeconds > maxAgeSeconds || ageSeconds < -FUTURE_SKEW_SECONDS) return { ok: false, reason: 'STALE' };

  let user: { id?: unknown; language_code?: unknown };
  try {
    user = JSON.parse(params.get('user') ?? 'null') ?? {};
  } catch {
    return { ok: false, reason: 'MALFORMED' };
  }
  if (typeof user.id !== 'number' || !Number.isSafeInteger(user.id) || user.id <= 0) return { ok: false, reason: 'NO_USER' };
  return {
    ok: true,
    telegramId: String(user.id),
    languageCode: typeof user.language_code === 'string' ? user.language_code : undefined,
    authDate: new Date(authDate * 1000),
  };
}

/** Signs fields as Telegram does (for tests and the fake Telegram server): the initData string. */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const dataCheckString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const hash = createHmac('sha256', secret).update(dataCheckString).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}
