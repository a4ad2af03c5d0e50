import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Development defaults: fine on a laptop, refused when NODE_ENV=production. */
export const DEFAULT_SECRETS = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789',
  BOT_API_KEY: 'dev-only-bot-api-key',
  SUPER_ADMIN_PASSWORD: 'change-me-now',
} as const;

const MIN_SECRET_LENGTH = { JWT_SECRET: 32, BOT_API_KEY: 24, SUPER_ADMIN_PASSWORD: 12 } as const;

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (/^(1|true|yes|on)$/i.test(value) ? true : /^(0|false|no|off)$/i.test(value) ? false : value) : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
/** An integer variable from `min` (to `max`): one message whatever is wrong, e.g. "PORT must be a whole number from 1 to 65535". */
function WholeNumber(min: number, max?: number): PropertyDecorator {
  const message = `$property must be a whole number ${max === undefined ? `(${min} or more)` : `from ${min} to ${max}`}`;
  const decorators = [Transform(toInt), IsInt({ message }), Min(min, { message }), ...(max === undefined ? [] : [Max(max, { message })])];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/**
 * The whole configuration, read once from the environment and validated.
 * Every variable here is documented in the README's configuration table.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @WholeNumber(1, 65535)
  PORT = 3000;

  @IsString() @IsOptional()
  HOST = '0.0.0.0';

  /** postgres://user:pass@host:port/db; unset starts an embedded PostgreSQL in DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @WholeNumber(1, 200)
  DATABASE_POOL_SIZE = 16;

  /** false: unnamed statements only, for poolers without prepared-statement support (PgBouncer < 1.21 in transaction mode). */
  @Transform(toBoolean) @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  @IsString() @MinLength(1)
  DATA_DIR = './.data';

  @IsString() @MinLength(8)
  JWT_SECRET: string = DEFAULT_SECRETS.JWT_SECRET;

  @Matches(/^\d+[smhd]?$/, { message: 'JWT_EXPIRES_IN must be a number of seconds or a duration like 15m, 8h, 7d' })
  JWT_EXPIRES_IN = '8h';

  @IsString() @MinLength(8)
  BOT_API_KEY: string = DEFAULT_SECRETS.BOT_API_KEY;

  @IsOptional() @Matches(/^[A-Za-z0-9_]{3,64}$/, { message: 'BOT_USERNAME must be a Telegram bot username (letters, digits, underscore)' })
  BOT_USERNAME?: string;

  /** The bot's token (from BotFather): the API checks the verification Mini App's initData with it. Unset: /miniapp/verify answers 404. */
  @IsOptional() @Matches(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, { message: 'TELEGRAM_BOT_TOKEN must look like 123456789:AA… (the token BotFather gives)' })
  TELEGRAM_BOT_TOKEN?: string;

  @Matches(/^\d{1,20}$/, { message: 'SUPER_ADMIN_TELEGRAM_ID must be a Telegram id (digits only)' })
  SUPER_ADMIN_TELEGRAM_ID = '1';

  @IsString() @MinLength(8)
  SUPER_ADMIN_PASSWORD: string = DEFAULT_SECRETS.SUPER_ADMIN_PASSWORD;

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @Transform(toList) @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @Transform(toBoolean) @IsBoolean()
  JOBS_ENABLED = true;

  @Transform(toBoolean) @IsOptional() @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean;

  @Transform(toBoolean) @IsOptional() @IsBoolean()
  PLAYGROUND_ENABLED?: boolean;

  /** Failed logins allowed per account, and per client IP, within LOGIN_WINDOW_MINUTES. */
  @WholeNumber(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @WholeNumber(1)
  LOGIN_MAX_FAILURES_PER_IP = 20;

  @WholeNumber(1)
  LOGIN_WINDOW_MINUTES = 15;

  /** Express "trust proxy" setting, so the audit log records the client's IP behind a proxy. */
  @WholeNumber(0)
  TRUST_PROXY_HOPS = 0;

  /** IANA zone whose midnights, weeks and months bound the reports' days (see reporting/). */
  @Matches(/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/, { message: 'REPORTING_TIME_ZONE must be an IANA time zone such as Asia/Kolkata' })
  REPORTING_TIME_ZONE = 'Asia/Kolkata';
  /** The gateway that makes each order's payment link: none, razorpay or cashfree. */
  @IsIn(['none', 'razorpay', 'cashfree'])
  PAYMENT_GATEWAY: 'none' | 'razorpay' | 'cashfree' = 'none';

  /** Time allowed for one call to the gateway's API (a payment link); the order is created either way. */
  @WholeNumber(100, 30_000)
  PAYMENT_GATEWAY_TIMEOUT_MS = 5000;

  @IsOptional() @IsString() @MinLength(1)
  RAZORPAY_KEY_ID?: string;

  @IsOptional() @IsString() @MinLength(1)
  RAZORPAY_KEY_SECRET?: string;

  /** Signs Razorpay's webhooks; unset: POST /webhooks/razorpay answers 404. */
  @IsOptional() @IsString() @MinLength(8)
  RAZORPAY_WEBHOOK_SECRET?: string;

  @Matches(/^https?:\/\/\S+[^/]$/, { message: 'RAZORPAY_API_URL must be an http(s) URL without a trailing slash' })
  RAZORPAY_API_URL = 'https://api.razorpay.com';

  /** Cashfree's x-client-id (the app id). */
  @IsOptional() @IsString() @MinLength(1)
  CASHFREE_APP_ID?: string;

  /** Cashfree's x-client-secret; it also signs Cashfree's webhooks (unset: POST /webhooks/cashfree answers 404). */
  @IsOptional() @IsString() @MinLength(8)
  CASHFREE_SECRET_KEY?: string;

  @Matches(/^https?:\/\/\S+[^/]$/, { message: 'CASHFREE_API_URL must be an http(s) URL without a trailing slash' })
  CASHFREE_API_URL = 'https://api.cashfree.com/pg';

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'CASHFREE_API_VERSION must be a date like 2023-08-01' })
  CASHFREE_API_VERSION = '2023-08-01';

  /** Cashfree answers a payment_session_id, not a link, since 2022-09-01: the checkout page that opens it, with {payment_session_id} and {order_id} placeholders. */
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'CASHFREE_CHECKOUT_URL must be an http(s) URL' })
  CASHFREE_CHECKOUT_URL?: string;

  /** Cashfree requires a customer phone on every order; Telegram gives a bot none. */
  @Matches(/^\d{10}$/, { message: 'CASHFREE_CUSTOMER_PHONE must be 10 digits' })
  CASHFREE_CUSTOMER_PHONE = '9999999999';

  /** How approved withdrawals are paid: manual (an admin pays and marks them paid; payoutFile for a bulk upload) or razorpayx (sendPayouts). */
  @IsIn(['manual', 'razorpayx'])
  PAYOUT_PROVIDER: 'manual' | 'razorpayx' = 'manual';

  @IsOptional() @IsString() @MinLength(1)
  RAZORPAYX_KEY_ID?: string;

  @IsOptional() @IsString() @MinLength(1)
  RAZORPAYX_KEY_SECRET?: string;

  /** The RazorpayX account (virtual account / current account number) payouts are made from. */
  @IsOptional() @Matches(/^[A-Za-z0-9]{6,40}$/, { message: 'RAZORPAYX_ACCOUNT_NUMBER must be 6 to 40 letters or digits' })
  RAZORPAYX_ACCOUNT_NUMBER?: string;

  /** Signs RazorpayX's payout webhooks; unset: POST /webhooks/razorpayx answers 404. */
  @IsOptional() @IsString() @MinLength(8)
  RAZORPAYX_WEBHOOK_SECRET?: string;

  @Matches(/^https?:\/\/\S+[^/]$/, { message: 'RAZORPAYX_API_URL must be an http(s) URL without a trailing slash' })
  RAZORPAYX_API_URL = 'https://api.razorpay.com';

  /** Time allowed for one call to RazorpayX; a timeout or 5xx is retried (same idempotency key). */
  @WholeNumber(100, 60_000)
  RAZORPAYX_TIMEOUT_MS = 10000;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** `json` (one JSON object a line) or `pretty` (human-readable); default: pretty in development, json otherwise. */
  @IsOptional() @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** One log line per HTTP request (id, operation, principal, duration, outcome). */
  @Transform(toBoolean) @IsBoolean()
  REQUEST_LOG_ENABLED = true;

  /** Collects metrics for `GET /metrics`; off, nothing is measured and /metrics answers 404. */
  @Transform(toBoolean) @IsBoolean()
  METRICS_ENABLED = true;

  /** Bearer token `GET /metrics` requires; in production /metrics is served only when it is set. */
  @IsOptional() @IsString() @MinLength(16)
  METRICS_TOKEN?: string;

  /** The business gauges of /metrics are read from the database at most this often (the wallets' sum five times less often). */
  @WholeNumber(0)
  BUSINESS_METRICS_REFRESH_SECONDS = 60;

  /** The worker's HTTP port for /health/live, /health/ready and /metrics (0: none). */
  @WholeNumber(0, 65535)
  WORKER_PORT = 3001;

  /** On SIGTERM: how long in-flight requests and a running job batch may take before the process exits anyway. */
  @WholeNumber(0)
  SHUTDOWN_TIMEOUT_MS = 15000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get introspection(): boolean {
    return this.GRAPHQL_INTROSPECTION ?? !this.isProduction;
  }

  get logFormat(): 'json' | 'pretty' {
    return this.LOG_FORMAT ?? (this.NODE_ENV === 'development' ? 'pretty' : 'json');
  }

  /** Whether GET /metrics answers at all (production needs a token). */
  get metricsServed(): boolean {
    return this.METRICS_ENABLED && (!this.isProduction || this.METRICS_TOKEN !== undefined);
  }

  get playground(): boolean {
    return this.PLAYGROUND_ENABLED ?? this.introspection;
  }

  /** Names of secrets still at their development default. */
  defaultSecretsInUse(): string[] {
    return (Object.keys(DEFAULT_SECRETS) as (keyof typeof DEFAULT_SECRETS)[]).filter(
      (name) => this[name] === DEFAULT_SECRETS[name],
    );
  }
}

