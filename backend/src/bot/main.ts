import { createServer } from 'node:http';
import { webhookCallback } from 'grammy';
import { ApiClient } from './api-client.js';
import { BotConfigError, loadBotConfig } from './bot-config.js';
import { ALLOWED_UPDATES, createBot, publishCommands, startPolling } from './bot.js';
import { ProgramTermsDocument } from './graphql/generated.js';

/** How long start-up waits for Telegram's getMe before it gives up with a clear message. */
const TELEGRAM_START_TIMEOUT_MS = 15_000;

/**
 * The reference bot as a process of its own (`npm run start:bot`): long polling (grammY's runner,
 * chats in parallel), or a webhook server when TELEGRAM_WEBHOOK_URL is set. SIGTERM/SIGINT stop it
 * cleanly: polling fetches nothing more and the updates in hand are finished, the webhook server
 * stops accepting calls.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadBotConfig();
  } catch (error) {
    if (error instanceof BotConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const bot = createBot(config);
  let stop: () => Promise<void> = async () => undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping the bot`);
    void stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  if (!config.miniAppUrl) {
    console.warn(
      'No https Mini App address (MINIAPP_URL unset and API_URL not https): while device_verification_required is on, ' +
        'users asked to verify are told verification is unavailable. Set MINIAPP_URL to the public https address of /miniapp/.',
    );
  }
  try {
    // getMe itself rather than bot.init(), which retries network errors without end; grammY types
    // the signal with the abort-controller shim, the platform's is the same at run time
    bot.botInfo = await bot.api.getMe(AbortSignal.timeout(TELEGRAM_START_TIMEOUT_MS) as unknown as Parameters<typeof bot.api.getMe>[0]);
  } catch (error) {
    console.error(`Telegram refused the bot token or could not be reached (${config.telegramApiRoot}): ${(error as Error).message}`);
    process.exit(1);
  }
  // The API answering now is not required (the bot apologises while it is down), but say so early.
  await new ApiClient({ url: config.apiUrl, apiKey: config.apiKey, retryDelays: [] })
    .request(ProgramTermsDocument, {})
    .then(() => console.log(`API reachable at ${config.apiUrl}`))
    .catch((error: Error) => console.warn(`The API at ${config.apiUrl} does not answer yet (${error.message}); the bot starts anyway`));
  await publishCommands(bot).catch((error: Error) => console.warn(`Could not publish the command list: ${error.message}`));

  if (config.webhookUrl) {
    const handle = webhookCallback(bot, 'http', { secretToken: config.webhookSecret });
    const path = new URL(config.webhookUrl).pathname;
    const server = createServer((request, response) => {
      if (request.method === 'POST' && request.url?.split('?')[0] === path) return void handle(request, response);
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(config.webhookPort, resolve));
    await bot.api.setWebhook(config.webhookUrl, { secret_token: config.webhookSecret, allowed_updates: ALLOWED_UPDATES });
    stop = () => new Promise((resolve) => server.close(() => resolve()));
    console.log(`@${bot.botInfo.username} is running with a webhook at ${config.webhookUrl} (listening on port ${config.webhookPort})`);
    return;
  }
  const polling = await startPolling(bot);
  stop = polling.stop;
  console.log(`@${bot.botInfo.username} is running (long polling)`);
  await polling.task;
}

void main().catch((error: Error) => {
  console.error(`The bot stopped: ${error.message}`);
  process.exit(1);
});
