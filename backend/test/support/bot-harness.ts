import type { Bot, BotError } from 'grammy';
import { type BotConfig, loadBotConfig } from '../../src/bot/bot-config.js';
import { type BotContext, createBot, startPolling } from '../../src/bot/bot.js';
import { ApiProxy } from './api-proxy.js';
import { FakeTelegram, type SentMessage } from './fake-telegram.js';
import { BOT_API_KEY, type TestApp } from './test-app.js';

export const BOT_TOKEN = '7000000001:AAtest-token-for-the-fake-bot-api_0123';

export interface BotHarness {
  telegram: FakeTelegram;
  proxy: ApiProxy;
  bot: Bot<BotContext>;
  /** Read by the bot at each use: a test may change a value (miniAppUrl). */
  config: BotConfig;
  warnings: string[];
  /** What the bot logged at info level. */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * The production bot (createBot) in long polling (startPolling: grammY's runner) against a fake
 * Telegram Bot API, talking to the test app through a proxy that can fail on demand. An update
 * counts as handled when the bot's handleUpdate has finished. Stops in the right order.
 */
export async function startBot(t: TestApp, env: Record<string, string> = {}): Promise<BotHarness> {
  const proxy = new ApiProxy(t.url);
  await proxy.start();
  const telegram = new FakeTelegram(BOT_TOKEN);
  await telegram.start();
  const config = loadBotConfig({
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    API_URL: `${proxy.url}/graphql`,
    BOT_API_KEY,
    TELEGRAM_API_ROOT: telegram.url,
    BOT_RATE_LIMIT_MESSAGES: '30',
    BOT_RATE_LIMIT_SECONDS: '10',
    ...env,
  });
  const warnings: string[] = [];
  const logs: string[] = [];
  const bot = createBot(config, {
    apiRetryDelays: [100, 200, 400],
    apiTimeoutMs: 3000,
    apiBudgetMs: 6000,
    logger: { log: (message: string) => logs.push(message), warn: (message: string) => warnings.push(message), error: (message: string) => warnings.push(message) },
  });
  telegram.waitFor = 'handled';
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhookReplyEnvelope) => {
    try {
      await handleUpdate(update, webhookReplyEnvelope);
    } catch (error) {
      // what the runner does with it, before the update counts as handled
      await bot.errorHandler(error as BotError<BotContext>);
    } finally {
      telegram.markHandled(update.update_id);
    }
  };
  const polling = await startPolling(bot);
  return {
    telegram,
    proxy,
    bot,
    config,
    warnings,
    logs,
    stop: async () => {
      await polling.stop();
      await telegram.stop();
      await proxy.stop();
    },
  };
}

export const texts = (messages: SentMessage[]) => messages.map((message) => message.text).join('\n---\n');
export const buttons = (message: SentMessage) => message.replyMarkup?.inline_keyboard?.flat() ?? [];
