import { createServer } from 'node:http';
import { webhookCallback } from 'grammy';
import { ApiClient } from './api-client.js';
import { BotConfigError, loadBotConfig } from './bot-config.js';
import { createBot, publishCommands } from './bot.js';
import { ProgramTermsDocument } from './graphql/generated.js';

/**
 * The reference bot as a process of its own (`npm run start:bot`): long polling, or a webhook
 * server when TELEGRAM_WEBHOOK_URL is set. SIGTERM/SIGINT stop it cleanly: polling ends after
 * the update in hand (and its offset is confirmed), the webhook server stops accepting calls.
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

  try {
    await bot.init();
  } catch (error) {
    console.error(`Telegram refused the bot token or could not be reached (${config.telegramApiRoot}): ${(error as Error).message}`);
    process.exit(1);
  }
  // The API answering now is not required (the bot apologises while it is down), but say so early.
  await new ApiClient({ url: config.apiUrl, apiKey: config.apiKey, retryDelays: [] })
    .request(ProgramTermsDocument)
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
    await bot.api.setWebhook(config.webhookUrl, { secret_token: config.webhookSecret, allowed_updates: ['message', 'callback_query'] });
    stop = () => new Promise((resolve) => server.close(() => resolve()));
    console.log(`@${bot.botInfo.username} is running with a webhook at ${config.webhookUrl} (listening on port ${config.webhookPort})`);
    return;
  }
  stop = () => bot.stop();
  console.log(`@${bot.botInfo.username} is running (long polling)`);
  await bot.start({ allowed_updates: ['message', 'callback_query'], drop_pending_updates: false });
}

void main().catch((error: Error) => {
  console.error(`The bot stopped: ${error.message}`);
  process.exit(1);
});
