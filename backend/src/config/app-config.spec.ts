import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEFAULT_SECRETS, loadConfig } from './app-config.js';

const GOOD_SECRETS = {
  JWT_SECRET: 'a-production-jwt-secret-of-forty-characters',
  BOT_API_KEY: 'a-production-bot-api-key-0123',
  SUPER_ADMIN_PASSWORD: 'a-strong-password',
};

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('loads the development defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: './.data', JWT_EXPIRES_IN: '8h', CORS_ORIGINS: [] });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.defaultSecretsInUse().sort()).toEqual(Object.keys(DEFAULT_SECRETS).sort());
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:secret@db:5432/ott',
      JWT_EXPIRES_IN: '15m',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      JOBS_ENABLED: 'false',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://app:secret@db:5432/ott',
      JWT_EXPIRES_IN: '15m',
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      JOBS_ENABLED: false,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 3,
    });
    expect(loadConfig({ JWT_EXPIRES_IN: '3600' }).JWT_EXPIRES_IN).toBe('3600');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://root@localhost/ott'],
    ['DATABASE_URL', 'not a url'],
    ['JWT_EXPIRES_IN', 'forever'],
    ['JWT_EXPIRES_IN', '8 hours'],
    ['JWT_EXPIRES_IN', '-5m'],
    ['NODE_ENV', 'staging'],
    ['SUPER_ADMIN_TELEGRAM_ID', '12ab'],
    ['JOBS_ENABLED', 'maybe'],
    ['LOGIN_MAX_FAILURES_PER_ACCOUNT', '0'],
    ['JWT_SECRET', 'short'],
  ])('refuses %s=%p naming the variable', (name, value) => {
    expect(refusal({ [name]: value })).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('needs the chosen payment gateway\'s API keys, and defaults its base URL to the provider\'s', () => {
    expect(refusal({ PAYMENT_GATEWAY: 'stripe' })).toMatch(/PAYMENT_GATEWAY/);
    const razorpay = refusal({ PAYMENT_GATEWAY: 'razorpay', RAZORPAY_KEY_ID: 'rzp_live_x' });
    expect(razorpay).toMatch(/RAZORPAY_KEY_SECRET: must be set when PAYMENT_GATEWAY=razorpay/);
    expect(razorpay).not.toMatch(/RAZORPAY_KEY_ID/);
    expect(refusal({ PAYMENT_GATEWAY: 'cashfree' })).toMatch(/CASHFREE_APP_ID[\s\S]*CASHFREE_SECRET_KEY/);
    expect(refusal({ RAZORPAY_API_URL: 'https://api.razorpay.com/' })).toMatch(/RAZORPAY_API_URL/);
    const config = loadConfig({ PAYMENT_GATEWAY: 'razorpay', RAZORPAY_KEY_ID: 'rzp_live_x', RAZORPAY_KEY_SECRET: 'secret' });
    expect(config).toMatchObject({ RAZORPAY_API_URL: 'https://api.razorpay.com', CASHFREE_API_URL: 'https://api.cashfree.com/pg', PAYMENT_GATEWAY_TIMEOUT_MS: 5000 });
    expect(loadConfig({}).PAYMENT_GATEWAY).toBe('none');
  });

  it('payouts: manual by default; razorpayx needs its key, secret and account number', () => {
    expect(loadConfig({}).PAYOUT_PROVIDER).toBe('manual');
    expect(refusal({ PAYOUT_PROVIDER: 'paypal' })).toMatch(/PAYOUT_PROVIDER/);
    const missing = refusal({ PAYOUT_PROVIDER: 'razorpayx', RAZORPAYX_KEY_ID: 'rzp_live_x' });
    expect(missing).toMatch(/RAZORPAYX_KEY_SECRET: must be set when PAYOUT_PROVIDER=razorpayx/);
    expect(missing).toMatch(/RAZORPAYX_ACCOUNT_NUMBER: must be set/);
    expect(missing).not.toMatch(/RAZORPAYX_KEY_ID/);
    expect(refusal({ RAZORPAYX_API_URL: 'https://api.razorpay.com/' })).toMatch(/RAZORPAYX_API_URL/);
    const config = loadConfig({ PAYOUT_PROVIDER: 'razorpayx', RAZORPAYX_KEY_ID: 'k', RAZORPAYX_KEY_SECRET: 's', RAZORPAYX_ACCOUNT_NUMBER: '7878780080316316' });
    expect(config).toMatchObject({ RAZORPAYX_API_URL: 'https://api.razorpay.com', RAZORPAYX_TIMEOUT_MS: 10000 });
  });

  it('takes REPORTING_TIME_ZONE as an IANA zone, Asia/Kolkata by default, and refuses an unknown one', () => {
    expect(loadConfig({}).REPORTING_TIME_ZONE).toBe('Asia/Kolkata');
    expect(loadConfig({ REPORTING_TIME_ZONE: 'Asia/Kathmandu' }).REPORTING_TIME_ZONE).toBe('Asia/Kathmandu');
    expect(refusal({ REPORTING_TIME_ZONE: 'Mars/Olympus_Mons' })).toMatch(/REPORTING_TIME_ZONE: unknown time zone/);
    expect(refusal({ REPORTING_TIME_ZONE: "Asia/Kolkata'; DROP" })).toMatch(/REPORTING_TIME_ZONE must be an IANA time zone/);
  });

  it('names every bad variable at once', () => {
    const message = refusal({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_EXPIRES_IN: 'forever' });
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/JWT_EXPIRES_IN/);
  });

  it('says in one line what a whole-number variable takes, and refuses PORT=0', () => {
    for (const port of ['abc', '0', '-5', '1.5', '65536']) {
      expect(refusal({ PORT: port })).toBe('Invalid configuration:\n  - PORT: PORT must be a whole number from 1 to 65535');
    }
    expect(refusal({ TRUST_PROXY_HOPS: 'two' })).toBe('Invalid configuration:\n  - TRUST_PROXY_HOPS: TRUST_PROXY_HOPS must be a whole number (0 or more)');
    expect(loadConfig({ PORT: '65535', WORKER_PORT: '0' })).toMatchObject({ PORT: 65535, WORKER_PORT: 0 });
  });

  describe('in production', () => {
    it('refuses the development default secrets, naming each', () => {
      const message = refusal({ NODE_ENV: 'production' });
      for (const name of ['JWT_SECRET', 'BOT_API_KEY', 'SUPER_ADMIN_PASSWORD']) expect(message).toMatch(new RegExp(`${name}: must be set in production`));
    });

    it.each(Object.keys(GOOD_SECRETS))('refuses %s set to its development default', (name) => {
      const message = refusal({ NODE_ENV: 'production', ...GOOD_SECRETS, [name]: DEFAULT_SECRETS[name as keyof typeof DEFAULT_SECRETS] });
      expect(message).toMatch(new RegExp(`${name}: must be set in production`));
    });

    it.each([
      ['JWT_SECRET', 'x'.repeat(31)],
      ['BOT_API_KEY', 'x'.repeat(23)],
      ['SUPER_ADMIN_PASSWORD', 'x'.repeat(11)],
    ])('refuses a short %s', (name, value) => {
      const message = refusal({ NODE_ENV: 'production', ...GOOD_SECRETS, [name]: value });
      expect(message).toMatch(new RegExp(`${name}: must be at least \\d+ characters in production`));
      expect(message).not.toContain(value); // a secret is never echoed
    });

    it('loads with good secrets, and turns introspection and the playground off by default', () => {
      const config = loadConfig({ NODE_ENV: 'production', ...GOOD_SECRETS });
      expect(config.isProduction).toBe(true);
      expect(config.defaultSecretsInUse()).toEqual([]);
      expect(config.introspection).toBe(false);
      expect(config.playground).toBe(false);
      expect(loadConfig({ NODE_ENV: 'production', ...GOOD_SECRETS, GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
    });
  });
});
