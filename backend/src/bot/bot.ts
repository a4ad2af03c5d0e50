import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { Bot, type Context, InlineKeyboard, MemorySessionStorage, session, type SessionFlavor } from 'grammy';
import { UPI_ID_PATTERN } from '../common/upi.js';
import { ApiClient, ApiError, ApiUnavailableError } from './api-client.js';
import type { BotConfig } from './bot-config.js';
import {
  CreateOrderDocument,
  CreatePaymentLinkDocument,
  HistoryDocument,
  OrderStatusDocument,
  ProgramTermsDocument,
  ReferralsDocument,
  RegisterUserDocument,
  RequestWithdrawalDocument,
  UserStatusDocument,
  WalletDocument,
  type ProgramTermsQuery,
} from './graphql/generated.js';
import { parseRupees } from './money-format.js';
import { type Catalogue, type Language, languageOf, TEXTS } from './texts.js';

type Terms = ProgramTermsQuery['programTerms'];

interface WithdrawState {
  step: 'amount' | 'upi' | 'confirm';
  available: number;
  minimum: number;
  amount?: number;
  upiId?: string;
}

export interface SessionData {
  /** Orders created here and not yet seen paid: announced when the bot next talks to the user. */
  pendingOrders: string[];
  withdraw?: WithdrawState;
}

export type BotContext = Context & SessionFlavor<SessionData> & { t: Catalogue; language: Language };

export interface BotOptions {
  /** Delays between retries of a failed API call (ms); tests shorten them. */
  apiRetryDelays?: number[];
  logger?: Pick<Console, 'warn' | 'error' | 'log'>;
}

const MENU_ACTIONS = ['buy', 'wallet', 'referrals', 'history', 'withdraw', 'help'] as const;
type MenuAction = (typeof MENU_ACTIONS)[number];
const MAX_PENDING_ORDERS = 5;
const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/** A fresh order per attempt of the day once the day's first is no longer payable. */
const MAX_ORDERS_PER_DAY = 5;

function displayName(user: { first_name?: string; username?: string } | undefined, fallback: string): string {
  return user?.first_name?.trim() || (user?.username ? `@${user.username}` : fallback);
}

/** The day in India, for the per-day idempotency key of /buy. */
function indianDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(now).replaceAll('-', '');
}

/**
 * The reference Telegram bot, a client of the API. Everything a user sees comes from the
 * catalogue in texts.ts; every API refusal becomes a sentence, an unreachable API an apology.
 */
