import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signInitData } from '../src/miniapp/init-data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TOKEN = '7000000002:AAminiapp-test-token_0123456789';

describe('verification Mini App (GET /miniapp/, POST /miniapp/verify)', () => {
  let t: TestApp;
  const register = (telegramId: string) =>
    t.bot('mutation($input: RegisterUserInput!) { registerUser(input: $input) { id } }', { input: { telegramId } });
  const initDataFor = (telegramId: number, authDate = Math.floor(Date.now() / 1000)) =>
    signInitData({ auth_date: String(authDate), query_id: 'AAHdF6IQAAAAAN0XohDhrOrc', user: JSON.stringify({ id: telegramId, first_name: 'Ravi', language_code: 'en' }) }, TOKEN);
  const verify = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/miniapp/verify`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const userRow = async (telegramId: number) =>
    (await t.db.query('SELECT id::int, device_id, ip_address, device_verified_at, status FROM users WHERE telegram_id = $1', [telegramId])).rows[0];

  beforeAll(async () => {
    // one proxy in front of the app: the client's address is the last X-Forwarded-For entry
    t = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: TOKEN, TRUST_PROXY_HOPS: '1' } });
    for (const id of ['6200000001', '6200000002', '6200000003']) await register(id);
  });
  afterAll(() => t.close());

  it('serves the page and its script from the API, with nothing loaded from a CDN', async () => {
    const redirect = await fetch(`${t.url}/miniapp`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('miniapp/');
    const page = await fetch(`${t.url}/miniapp/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="app.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await (await fetch(`${t.url}/miniapp/app.js`)).text();
    expect(script).toContain("launch.get('tgWebAppData')");
    expect(script).toContain("fetch('verify'");
  });

  it('records the device id and the client IP for valid initData and answers { verified: true }', async () => {
    const response = await verify({ initData: initDataFor(6200000001), deviceId: 'device-aaaa-0001' }, { 'x-forwarded-for': '198.51.100.23' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ verified: true });
    const row = await userRow(6200000001);
    expect(row).toMatchObject({ device_id: 'device-aaaa-0001', ip_address: '198.51.100.23', status: 'ACTIVE' });
    expect(row.device_verified_at).toBeInstanceOf(Date);
    const seen = await t.bot('query($t: String!) { userByTelegramId(telegramId: $t) { deviceVerifiedAt deviceId } }', { t: '6200000001' });
    expect(seen.data!.userByTelegramId.deviceId).toBe('device-aaaa-0001');
    expect(seen.data!.userByTelegramId.deviceVerifiedAt).toEqual(row.device_verified_at.toISOString());
  });

  it('refuses missing, tampered and stale initData with 401 and records nothing', async () => {
    const attempts: unknown[] = [
      { deviceId: 'device-bbbb-0002' },
      { initData: '', deviceId: 'device-bbbb-0002' },
      { initData: initDataFor(6200000002).replace('6200000002', '6200000003'), deviceId: 'device-bbbb-0002' },
      { initData: initDataFor(6200000002, Math.floor(Date.now() / 1000) - 25 * 3600), deviceId: 'device-bbbb-0002' },
      { initData: `${initDataFor(6200000002)}&extra=1`, deviceId: 'device-bbbb-0002' },
      { initData: 12345, deviceId: 'device-bbbb-0002' },
    ];
    for (const body of attempts) {
      const response = await verify(body);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { verified: boolean }).verified).toBe(false);
    }
    // a body that is not a JSON object never reaches the check
    expect((await verify('not an object')).status).toBe(400);
    expect(await userRow(6200000002)).toMatchObject({ device_id: null, device_verified_at: null });
    expect(await userRow(6200000003)).toMatchObject({ device_id: null, device_verified_at: null });
  });

  it('refuses a bad device id (400) and an unregistered user (404)', async () => {
    expect((await verify({ initData: initDataFor(6200000002), deviceId: 'x' })).status).toBe(400);
    expect((await verify({ initData: initDataFor(6200000002), deviceId: { id: 1 } })).status).toBe(400);
    expect((await verify({ initData: initDataFor(6299999999), deviceId: 'device-cccc-0003' })).status).toBe(404);
  });

  it('flags a second account on the same device (DUPLICATE_DEVICE) on both accounts', async () => {
    const response = await verify({ initData: initDataFor(6200000002), deviceId: 'device-aaaa-0001' });
    expect(response.status).toBe(200);
    const { rows } = await t.db.query(
      `SELECT u.telegram_id::text AS telegram_id, f.type, f.status, f.evidence ->> 'deviceId' AS device FROM fraud_flags f JOIN users u ON u.id = f.user_id ORDER BY u.telegram_id`,
    );
    expect(rows).toEqual([
      { telegram_id: '6200000001', type: 'DUPLICATE_DEVICE', status: 'OPEN', device: 'device-aaaa-0001' },
      { telegram_id: '6200000002', type: 'DUPLICATE_DEVICE', status: 'OPEN', device: 'device-aaaa-0001' },
    ]);
    expect((await userRow(6200000001)).status).toBe('SUSPICIOUS');
    expect((await userRow(6200000002)).status).toBe('SUSPICIOUS');
    // without a proxy header the socket's address is recorded
    expect((await userRow(6200000002)).ip_address).toBe('127.0.0.1');
  });

  it('programTerms gives the bot what one sale earns at today’s settings', async () => {
    const terms = await t.bot('{ programTerms { productName productPrice level1Commission level2Commission commissionHoldHours minWithdrawalAmount referralsEnabled withdrawalsEnabled deviceVerificationRequired } }');
    expect(terms.data!.programTerms).toEqual({
      productName: 'Combo OTT Plan',
      productPrice: 13500,
      level1Commission: 2800,
      level2Commission: 900,
      commissionHoldHours: 24,
      minWithdrawalAmount: 50000,
      referralsEnabled: true,
      withdrawalsEnabled: true,
      deviceVerificationRequired: false,
    });
    await t.admin('mutation { updateSetting(key: "commission_rounding", value: "PAISE") { key } }');
    await t.admin('mutation { updateSetting(key: "product_cost", value: 4250) { key } }');
    // profit ₹92.50: 30% = ₹27.75, 10% = ₹9.25 kept to the paisa
    const paise = await t.bot('{ programTerms { level1Commission level2Commission } }');
    expect(paise.data!.programTerms).toEqual({ level1Commission: 2775, level2Commission: 925 });
    const anonymous = await t.gql('{ programTerms { productName } }');
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
