import type { Bot } from 'grammy';
import { loadBotConfig } from '../../src/bot/bot-config.js';
import { type BotContext, createBot } from '../../src/bot/bot.js';
import { ApiProxy } from './api-proxy.js';
import { FakeTelegram, type SentMessage } from './fake-telegram.js';
import { BOT_API_KEY, type TestApp } from './test-app.js';

export const BOT_TOKEN = '7000000001:AAtest-token-for-the-fake-bot-api_0123';

export interface BotHarness {
  telegram: FakeTelegram;
  proxy: ApiProxy;
  bot: Bot<BotContext>;
  warnings: string[];
  stop(): Promise<void>;
}

/**
 * The production bot (createBot) in long polling against a fake Telegram Bot API, talking to
 * the test app through a proxy that can fail on demand. Stops in the right order.
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
  const bot = createBot(config, {
    apiRetryDelays: [100, 200, 400],
    logger: { log: () => undefined, warn: (message: string) => warnings.push(message), error: (message: string) => warnings.push(message) },
  });
  const polling = bot.start({ drop_pending_updates: false });
  return {
    telegram,
    proxy,
    bot,
    warnings,
    stop: async () => {
      await bot.stop();
      await polling;
      await telegram.stop();
      await proxy.stop();
    },
  };
}

export const texts = (messages: SentMessage[]) => messages.map((message) => message.text).join('\n---\n');
export const buttons = (message: SentMessage) => message.replyMarkup?.inline_keyboard?.flat() ?? [];
