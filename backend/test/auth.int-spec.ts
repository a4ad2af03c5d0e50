import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/common/auth/jwt.strategy.js';
import { BOT_API_KEY, codeOf, createAdmin, type GraphQLResponse, SUPER_ADMIN, startTestApp, type TestApp } from './support/test-app.js';

const LOGIN = 'mutation($t: String!, $p: String!) { login(telegramId: $t, password: $p) { accessToken expiresAt admin { id telegramId role } } }';
const ME = '{ me { id telegramId role active } }';
const CHANGE_PASSWORD = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const SET_ROLE = 'mutation($id: ID!, $role: AdminRole!) { updateAdminRole(id: $id, role: $role) { id role } }';
const DISABLE = 'mutation($id: ID!) { disableAdmin(id: $id) { id active } }';
const ENABLE = 'mutation($id: ID!) { enableAdmin(id: $id) { id active } }';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Builds a JWT by hand, so the tests control every part of it (algorithm, claims, signature). */
function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, sign: (input: string) => string): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${sign(input)}`;
}
const hmac = (algorithm: 'sha256' | 'sha512', secret: string) => (input: string) => createHmac(algorithm, secret).update(input).digest('base64url');

function reasonOf(response: GraphQLResponse): unknown {
  return response.errors?.[0]?.extensions?.reason;
}

function expectUnauthenticated(response: GraphQLResponse) {
  expect(codeOf(response)).toBe('UNAUTHENTICATED');
  expect(response.data ?? null).toBeNull();
  expect(response.status).toBe(200);
  expect(JSON.stringify(response)).not.toMatch(/stacktrace/i);
}

describe('authentication', () => {
  let t: TestApp;
  let superId: string;
  let secret: string;
  /** The claims of a real token, so hand-made ones carry whatever the server puts in its own. */
  let realClaims: Record<string, unknown>;

  beforeAll(async () => {
    // A high per-IP limit: every request here comes from 127.0.0.1 (the per-IP limit has its own app below).
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '1000' } });
    secret = t.config.JWT_SECRET;
    const token = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
    realClaims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    superId = (await t.as(token)(ME)).data!.me.id;
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({
    ...realClaims,
    iat: now(),
    exp: now() + 3600,
    iss: JWT_ISSUER,
    aud: JWT_AUDIENCE,
    ...extra,
  });
  const HS256 = { alg: 'HS256', typ: 'JWT' };

  describe('login', () => {
    it('returns a token that works for `me`', async () => {
      const result = await t.gql(LOGIN, { t: SUPER_ADMIN.telegramId, p: SUPER_ADMIN.password });
      expect(result.errors).toBeUndefined();
      const { accessToken, expiresAt, admin } = result.data!.login;
      expect(admin).toMatchObject({ telegramId: SUPER_ADMIN.telegramId, role: 'SUPER_ADMIN' });
      expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
      const [header] = accessToken.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
      const me = await t.as(accessToken)(ME);
      expect(me.data!.me).toMatchObject({ id: superId, telegramId: SUPER_ADMIN.telegramId, role: 'SUPER_ADMIN', active: true });
    });

    it('answers a wrong password and an unknown Telegram id alike', async () => {
      const wrongPassword = await t.gql(LOGIN, { t: SUPER_ADMIN.telegramId, p: 'not-the-password' });
      const unknownId = await t.gql(LOGIN, { t: '123456789', p: SUPER_ADMIN.password });
      const notAnId = await t.gql(LOGIN, { t: 'abc', p: SUPER_ADMIN.password });
      for (const response of [wrongPassword, unknownId, notAnId]) expectUnauthenticated(response);
      expect(unknownId.errors![0].message).toBe(wrongPassword.errors![0].message);
      expect(notAnId.errors![0].message).toBe(wrongPassword.errors![0].message);
      expect(reasonOf(unknownId)).toBe(reasonOf(wrongPassword));
      // An unknown id creates nothing.
      expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE telegram_id = 123456789`)).rows[0].n).toBe(0);
    });

    it('is refused for a Telegram user who is not an admin', async () => {
      await t.db.query(`INSERT INTO users (telegram_id, referral_code) VALUES (555000111, 'NOTADMIN1')`);
      expectUnauthenticated(await t.gql(LOGIN, { t: '555000111', p: 'anything-at-all-1' }));
    });
  });

  describe('tokens', () => {
    it('accepts a hand-made token with the right secret, algorithm, issuer and audience (control)', async () => {
      const token = signJwt(HS256, claims(), hmac('sha256', secret));
      const me = await t.as(token)(ME);
      expect(me.errors).toBeUndefined();
      expect(me.data!.me.id).toBe(superId);
    });

    it('refuses an expired token', async () => {
      const token = signJwt(HS256, claims({ iat: now() - 7200, exp: now() - 60 }), hmac('sha256', secret));
      const response = await t.as(token)(ME);
      expectUnauthenticated(response);
      expect(reasonOf(response)).toBe('TOKEN_EXPIRED');
    });

    it('refuses a well-signed token that never expires (no exp claim)', async () => {
      const response = await t.as(signJwt(HS256, claims({ exp: undefined }), hmac('sha256', secret)))(ME);
      expectUnauthenticated(response);
      expect(reasonOf(response)).toBe('INVALID_TOKEN');
    });

    it('refuses a token whose signature or payload was tampered with', async () => {
      const real = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
      const [header, payload, signature] = real.split('.');
      const middle = Math.floor(signature.length / 2);
      const flipped = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
      expectUnauthenticated(await t.as(`${header}.${payload}.${flipped}`)(ME));
      expectUnauthenticated(await t.as(`${header}.${payload}.`)(ME));
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = b64url(JSON.stringify({ ...decoded, exp: decoded.exp + 86_400 * 365 }));
      expectUnauthenticated(await t.as(`${header}.${forged}.${signature}`)(ME));
    });

    it('refuses an `alg: none` token', async () => {
      expectUnauthenticated(await t.as(signJwt({ alg: 'none', typ: 'JWT' }, claims(), () => ''))(ME));
      expectUnauthenticated(await t.as(signJwt({ alg: 'None' }, claims(), () => ''))(ME));
      expectUnauthenticated(await t.as(signJwt({ alg: 'none' }, claims(), hmac('sha256', secret)))(ME));
    });

    it('refuses a token signed with another secret', async () => {
      expectUnauthenticated(await t.as(signJwt(HS256, claims(), hmac('sha256', `${secret}-other`)))(ME));
      expectUnauthenticated(await t.as(signJwt(HS256, claims(), hmac('sha256', 'dev-only-jwt-secret-change-me-0123456789')))(ME));
    });

    it('refuses a wrong or missing issuer or audience', async () => {
      for (const extra of [{ iss: 'someone-else' }, { aud: 'someone-else' }, { iss: undefined }, { aud: undefined }, { aud: [JWT_ISSUER] }]) {
        expectUnauthenticated(await t.as(signJwt(HS256, claims(extra), hmac('sha256', secret)))(ME));
      }
    });

    it('refuses HS512 and RS256 tokens (the algorithm is pinned to HS256)', async () => {
      expectUnauthenticated(await t.as(signJwt({ alg: 'HS512', typ: 'JWT' }, claims(), hmac('sha512', secret)))(ME));
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const rs256 = signJwt({ alg: 'RS256', typ: 'JWT' }, claims(), (input) => createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url'));
      expectUnauthenticated(await t.as(rs256)(ME));
      // An HS256 signature under an RS256 header (algorithm confusion) is refused too.
      expectUnauthenticated(await t.as(signJwt({ alg: 'RS256', typ: 'JWT' }, claims(), hmac('sha256', secret)))(ME));
    });

    it('refuses a well-signed token for an account that is not an admin, and garbage', async () => {
      expectUnauthenticated(await t.as(signJwt(HS256, claims({ sub: '999999' }), hmac('sha256', secret)))(ME));
      expectUnauthenticated(await t.as(signJwt(HS256, claims({ sub: '1 OR 1=1' }), hmac('sha256', secret)))(ME));
      expectUnauthenticated(await t.as('not.a.token')(ME));
      expectUnauthenticated(await t.gql(ME, undefined, { authorization: 'Basic dXNlcjpwYXNz' }));
      expectUnauthenticated(await t.gql(ME, undefined, { authorization: 'Bearer' }));
    });
  });

  describe('bot API key', () => {
    const ADMIN_ONLY = '{ allSettings { key } }';

    it('identifies the bot with the right key: an admin-only query is FORBIDDEN, not UNAUTHENTICATED', async () => {
      const response = await t.gql(ADMIN_ONLY, undefined, { 'x-api-key': BOT_API_KEY });
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(response.data).toBeNull();
      expect(codeOf(await t.gql(ME, undefined, { 'x-api-key': BOT_API_KEY }))).toBe('FORBIDDEN');
    });

    it.each([
      ['a wrong key', 'wrong-key'],
      ['the key with a different last character', `${BOT_API_KEY.slice(0, -1)}X`],
      ['the key with a suffix', `${BOT_API_KEY}0`],
      ['a prefix of the key', BOT_API_KEY.slice(0, 8)],
      ['an empty key', ''],
    ])('refuses %s with UNAUTHENTICATED', async (_name, key) => {
      const response = await t.gql(ADMIN_ONLY, undefined, { 'x-api-key': key });
      expectUnauthenticated(response);
    });

    it('refuses the key sent twice (an array header)', async () => {
      const response = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: [
          ['content-type', 'application/json'],
          ['x-api-key', BOT_API_KEY],
          ['x-api-key', BOT_API_KEY],
        ],
        body: JSON.stringify({ query: ADMIN_ONLY }),
      });
      expectUnauthenticated({ status: response.status, ...((await response.json()) as object) });
    });

    it('does not let a wrong key fall back to a valid admin token', async () => {
      const token = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
      expectUnauthenticated(await t.gql(ME, undefined, { authorization: `Bearer ${token}`, 'x-api-key': 'wrong-key' }));
    });
  });

  describe('admin accounts', () => {
    it('stops a disabled admin\'s existing token at once, and re-enabling restores it', async () => {
      const admin = await createAdmin(t, '710000001');
      expect((await t.as(admin.token)(ME)).data!.me.active).toBe(true);
      expect((await t.admin(DISABLE, { id: admin.id })).data!.disableAdmin.active).toBe(false);
      const refused = await t.as(admin.token)(ME);
      expectUnauthenticated(refused);
      expect(reasonOf(refused)).toBe('ADMIN_DISABLED');
      expectUnauthenticated(await t.gql(LOGIN, { t: '710000001', p: admin.password }));
      expect((await t.admin(ENABLE, { id: admin.id })).data!.enableAdmin.active).toBe(true);
      expect((await t.as(admin.token)(ME)).data!.me).toMatchObject({ id: admin.id, active: true });
    });

    it('applies a new role on the next request with the same token', async () => {
      const admin = await createAdmin(t, '710000002');
      const superOnly = '{ allAdmins { id } }';
      expect(codeOf(await t.as(admin.token)(superOnly))).toBe('FORBIDDEN');
      expect((await t.admin(SET_ROLE, { id: admin.id, role: 'SUPER_ADMIN' })).data!.updateAdminRole.role).toBe('SUPER_ADMIN');
      const allowed = await t.as(admin.token)(superOnly);
      expect(allowed.errors).toBeUndefined();
      expect((await t.as(admin.token)(ME)).data!.me.role).toBe('SUPER_ADMIN');
      expect((await t.admin(SET_ROLE, { id: admin.id, role: 'ADMIN' })).data!.updateAdminRole.role).toBe('ADMIN');
      expect(codeOf(await t.as(admin.token)(superOnly))).toBe('FORBIDDEN');
    });

    it('changes a password: wrong current or too short is BAD_USER_INPUT; afterwards old tokens are refused', async () => {
      const admin = await createAdmin(t, '710000003');
      const wrong = await t.as(admin.token)(CHANGE_PASSWORD, { c: 'not-my-password', n: 'a-brand-new-password' });
      expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
      const short = await t.as(admin.token)(CHANGE_PASSWORD, { c: admin.password, n: 'short' });
      expect(codeOf(short)).toBe('BAD_USER_INPUT');
      const same = await t.as(admin.token)(CHANGE_PASSWORD, { c: admin.password, n: admin.password });
      expect(codeOf(same)).toBe('BAD_USER_INPUT');
      expect((await t.as(admin.token)(ME)).data!.me.id).toBe(admin.id); // nothing changed yet

      const changed = await t.as(admin.token)(CHANGE_PASSWORD, { c: admin.password, n: 'a-brand-new-password' });
      expect(changed.errors).toBeUndefined();
      expect(changed.data!.changePassword).toBe(true);
      const old = await t.as(admin.token)(ME);
      expectUnauthenticated(old);
      expect(reasonOf(old)).toBe('TOKEN_REVOKED');
      expectUnauthenticated(await t.gql(LOGIN, { t: '710000003', p: admin.password }));
      const fresh = await t.login('710000003', 'a-brand-new-password');
      expect((await t.as(fresh)(ME)).data!.me.id).toBe(admin.id);
    });

    it('revokes a token issued in the same second as the password change', async () => {
      const admin = await createAdmin(t, '710000005');
      const [, payload] = admin.token.split('.');
      const { iat } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iat: number };
      expect((await t.as(admin.token)(CHANGE_PASSWORD, { c: admin.password, n: 'another-new-password' })).errors).toBeUndefined();
      // Make the change look as if it happened half a second after the token was issued, within
      // the same second of its `iat` (what a quick change after signing in produces).
      await t.db.query(`UPDATE users SET password_changed_at = to_timestamp($2::float8 + 0.5) WHERE id = $1`, [admin.id, iat]);
      const old = await t.as(admin.token)(ME);
      expectUnauthenticated(old);
      expect(reasonOf(old)).toBe('TOKEN_REVOKED');
      const fresh = await t.login('710000005', 'another-new-password');
      expect((await t.as(fresh)(ME)).data!.me.id).toBe(admin.id);
    });

    it('refuses anyone changing their own role or active flag with CONFLICT', async () => {
      for (const [query, variables] of [
        [SET_ROLE, { id: superId, role: 'ADMIN' }],
        [DISABLE, { id: superId }],
        [ENABLE, { id: superId }],
      ] as const) {
        const response = await t.admin(query, variables);
        expect(codeOf(response)).toBe('CONFLICT');
        expect(reasonOf(response)).toBe('SELF_CHANGE');
      }
      expect((await t.admin(ME)).data!.me).toMatchObject({ role: 'SUPER_ADMIN', active: true });
    });

    it('never removes the last active super admin, even when two super admins demote each other at once', async () => {
      const other = await createAdmin(t, '710000004', 'SUPER_ADMIN');
      const superToken = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
      for (const [mutation, extra] of [
        [SET_ROLE, { role: 'ADMIN' }],
        [DISABLE, {}],
      ] as const) {
        const [a, b] = await Promise.all([
          t.as(superToken)(mutation, { id: other.id, ...extra }),
          t.as(other.token)(mutation, { id: superId, ...extra }),
        ]);
        // One succeeds; the other is refused (CONFLICT by the lock, or, when the first has already
        // committed, FORBIDDEN or UNAUTHENTICATED for its demoted or disabled actor).
        const outcomes = [a, b].map((r) => codeOf(r) ?? 'OK');
        expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
        expect(outcomes.find((o) => o !== 'OK')).toMatch(/^(CONFLICT|FORBIDDEN|UNAUTHENTICATED)$/);
        const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE admin_role = 'SUPER_ADMIN' AND admin_active`);
        expect(rows[0].n).toBe(1);
        // Restore both as active super admins, by the one who still is.
        await t.db.query(`UPDATE users SET admin_role = 'SUPER_ADMIN', admin_active = true WHERE id IN ($1, $2)`, [superId, other.id]);
      }
    });
  });

  describe('failed-login throttling per account', () => {
    it(`refuses even the right password after LOGIN_MAX_FAILURES_PER_ACCOUNT failures`, async () => {
      expect(t.config.LOGIN_MAX_FAILURES_PER_ACCOUNT).toBe(5);
      const admin = await createAdmin(t, '720000001');
      for (let i = 0; i < 5; i++) {
        const response = await t.gql(LOGIN, { t: '720000001', p: `wrong-password-${i}` });
        expect(reasonOf(response)).toBe('INVALID_CREDENTIALS');
      }
      const blocked = await t.gql(LOGIN, { t: '720000001', p: admin.password });
      expectUnauthenticated(blocked);
      expect(reasonOf(blocked)).toBe('RATE_LIMITED');
      expect(blocked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
      // Other accounts are not affected, and the admin's existing token still works.
      expect((await t.as(admin.token)(ME)).data!.me.id).toBe(admin.id);
      await expect(t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password)).resolves.toEqual(expect.any(String));
    });

    it('gives the account its attempts back after a successful sign-in', async () => {
      const admin = await createAdmin(t, '720000002');
      for (let i = 0; i < 4; i++) await t.gql(LOGIN, { t: '720000002', p: `wrong-password-${i}` });
      await t.login('720000002', admin.password);
      for (let i = 0; i < 4; i++) expect(reasonOf(await t.gql(LOGIN, { t: '720000002', p: `wrong-password-${i}` }))).toBe('INVALID_CREDENTIALS');
      await expect(t.login('720000002', admin.password)).resolves.toEqual(expect.any(String));
    });
  });
});

describe('failed-login throttling with small limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // TRUST_PROXY_HOPS lets each test come from its own client IP through X-Forwarded-For.
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '4', TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(() => t.close());

  const loginFrom = (ip: string, telegramId: string, password: string) => t.gql(LOGIN, { t: telegramId, p: password }, { 'x-forwarded-for': ip });

  const accountFailures = async (telegramId: string) =>
    (await t.db.query(`SELECT failures FROM auth_throttle WHERE key = $1`, [`account:${telegramId}`])).rows[0]?.failures ?? 0;

  it('counts every login field of an aliased request, so aliasing buys no extra guesses', async () => {
    const admin = await createAdmin(t, '730000001');
    let executed = 0;
    let invalid = 0;
    for (let request = 0; request < 4; request++) {
      const fields = Array.from({ length: 10 }, (_, i) => `a${i}: login(telegramId: "730000001", password: "wrong-${request}-${i}") { accessToken }`);
      const response = await t.gql(`mutation { ${fields.join(' ')} }`, undefined, { 'x-forwarded-for': '10.0.0.1' });
      expect(response.data ?? null).toBeNull();
      const reasons = response.errors!.map((error) => error.extensions?.reason);
      expect(reasons.every((reason) => reason === 'INVALID_CREDENTIALS' || reason === 'RATE_LIMITED')).toBe(true);
      executed += reasons.length;
      invalid += reasons.filter((reason) => reason === 'INVALID_CREDENTIALS').length;
      // Each login field that ran used up one attempt (mutation fields run in order, and a failed
      // non-null `login` ends the request).
      expect(await accountFailures('730000001')).toBe(executed);
    }
    // Forty aliased guesses checked exactly LOGIN_MAX_FAILURES_PER_ACCOUNT passwords.
    expect(invalid).toBe(3);
    const blocked = await loginFrom('10.0.0.2', '730000001', admin.password);
    expect(reasonOf(blocked)).toBe('RATE_LIMITED');
  });

  it('counts concurrent login requests before checking any password', async () => {
    const admin = await createAdmin(t, '730000002');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => loginFrom(`10.0.1.${i + 1}`, '730000002', `wrong-password-${i}`)));
    const reasons = results.map(reasonOf);
    expect(reasons.filter((reason) => reason === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(reasons.filter((reason) => reason === 'RATE_LIMITED')).toHaveLength(7);
    expect(reasonOf(await loginFrom('10.0.1.99', '730000002', admin.password))).toBe('RATE_LIMITED');
  });

  it('limits failures per client IP across different accounts', async () => {
    const admin = await createAdmin(t, '730000003');
    for (let i = 0; i < 4; i++) {
      expect(reasonOf(await loginFrom('10.0.2.1', `74000000${i}`, 'wrong-password'))).toBe('INVALID_CREDENTIALS');
    }
    // The fifth failure from this IP, on yet another account, and even a right password, are refused...
    expect(reasonOf(await loginFrom('10.0.2.1', '740000009', 'wrong-password'))).toBe('RATE_LIMITED');
    expect(reasonOf(await loginFrom('10.0.2.1', '730000003', admin.password))).toBe('RATE_LIMITED');
    // ...while the same account from another IP signs in.
    const elsewhere = await loginFrom('10.0.2.2', '730000003', admin.password);
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data!.login.accessToken).toEqual(expect.any(String));
  });
});

describe('super admin bootstrap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_IP: '1000' } });
  });
  afterAll(() => t.close());

  const admins = async () => (await t.db.query(`SELECT telegram_id::text, admin_role FROM users WHERE admin_role IS NOT NULL`)).rows;

  it('creates nothing for a wrong password or another Telegram id', async () => {
    expect(await admins()).toEqual([]);
    expectUnauthenticated(await t.gql(LOGIN, { t: SUPER_ADMIN.telegramId, p: 'not-the-super-password' }));
    expectUnauthenticated(await t.gql(LOGIN, { t: '900000002', p: SUPER_ADMIN.password }));
    expect(await admins()).toEqual([]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
  });

  it('creates exactly one super admin when 10 first logins race, and each of them signs in', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.gql(LOGIN, { t: SUPER_ADMIN.telegramId, p: SUPER_ADMIN.password })),
    );
    expect(await admins()).toEqual([{ telegram_id: SUPER_ADMIN.telegramId, admin_role: 'SUPER_ADMIN' }]);
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.login.admin.role).toBe('SUPER_ADMIN');
    }
  });

  it('does not re-create or reset the super admin once one exists', async () => {
    const token = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
    await t.as(token)(CHANGE_PASSWORD, { c: SUPER_ADMIN.password, n: 'the-new-super-password' });
    // The environment password no longer signs in, and creates nothing.
    expectUnauthenticated(await t.gql(LOGIN, { t: SUPER_ADMIN.telegramId, p: SUPER_ADMIN.password }));
    expect(await admins()).toHaveLength(1);
    await expect(t.login(SUPER_ADMIN.telegramId, 'the-new-super-password')).resolves.toEqual(expect.any(String));
  });
});
