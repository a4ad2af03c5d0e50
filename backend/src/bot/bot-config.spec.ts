import { describe, expect, it } from '@jest/globals';
import { BotConfigError, loadBotConfig } from './bot-config.js';

const VALID = { TELEGRAM_BOT_TOKEN: '123456789:AAexample-token_abcdefghijkl', API_URL: 'http://api:3000/graphql', BOT_API_KEY: 'key-0123456789' };

describe('bot configuration', () => {
  it('defaults to Telegram’s Bot API, long polling and the API’s Mini App when the API is on https', () => {
    const config = loadBotConfig(VALID);
    expect(config).toMatchObject({ telegramApiRoot: 'https://api.telegram.org', webhookUrl: undefined, miniAppUrl: undefined });
    expect(loadBotConfig({ ...VALID, API_URL: 'https://api.example.com/graphql' }).miniAppUrl).toBe('https://api.example.com/miniapp/');
  });

  it('refuses an http:// MINIAPP_URL: Telegram only opens Mini Apps over HTTPS', () => {
    expect(() => loadBotConfig({ ...VALID, MINIAPP_URL: 'http://app:3000/miniapp/' })).toThrow('MINIAPP_URL must be an https:// URL');
    expect(loadBotConfig({ ...VALID, MINIAPP_URL: 'https://ott.example.com/miniapp/' }).miniAppUrl).toBe('https://ott.example.com/miniapp/');
  });

  it('names every missing or bad variable at once', () => {
    let message = '';
    try {
      loadBotConfig({ TELEGRAM_BOT_TOKEN: 'nope', API_URL: 'ftp://x', TELEGRAM_WEBHOOK_URL: 'http://insecure.example/hook' });
    } catch (error) {
      expect(error).toBeInstanceOf(BotConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('TELEGRAM_BOT_TOKEN does not look like a BotFather token');
    expect(message).toContain('API_URL must be an http:// or https:// URL');
    expect(message).toContain('BOT_API_KEY is not set');
    expect(message).toContain('TELEGRAM_WEBHOOK_URL must be an https:// URL');
  });

  it('takes webhook mode and a local Bot API server', () => {
    const config = loadBotConfig({ ...VALID, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' });
    expect(config.webhookUrl).toBe('https://bot.example.com/tg');
    expect(config.telegramApiRoot).toBe('http://127.0.0.1:8081');
  });
});