export class ConfigError extends Error {}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** Variables with no default (so absent from `new AppConfig()`'s keys). */
const OPTIONAL_VARIABLES = [
  'DATABASE_URL', 'BOT_USERNAME', 'TELEGRAM_BOT_TOKEN', 'GRAPHQL_INTROSPECTION', 'PLAYGROUND_ENABLED', 'LOG_FORMAT', 'METRICS_TOKEN',
  'RAZORPAY_KEY_ID', 'RAZORPAY_KEY_SECRET', 'RAZORPAY_WEBHOOK_SECRET', 'CASHFREE_APP_ID', 'CASHFREE_SECRET_KEY', 'CASHFREE_CHECKOUT_URL',
  'RAZORPAYX_KEY_ID', 'RAZORPAYX_KEY_SECRET', 'RAZORPAYX_ACCOUNT_NUMBER', 'RAZORPAYX_WEBHOOK_SECRET',
];

/** The API keys each PAYMENT_GATEWAY needs. */
const GATEWAY_KEYS = { none: [], razorpay: ['RAZORPAY_KEY_ID', 'RAZORPAY_KEY_SECRET'], cashfree: ['CASHFREE_APP_ID', 'CASHFREE_SECRET_KEY'] } as const;

/** Builds the config from an environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const name of [...known, ...OPTIONAL_VARIABLES]) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const problems = validateSync(config, { forbidUnknownValues: false, stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  if (!problems.some((problem) => problem.startsWith('REPORTING_TIME_ZONE')) && !isTimeZone(config.REPORTING_TIME_ZONE)) {
    problems.push(`REPORTING_TIME_ZONE: unknown time zone ${config.REPORTING_TIME_ZONE} (use an IANA name such as Asia/Kolkata)`);
  }
  for (const name of GATEWAY_KEYS[config.PAYMENT_GATEWAY] ?? []) {
    if (!config[name]) problems.push(`${name}: must be set when PAYMENT_GATEWAY=${config.PAYMENT_GATEWAY}`);
  }
  if (config.PAYOUT_PROVIDER === 'razorpayx') {
    for (const name of ['RAZORPAYX_KEY_ID', 'RAZORPAYX_KEY_SECRET', 'RAZORPAYX_ACCOUNT_NUMBER'] as const) {
      if (!config[name]) problems.push(`${name}: must be set when PAYOUT_PROVIDER=razorpayx`);
    }
  }
  if (config.isProduction) {
    for (const name of Object.keys(DEFAULT_SECRETS) as (keyof typeof DEFAULT_SECRETS)[]) {
      if (config[name] === DEFAULT_SECRETS[name]) {
        problems.push(`${name}: must be set in production (the development default is refused)`);
      } else if (config[name].length < MIN_SECRET_LENGTH[name]) {
        problems.push(`${name}: must be at least ${MIN_SECRET_LENGTH[name]} characters in production`);
      }
    }
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
