/** The bot's configuration, from the environment, validated at start-up. */
export interface BotConfig {
  /** From BotFather. */
  token: string;
  /** The API's GraphQL endpoint, e.g. http://api:3000/graphql. */
  apiUrl: string;
  apiKey: string;
  /** Telegram's Bot API server (tests point it at a local one). */
  telegramApiRoot: string;
  /** Set: webhook mode (Telegram posts updates to it); unset: long polling. */
  webhookUrl?: string;
  /** Where the webhook server listens (behind a TLS proxy that answers webhookUrl). */
  webhookPort: number;
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token on every webhook call. */
  webhookSecret?: string;
  /**
   * The verification Mini App, https only (Telegram refuses other web_app buttons); defaults to
   * API_URL's /miniapp/ when that is https. Unset: users asked to verify are told it is unavailable.
   */
  miniAppUrl?: string;
  /** Shown in payment instructions when the API has no payment gateway. */
  paymentUpiId?: string;
  /** Messages a chat may send within rateLimitWindowMs before the bot stops answering for a moment. */
  rateLimitMessages: number;
  rateLimitWindowMs: number;
}

export class BotConfigError extends Error {}

const TOKEN_PATTERN = /^\d{1,20}:[A-Za-z0-9_-]{20,100}$/;

function httpUrl(value: string, requireHttps = false): boolean {
  try {
    const url = new URL(value);
    return requireHttps ? url.protocol === 'https:' : url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function positiveInt(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  return /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

/** Reads and checks every variable; throws a BotConfigError naming each bad one. */
export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const problems: string[] = [];
  const read = (name: string) => env[name]?.trim() || undefined;

  const token = read('TELEGRAM_BOT_TOKEN');
  if (!token) problems.push('TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and paste its token');
  else if (!TOKEN_PATTERN.test(token)) problems.push('TELEGRAM_BOT_TOKEN does not look like a BotFather token (123456789:AA…)');

  const apiUrl = read('API_URL');
  if (!apiUrl) problems.push('API_URL is not set: the API’s GraphQL endpoint, e.g. http://localhost:3000/graphql');
  else if (!httpUrl(apiUrl)) problems.push('API_URL must be an http:// or https:// URL');

  const apiKey = read('BOT_API_KEY');
  if (!apiKey) problems.push('BOT_API_KEY is not set: the same value the API has');

  const telegramApiRoot = (read('TELEGRAM_API_ROOT') ?? 'https://api.telegram.org').replace(/\/+$/, '');
  if (!httpUrl(telegramApiRoot)) problems.push('TELEGRAM_API_ROOT must be an http:// or https:// URL');

  const webhookUrl = read('TELEGRAM_WEBHOOK_URL');
  if (webhookUrl && !httpUrl(webhookUrl, true)) problems.push('TELEGRAM_WEBHOOK_URL must be an https:// URL (Telegram only calls HTTPS webhooks)');
  const webhookSecret = read('TELEGRAM_WEBHOOK_SECRET');
  if (webhookSecret && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) problems.push('TELEGRAM_WEBHOOK_SECRET may only hold letters, digits, _ and - (at most 256)');
  const webhookPort = positiveInt(read('BOT_WEBHOOK_PORT'), 8080);
  if (webhookPort === null || webhookPort > 65535) problems.push('BOT_WEBHOOK_PORT must be a port number');

  let miniAppUrl = read('MINIAPP_URL');
  if (miniAppUrl && !httpUrl(miniAppUrl, true)) problems.push('MINIAPP_URL must be an https:// URL (Telegram opens Mini Apps over HTTPS only)');
  if (!miniAppUrl && apiUrl && httpUrl(apiUrl, true)) miniAppUrl = new URL('/miniapp/', apiUrl).toString();

  const paymentUpiId = read('PAYMENT_UPI_ID');
  const rateLimitMessages = positiveInt(read('BOT_RATE_LIMIT_MESSAGES'), 5);
  const rateLimitSeconds = positiveInt(read('BOT_RATE_LIMIT_SECONDS'), 3);
  if (rateLimitMessages === null) problems.push('BOT_RATE_LIMIT_MESSAGES must be a positive whole number');
  if (rateLimitSeconds === null) problems.push('BOT_RATE_LIMIT_SECONDS must be a positive whole number');

  if (problems.length) throw new BotConfigError(`Invalid bot configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    token: token!,
    apiUrl: apiUrl!,
    apiKey: apiKey!,
    telegramApiRoot,
    webhookUrl,
    webhookPort: webhookPort!,
    webhookSecret,
    miniAppUrl,
    paymentUpiId,
    rateLimitMessages: rateLimitMessages!,
    rateLimitWindowMs: rateLimitSeconds! * 1000,
  };
}
