import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the bot sent through the fake Bot API. */
export interface SentMessage {
  method: string;
  chatId: number;
  text: string;
  replyMarkup?: { inline_keyboard?: { text: string; url?: string; callback_data?: string; web_app?: { url: string } }[][] };
  messageId: number;
}

export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

export const FAKE_BOT = { id: 7000000001, is_bot: true, first_name: 'OTT Bot', username: 'ott_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

/**
 * A Telegram Bot API server on loopback (POST /bot<token>/<method>, JSON), enough for a grammY
 * bot in long polling: getMe, getUpdates (long poll, offset confirms), sendMessage,
 * answerCallbackQuery, editMessageText/ReplyMarkup, setMyCommands, deleteWebhook, setWebhook.
 * It records every call. An update counts as handled once the bot asks for updates past it
 * (what grammY's bot.start() does after its handlers finish), or, with waitFor 'handled', once
 * markHandled says so (grammY's runner asks for more updates while it handles the last ones).
 */
export class FakeTelegram {
  readonly calls: { method: string; params: Record<string, any> }[] = [];
  readonly sent: SentMessage[] = [];
  waitFor: 'confirmed' | 'handled' = 'confirmed';
  /** answerCallbackQuery is refused as Telegram refuses a press older than ~15 s. */
  refuseCallbackAnswers = false;
  /** Chats whose user blocked the bot: sendMessage answers 403. */
  readonly blockedBy = new Set<number>();
  private readonly handled = new Set<number>();
  private server!: Server;
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private confirmed = 0;
  private pollers: (() => void)[] = [];
  private confirmedWaiters: (() => void)[] = [];
  url = '';

  constructor(readonly token: string) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    for (const poller of this.pollers.splice(0)) poller();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  markHandled(updateId: number): void {
    this.handled.add(updateId);
    for (const waiter of this.confirmedWaiters.splice(0)) waiter();
  }

  /** Waits until the bot has sent something to the chat since sent[since]; answers those messages. */
  async waitForMessages(chatId: number, since: number, timeoutMs = 20_000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = this.sent.slice(since).filter((message) => message.chatId === chatId);
      if (messages.length) return messages;
      if (Date.now() > deadline) throw new Error(`the bot sent nothing to chat ${chatId} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A user in a private chat with the bot. */
  user(user: FakeUser) {
    const chat = { id: user.id, type: 'private', first_name: user.first_name, username: user.username };
    const from = { ...user, is_bot: false };
    return {
      /** Sends a text message and answers what the bot sent back while handling it. */
      send: (text: string) => {
        const command = text.startsWith('/') ? text.split(/\s/)[0] : null;
        return this.push(user.id, {
          message: {
            message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from, text,
            ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
          },
        });
      },
      /** Any other message (a sticker, a photo). */
      sendRaw: (message: Record<string, unknown>) =>
        this.push(user.id, { message: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from, ...message } }),
      /** Presses an inline button of one of the bot's messages. */
      click: (data: string, messageId = this.nextMessageId) =>
        this.push(user.id, {
          callback_query: {
            id: String(this.nextUpdateId), from, chat_instance: `ci-${user.id}`, data,
            message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from: FAKE_BOT, text: '…' },
          },
        }),
    };
  }

  /** Queues an update and waits until the bot has handled it; answers what it sent to that chat meanwhile. */
  async push(chatId: number, body: Record<string, unknown>, timeoutMs = 20_000): Promise<SentMessage[]> {
    const updateId = this.nextUpdateId++;
    const before = this.sent.length;
    this.updates.push({ update_id: updateId, ...body });
    for (const poller of this.pollers.splice(0)) poller();
    const deadline = Date.now() + timeoutMs;
    const done = () => (this.waitFor === 'handled' ? this.handled.has(updateId) : this.confirmed > updateId);
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`the bot did not handle update ${updateId} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.confirmedWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.sent.slice(before).filter((message) => message.chatId === chatId);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const params: Record<string, any> = raw ? (request.headers['content-type']?.includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw))) : {};
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!match || match[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2];
    this.calls.push({ method, params });
    const ok = (result: unknown) => reply(200, { ok: true, result });
    switch (method) {
      case 'getMe':
        return ok(FAKE_BOT);
      case 'getUpdates':
        return ok(await this.getUpdates(params));
      case 'answerCallbackQuery':
        if (this.refuseCallbackAnswers) {
          return reply(400, { ok: false, error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' });
        }
        return ok(true);
      case 'sendMessage':
      case 'editMessageText': {
        if (this.blockedBy.has(Number(params.chat_id))) return reply(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
        const messageId = method === 'sendMessage' ? this.nextMessageId++ : Number(params.message_id);
        const chatId = Number(params.chat_id);
        const replyMarkup = typeof params.reply_markup === 'string' ? JSON.parse(params.reply_markup) : params.reply_markup;
        this.sent.push({ method, chatId, text: String(params.text), replyMarkup, messageId });
        return ok({ message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: FAKE_BOT, text: params.text });
      }
      default:
        // answerCallbackQuery, editMessageReplyMarkup, setMyCommands, deleteWebhook, setWebhook, …
        return ok(true);
    }
  }

  private async getUpdates(params: Record<string, any>): Promise<unknown[]> {
    const offset = Number(params.offset ?? 0);
    if (offset > this.confirmed) {
      this.confirmed = offset;
      for (const waiter of this.confirmedWaiters.splice(0)) waiter();
    }
    const ready = () => this.updates.filter((update) => (update.update_id as number) >= offset);
    if (!ready().length) {
      // long poll, kept short so a stopping bot is not held up
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(Number(params.timeout ?? 0), 1) * 1000);
        this.pollers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return ready();
  }
}
