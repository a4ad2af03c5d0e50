import { describe, expect, it } from '@jest/globals';
import { checkInitData, signInitData } from './init-data.js';

const TOKEN = '123456789:AAexample-token_abcdefghijkl';
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const fields = (authDate = NOW / 1000) => ({ auth_date: String(authDate), query_id: 'AAF', user: JSON.stringify({ id: 5551234567, first_name: 'Ravi', language_code: 'hi' }) });

describe('Mini App initData', () => {
  it('accepts data signed with the bot token, as Telegram signs it', () => {
    expect(checkInitData(signInitData(fields(), TOKEN), TOKEN, NOW)).toEqual({ ok: true, telegramId: '5551234567', languageCode: 'hi', authDate: new Date(NOW) });
  });

  it('matches a data-check-string computed independently (sorted key=value lines, HMAC key "WebAppData")', async () => {
    const { createHmac } = await import('node:crypto');
    const data = fields();
    const check = Object.entries(data).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join('\n');
    const hash = createHmac('sha256', createHmac('sha256', 'WebAppData').update(TOKEN).digest()).update(check).digest('hex');
    expect(checkInitData(new URLSearchParams({ ...data, hash }).toString(), TOKEN, NOW).ok).toBe(true);
  });

  it('refuses missing, tampered, wrongly signed and stale data', () => {
    expect(checkInitData(undefined, TOKEN, NOW)).toEqual({ ok: false, reason: 'MISSING' });
    expect(checkInitData('', TOKEN, NOW)).toEqual({ ok: false, reason: 'MISSING' });
    const tampered = signInitData(fields(), TOKEN).replace('5551234567', '5551234568');
    expect(checkInitData(tampered, TOKEN, NOW)).toEqual({ ok: false, reason: 'BAD_HASH' });
    expect(checkInitData(signInitData(fields(), '987654321:AAanother-token_abcdefghijk'), TOKEN, NOW)).toEqual({ ok: false, reason: 'BAD_HASH' });
    expect(checkInitData(signInitData(fields(NOW / 1000 - 24 * 3600 - 1), TOKEN), TOKEN, NOW)).toEqual({ ok: false, reason: 'STALE' });
    expect(checkInitData(signInitData(fields(NOW / 1000 - 24 * 3600 + 60), TOKEN), TOKEN, NOW).ok).toBe(true);
    expect(checkInitData(signInitData(fields(NOW / 1000 + 3600), TOKEN), TOKEN, NOW)).toEqual({ ok: false, reason: 'STALE' });
    expect(checkInitData('user=x&hash=zz', TOKEN, NOW)).toEqual({ ok: false, reason: 'MALFORMED' });
  });

  it('refuses signed data without a user', () => {
    expect(checkInitData(signInitData({ auth_date: String(NOW / 1000), query_id: 'AAF' }, TOKEN), TOKEN, NOW)).toEqual({ ok: false, reason: 'NO_USER' });
  });
});