export function createBot(config: BotConfig, options: BotOptions = {}): Bot<BotContext> {
  const logger = options.logger ?? console;
  const api = new ApiClient({ url: config.apiUrl, apiKey: config.apiKey, retryDelays: options.apiRetryDelays, logger });
  const bot = new Bot<BotContext>(config.token, { client: { apiRoot: config.telegramApiRoot } });
  // Telegram's 429 (retry_after) and 5xx answers are retried rather than lost
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }));

  const terms = async (): Promise<Terms> => (await api.request(ProgramTermsDocument)).programTerms;
  const telegramIdOf = (ctx: BotContext) => String(ctx.from!.id);

  const menu = (t: Catalogue) =>
    new InlineKeyboard()
      .text(t.menuBuy, 'menu:buy').text(t.menuWallet, 'menu:wallet').row()
      .text(t.menuReferrals, 'menu:referrals').text(t.menuHistory, 'menu:history').row()
      .text(t.menuWithdraw, 'menu:withdraw').text(t.menuHelp, 'menu:help');

  const register = (ctx: BotContext, referralCode?: string) =>
    api.request(RegisterUserDocument, {
      input: {
        telegramId: telegramIdOf(ctx),
        username: ctx.from?.username,
        firstName: ctx.from?.first_name,
        lastName: ctx.from?.last_name,
        referralCode,
      },
    });

  /** Runs a call about the user; an unknown user (never sent /start) is registered first. */
  async function asUser<T>(ctx: BotContext, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'NOT_FOUND')) throw error;
      await register(ctx);
      return call();
    }
  }

  /** When device verification is required and this user has not verified: asks for it and answers false. */
  async function verified(ctx: BotContext, current: Terms): Promise<boolean> {
    if (!current.deviceVerificationRequired) return true;
    const { userByTelegramId: user } = await api.request(UserStatusDocument, { telegramId: telegramIdOf(ctx) });
    if (user?.deviceVerifiedAt) return true;
    await ctx.reply(ctx.t.verifyFirst, { reply_markup: new InlineKeyboard().webApp(ctx.t.verifyButton, config.miniAppUrl) });
    return false;
  }

  async function start(ctx: BotContext) {
    const payload = typeof ctx.match === 'string' ? ctx.match.trim() : '';
    const referralCode = /^ref_[A-Za-z0-9]{1,60}$/i.test(payload) ? payload : undefined;
    const [{ userByTelegramId: known }, current] = await Promise.all([api.request(UserStatusDocument, { telegramId: telegramIdOf(ctx) }), terms()]);
    const { registerUser: user } = await register(ctx, referralCode);
    const t = ctx.t;
    const name = displayName(ctx.from, t.someone);
    const isNew = !known;
    const link = `https://t.me/${ctx.me.username}?start=ref_${user.referralCode}`;
    const referrer = user.referredBy ? user.referredBy.firstName || (user.referredBy.username ? `@${user.referredBy.username}` : null) : null;
    const lines = [isNew ? t.welcomeNew(name) : t.welcomeBack(name)];
    if (isNew && referrer) lines.push(t.referredBy(referrer));
    lines.push('', t.yourLink(link), '', t.rules(current));
    const share = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(t.shareText(current))}`;
    const keyboard = new InlineKeyboard().url(t.shareButton, share).row();
    keyboard.inline_keyboard.push(...menu(t).inline_keyboard);
    await ctx.reply(lines.join('\n'), { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  }

  async function buy(ctx: BotContext) {
    const current = await terms();
    if (!(await verified(ctx, current))) return;
    const day = indianDay();
    for (let attempt = 1; attempt <= MAX_ORDERS_PER_DAY; attempt++) {
      const idempotencyKey = `tg-${ctx.chat!.id}-${day}${attempt > 1 ? `-${attempt}` : ''}`;
      const { createOrder: order } = await asUser(ctx, () =>
        api.request(CreateOrderDocument, { input: { telegramId: telegramIdOf(ctx), paymentMethod: 'UPI', idempotencyKey } }),
      );
      if (order.status !== 'PENDING') continue;
      const t = ctx.t;
      const text = [t.orderCreated(order.productName, order.amount, order.id)];
      const paymentUrl = order.paymentUrl ?? (await paymentLink(order.id));
      let keyboard: InlineKeyboard | undefined;
      if (paymentUrl) {
        text.push(t.payWithLink);
        keyboard = new InlineKeyboard().url(t.payButton(order.amount), paymentUrl);
      } else {
        text.push(t.payInstructions(order.amount, order.paymentReference, config.paymentUpiId));
      }
      ctx.session.pendingOrders = [...ctx.session.pendingOrders.filter((id) => id !== order.id), order.id].slice(-MAX_PENDING_ORDERS);
      await ctx.reply(text.join('\n\n'), keyboard ? { reply_markup: keyboard } : {});
      return;
    }
    await ctx.reply(ctx.t.tooManyOrders, { reply_markup: menu(ctx.t) });
  }

  /** A payment link for an order created without one; null when the API has no payment gateway. */
  async function paymentLink(orderId: string): Promise<string | null> {
    try {
      return (await api.request(CreatePaymentLinkDocument, { orderId })).createPaymentLink.paymentUrl ?? null;
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'PAYMENT_GATEWAY_NOT_CONFIGURED') return null;
      throw error;
    }
  }

  async function wallet(ctx: BotContext) {
    const { wallet: w } = await asUser(ctx, () => api.request(WalletDocument, { telegramId: telegramIdOf(ctx) }));
    const text = ctx.t.wallet(w, ctx.language) + (w.available < 0 ? `\n\n${ctx.t.walletDebt}` : '');
    await ctx.reply(text, { reply_markup: menu(ctx.t) });
  }

  async function referrals(ctx: BotContext) {
    const { referralStats: stats, referralTree: tree } = await asUser(ctx, () => api.request(ReferralsDocument, { telegramId: telegramIdOf(ctx) }));
    const shown = tree.children.map((child) => ({
      name: child.user.firstName || (child.user.username ? `@${child.user.username}` : ctx.t.someone),
      converted: child.converted,
    }));
    await ctx.reply(ctx.t.referrals({ ...stats, shown, total: tree.childrenCount }), { reply_markup: menu(ctx.t) });
  }

  async function history(ctx: BotContext) {
    const { walletTransactions: entries } = await asUser(ctx, () => api.request(HistoryDocument, { telegramId: telegramIdOf(ctx) }));
    const t = ctx.t;
    const text = entries.length
      ? [t.historyTitle, ...entries.map((entry) => t.ledger(entry.type, entry.amount, entry.createdAt, ctx.language))].join('\n')
      : t.historyEmpty;
    await ctx.reply(text, { reply_markup: menu(t) });
  }

  async function help(ctx: BotContext) {
    await ctx.reply(ctx.t.help(await terms()), { reply_markup: menu(ctx.t) });
  }

  async function withdraw(ctx: BotContext) {
    const current = await terms();
    if (!current.withdrawalsEnabled) return void (await ctx.reply(ctx.t.withdrawDisabled));
    if (!(await verified(ctx, current))) return;
    const { wallet: w } = await asUser(ctx, () => api.request(WalletDocument, { telegramId: telegramIdOf(ctx) }));
    if (w.available < current.minWithdrawalAmount) {
      return void (await ctx.reply(ctx.t.withdrawTooLittle(w.available, current.minWithdrawalAmount), { reply_markup: menu(ctx.t) }));
    }
    ctx.session.withdraw = { step: 'amount', available: w.available, minimum: current.minWithdrawalAmount };
    await ctx.reply(ctx.t.withdrawAskAmount(w.available, current.minWithdrawalAmount));
  }

  /** A text while a withdrawal is being asked for: the amount, then the UPI id. */
  async function withdrawStep(ctx: BotContext, state: WithdrawState, text: string) {
    const t = ctx.t;
    if (state.step === 'amount') {
      const amount = parseRupees(text);
      if (amount === null) return void (await ctx.reply(t.withdrawBadAmount));
      if (amount < state.minimum) return void (await ctx.reply(t.withdrawBelowMinimum(state.minimum)));
      if (amount > state.available) return void (await ctx.reply(t.withdrawOverBalance(state.available)));
      ctx.session.withdraw = { ...state, step: 'upi', amount };
      return void (await ctx.reply(t.withdrawAskUpi));
    }
    if (state.step === 'upi') {
      const upiId = text.trim();
      if (!UPI_ID_PATTERN.test(upiId)) return void (await ctx.reply(t.withdrawBadUpi));
      ctx.session.withdraw = { ...state, step: 'confirm', upiId };
      const keyboard = new InlineKeyboard().text(t.confirmButton, 'withdraw:confirm').text(t.cancelButton, 'withdraw:cancel');
      return void (await ctx.reply(t.withdrawConfirm(state.amount!, upiId), { reply_markup: keyboard }));
    }
    // waiting for the confirm button: a text repeats the question
    const keyboard = new InlineKeyboard().text(t.confirmButton, 'withdraw:confirm').text(t.cancelButton, 'withdraw:cancel');
    await ctx.reply(t.withdrawConfirm(state.amount!, state.upiId!), { reply_markup: keyboard });
  }

  async function confirmWithdrawal(ctx: BotContext) {
    const state = ctx.session.withdraw;
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (state?.step !== 'confirm') return void (await ctx.reply(ctx.t.staleButton, { reply_markup: menu(ctx.t) }));
    ctx.session.withdraw = undefined;
    const { requestWithdrawal: request } = await asUser(ctx, () =>
      api.request(RequestWithdrawalDocument, { input: { telegramId: telegramIdOf(ctx), amount: state.amount!, upiId: state.upiId! } }),
    );
    await ctx.reply(ctx.t.withdrawRequested(request.amount, request.upiId), { reply_markup: menu(ctx.t) });
  }

  const actions: Record<MenuAction, (ctx: BotContext) => Promise<void>> = { buy, wallet, referrals, history, withdraw, help };

  /** Every handler runs through this: refusals explained, outages apologised for, nothing raw ever shown. */
  const guarded = <C extends BotContext>(handler: (ctx: C) => Promise<void>) => async (ctx: C) => {
    try {
      await handler(ctx);
    } catch (error) {
      await explain(ctx, error);
    }
  };

  async function explain(ctx: BotContext, error: unknown) {
    const t = ctx.t ?? TEXTS.en;
    let text: string;
    if (error instanceof ApiError) {
      const sentence = (error.reason && t.errors[error.reason]) || t.errors[error.code];
      text = sentence ? sentence(error.details) : t.apology;
      if (!sentence || error.code === 'INTERNAL_SERVER_ERROR') logger.warn(`API refused with ${error.code}/${error.reason}: ${error.message}`);
    } else if (error instanceof ApiUnavailableError) {
      logger.warn(`API unavailable: ${error.message}`);
      text = t.serviceDown;
    } else {
      logger.error(`Bot handler failed: ${(error as Error)?.stack ?? String(error)}`);
      text = t.apology;
    }
    try {
      ctx.session.withdraw = undefined;
    } catch {
      // an update without a chat has no session
    }
    await ctx.reply(text).catch((replyError: unknown) => logger.error(`Could not send the apology: ${String(replyError)}`));
  }

  bot.catch(async (error) => {
    await explain(error.ctx as BotContext, error.error);
  });

  // per chat: a flood of messages is answered once with a request to slow down, then ignored
  const warned = new Map<string, number>();
  bot.use(
    limit({
      timeFrame: config.rateLimitWindowMs,
      limit: config.rateLimitMessages,
      keyGenerator: (ctx) => (ctx.chat ?? ctx.from)?.id.toString(),
      onLimitExceeded: async (ctx) => {
        const key = String((ctx.chat ?? ctx.from)?.id);
        const now = Date.now();
        if ((warned.get(key) ?? 0) > now - config.rateLimitWindowMs) return;
        warned.set(key, now);
        if (warned.size > 10_000) warned.clear();
        await ctx.reply(TEXTS[languageOf(ctx.from?.language_code)].slowDown).catch(() => undefined);
      },
    }),
  );

  bot.use(async (ctx, next) => {
    ctx.language = languageOf(ctx.from?.language_code);
    ctx.t = TEXTS[ctx.language];
    await next();
  });
  bot.use(
    session({
      initial: (): SessionData => ({ pendingOrders: [] }),
      getSessionKey: (ctx) => ctx.chat?.id.toString(),
      // a chat's state is forgotten a day after its last message, so memory stays bounded
      storage: new MemorySessionStorage<SessionData>(SESSION_TTL_MS),
    }),
  );

  // Only private chats: a bot added to a group stays quiet there.
  const privateChats = bot.chatType('private');

  // a paid order is announced before whatever the user asked for next
  privateChats.use(async (ctx, next) => {
    if (ctx.session.pendingOrders.length) {
      const still: string[] = [];
      for (const id of ctx.session.pendingOrders) {
        try {
          const { order } = await api.request(OrderStatusDocument, { id });
          if (order?.status === 'PAID') await ctx.reply(ctx.t.orderPaid(order.id, order.productName));
          else if (order?.status === 'PENDING') still.push(id);
        } catch (error) {
          logger.warn(`Could not check order ${id}: ${(error as Error).message}`);
          still.push(id);
        }
      }
      ctx.session.pendingOrders = still;
    }
    await next();
  });

  privateChats.command('start', guarded(async (ctx) => {
    ctx.session.withdraw = undefined;
    await start(ctx);
  }));
  for (const action of MENU_ACTIONS) {
    privateChats.command(action, guarded(async (ctx) => {
      ctx.session.withdraw = undefined;
      await actions[action](ctx);
    }));
  }
  privateChats.command('cancel', guarded(async (ctx) => {
    const active = ctx.session.withdraw !== undefined;
    ctx.session.withdraw = undefined;
    await ctx.reply(active ? ctx.t.cancelled : ctx.t.nothingToCancel, { reply_markup: menu(ctx.t) });
  }));

  privateChats.callbackQuery(/^menu:(\w+)$/, guarded(async (ctx) => {
    await ctx.answerCallbackQuery();
    const action = (ctx.match as RegExpMatchArray)[1] as MenuAction;
    ctx.session.withdraw = undefined;
    if (MENU_ACTIONS.includes(action)) await actions[action](ctx);
    else await ctx.reply(ctx.t.staleButton, { reply_markup: menu(ctx.t) });
  }));
  privateChats.callbackQuery('withdraw:confirm', guarded(async (ctx) => {
    await ctx.answerCallbackQuery();
    await confirmWithdrawal(ctx);
  }));
  privateChats.callbackQuery('withdraw:cancel', guarded(async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    ctx.session.withdraw = undefined;
    await ctx.reply(ctx.t.cancelled, { reply_markup: menu(ctx.t) });
  }));
  privateChats.on('callback_query', guarded(async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t.staleButton, { reply_markup: menu(ctx.t) });
  }));

  privateChats.on('message:text', guarded(async (ctx) => {
    const state = ctx.session.withdraw;
    if (state && !ctx.message.text.startsWith('/')) return withdrawStep(ctx, state, ctx.message.text);
    await ctx.reply(ctx.t.unknown, { reply_markup: menu(ctx.t) });
  }));
  privateChats.on('message', guarded(async (ctx) => {
    await ctx.reply(ctx.t.unknown, { reply_markup: menu(ctx.t) });
  }));

  return bot;
}

/** The command list Telegram shows in its menu, in each language. */
export async function publishCommands(bot: Bot<BotContext>): Promise<void> {
  for (const language of ['en', 'hi'] as const) {
    const described = TEXTS[language].commands;
    const commands = Object.entries(described).map(([command, description]) => ({ command, description }));
    await bot.api.setMyCommands(commands, language === 'en' ? {} : { language_code: language });
  }
}
