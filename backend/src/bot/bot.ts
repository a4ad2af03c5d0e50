import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { run, sequentialize } from '@grammyjs/runner';
import { Bot, type Context, GrammyError, HttpError, InlineKeyboard, MemorySessionStorage, session, type SessionFlavor } from 'grammy';
import { UPI_ID_PATTERN } from '../common/upi.js';
import { ApiClient, ApiError, ApiOutcomeUnknownError, type ApiScope, ApiUnavailableError } from './api-client.js';
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
  /** The referral code of a /start that could not register the user yet (an API outage): used once they are. */
  referralCode?: string;
}

/** `backend`: this update's calls to the API, sharing one time budget. */
export type BotContext = Context & SessionFlavor<SessionData> & { t: Catalogue; language: Language; backend: ApiScope };

export interface BotOptions {
  /** Delays between retries of a failed API call (ms); tests shorten them. */
  apiRetryDelays?: number[];
  /** Per API request, and for all the API calls of one update (ms); tests shorten them. */
  apiTimeoutMs?: number;
  apiBudgetMs?: number;
  logger?: Pick<Console, 'warn' | 'error' | 'log'>;
}

export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

const MENU_ACTIONS = ['buy', 'wallet', 'referrals', 'history', 'withdraw', 'help'] as const;
type MenuAction = (typeof MENU_ACTIONS)[number];
const MAX_PENDING_ORDERS = 5;
const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/** A fresh order per attempt of the day once the day's first is no longer payable. */
const MAX_ORDERS_PER_DAY = 5;

/** Format characters (zero-width spaces, joiners, direction marks) and blank fillers: a name of only these shows as nothing. */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;

function displayName(user: { first_name?: string | null; firstName?: string | null; username?: string | null } | null | undefined, fallback: string): string {
  const first = (user?.first_name ?? user?.firstName ?? '').trim();
  if (first.replace(INVISIBLE, '').trim()) return first;
  return user?.username ? `@${user.username}` : fallback;
}

/** The day in India, for the per-day idempotency key of /buy. */
function indianDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(now).replaceAll('-', '');
}

/** An example amount a user may type: the minimum in whole rupees when it is whole. */
const exampleAmount = (paise: number) => (paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2));
const ZERO_AMOUNT = /^\s*(₹|rs\.?|inr)?\s*0+(\.0{1,2})?\s*$/i;

/**
 * The reference Telegram bot, a client of the API. Everything a user sees comes from the
 * catalogue in texts.ts; every API refusal becomes a sentence, an unreachable API an apology.
 * Updates of different chats are handled concurrently, those of one chat in order (sequentialize).
 */
export function createBot(config: BotConfig, options: BotOptions = {}): Bot<BotContext> {
  const logger = options.logger ?? console;
  const api = new ApiClient({
    url: config.apiUrl,
    apiKey: config.apiKey,
    retryDelays: options.apiRetryDelays,
    timeoutMs: options.apiTimeoutMs,
    budgetMs: options.apiBudgetMs,
    logger,
  });
  // getUpdates waits up to 30 s, so every call may take 40 s before it counts as lost (grammY's default is 500 s)
  const bot = new Bot<BotContext>(config.token, { client: { apiRoot: config.telegramApiRoot, timeoutSeconds: 40 } });
  // Telegram's 429 (retry_after) and 5xx answers are retried rather than lost; a network error is
  // retried once here (auto-retry would retry it forever), except getUpdates, which the runner retries
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10, rethrowHttpErrors: true }));
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (!(error instanceof HttpError) || method === 'getUpdates' || signal?.aborted) throw error;
      logger.warn(`Telegram could not be reached for ${method} (${error.message}); retrying once`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return prev(method, payload, signal);
    }
  });

  /** The last terms the API gave: /help falls back on them while it is down. */
  let lastTerms: Terms | undefined;
  const terms = async (ctx: BotContext): Promise<Terms> => (lastTerms = (await ctx.backend.request(ProgramTermsDocument, {})).programTerms);
  const telegramIdOf = (ctx: BotContext) => String(ctx.from!.id);

  const menu = (t: Catalogue) =>
    new InlineKeyboard()
      .text(t.menuBuy, 'menu:buy').text(t.menuWallet, 'menu:wallet').row()
      .text(t.menuReferrals, 'menu:referrals').text(t.menuHistory, 'menu:history').row()
      .text(t.menuWithdraw, 'menu:withdraw').text(t.menuHelp, 'menu:help');

  /** Stops the button's spinner; never waits for Telegram nor fails the action (a press older than ~15 s is refused). */
  const answer = (ctx: BotContext, text?: string) =>
    void ctx.answerCallbackQuery(text).catch((error: Error) => logger.log(`Could not answer a button press in chat ${ctx.chat?.id}: ${error.message}`));

  /** Registers the user with the referral code of their first /start, kept in the session until this succeeds. */
  async function register(ctx: BotContext) {
    const result = await ctx.backend.request(RegisterUserDocument, {
      input: {
        telegramId: telegramIdOf(ctx),
        username: ctx.from?.username,
        firstName: ctx.from?.first_name,
        lastName: ctx.from?.last_name,
        referralCode: ctx.session.referralCode,
      },
    });
    ctx.session.referralCode = undefined;
    return result;
  }

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

  const userStatus = async (ctx: BotContext) => (await ctx.backend.request(UserStatusDocument, { telegramId: telegramIdOf(ctx) })).userByTelegramId;

  /** When device verification is required and this user has not verified: asks for it (or says it is unavailable) and answers false. */
  async function verified(ctx: BotContext, current: Terms, user?: { deviceVerifiedAt?: unknown } | null): Promise<boolean> {
    if (!current.deviceVerificationRequired) return true;
    if (user === undefined) user = await userStatus(ctx);
    if (user?.deviceVerifiedAt) return true;
    if (!config.miniAppUrl) {
      logger.warn('device_verification_required is on but the bot has no https MINIAPP_URL: users cannot verify');
      await ctx.reply(ctx.t.verifyUnavailable, { reply_markup: menu(ctx.t) });
      return false;
    }
    await ctx.reply(ctx.t.verifyFirst, { reply_markup: new InlineKeyboard().webApp(ctx.t.verifyButton, config.miniAppUrl) });
    return false;
  }

  async function start(ctx: BotContext) {
    const payload = typeof ctx.match === 'string' ? ctx.match.trim() : '';
    if (/^ref_[A-Za-z0-9]{1,60}$/i.test(payload)) ctx.session.referralCode = payload;
    const [known, current] = await Promise.all([userStatus(ctx), terms(ctx)]);
    const { registerUser: user } = await register(ctx);
    const t = ctx.t;
    const name = displayName(ctx.from, t.someone);
    const isNew = !known;
    const greeting = isNew ? t.welcomeNew(name) : t.welcomeBack(name);
    if (user.status === 'BLOCKED') return void (await ctx.reply(`${greeting}\n\n${t.onHold}`, { reply_markup: menu(t) }));
    const link = `https://t.me/${ctx.me.username}?start=ref_${user.referralCode}`;
    const lines = [greeting];
    if (isNew && user.referredBy) lines.push(t.referredBy(displayName(user.referredBy, t.someone)));
    lines.push('', t.yourLink(link), '', t.rules(current));
    const share = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(t.shareText(current))}`;
    const keyboard = InlineKeyboard.from([[InlineKeyboard.url(t.shareButton, share)], ...menu(t).inline_keyboard]);
    await ctx.reply(lines.join('\n'), { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  }

  async function buy(ctx: BotContext) {
    const current = await terms(ctx);
    if (!(await verified(ctx, current))) return;
    const day = indianDay();
    for (let attempt = 1; attempt <= MAX_ORDERS_PER_DAY; attempt++) {
      const idempotencyKey = `tg-${ctx.chat!.id}-${day}${attempt > 1 ? `-${attempt}` : ''}`;
      const { createOrder: order } = await asUser(ctx, () =>
        ctx.backend.request(CreateOrderDocument, { input: { telegramId: telegramIdOf(ctx), paymentMethod: 'UPI', idempotencyKey } }),
      );
      if (order.status !== 'PENDING') continue;
      const t = ctx.t;
      const text = [t.orderCreated(order.productName, order.amount, order.id)];
      const paymentUrl = order.paymentUrl ?? (await paymentLink(ctx, order.id));
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
  async function paymentLink(ctx: BotContext, orderId: string): Promise<string | null> {
    try {
      return (await ctx.backend.request(CreatePaymentLinkDocument, { orderId })).createPaymentLink.paymentUrl ?? null;
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'PAYMENT_GATEWAY_NOT_CONFIGURED') return null;
      throw error;
    }
  }

  async function wallet(ctx: BotContext) {
    const { wallet: w } = await asUser(ctx, () => ctx.backend.request(WalletDocument, { telegramId: telegramIdOf(ctx) }));
    const text = ctx.t.wallet(w, ctx.language) + (w.available < 0 ? `\n\n${ctx.t.walletDebt}` : '');
    await ctx.reply(text, { reply_markup: menu(ctx.t) });
  }

  async function referrals(ctx: BotContext) {
    const { referralStats: stats, referralTree: tree } = await asUser(ctx, () => ctx.backend.request(ReferralsDocument, { telegramId: telegramIdOf(ctx) }));
    const shown = tree.children.map((child) => ({ name: displayName(child.user, ctx.t.someone), converted: child.converted }));
    await ctx.reply(ctx.t.referrals({ ...stats, shown, total: tree.childrenCount }), { reply_markup: menu(ctx.t) });
  }

  async function history(ctx: BotContext) {
    const { walletTransactions: entries } = await asUser(ctx, () => ctx.backend.request(HistoryDocument, { telegramId: telegramIdOf(ctx) }));
    const t = ctx.t;
    const text = entries.length
      ? [t.historyTitle, ...entries.map((entry) => t.ledger(entry.type, entry.amount, entry.createdAt, ctx.language))].join('\n')
      : t.historyEmpty;
    await ctx.reply(text, { reply_markup: menu(t) });
  }

  async function help(ctx: BotContext) {
    // the product and its price are all it needs: the last known ones, or none, while the API is down
    const current = await terms(ctx).catch((error: unknown) => {
      if (!(error instanceof ApiUnavailableError)) throw error;
      return lastTerms;
    });
    await ctx.reply(ctx.t.help(current), { reply_markup: menu(ctx.t) });
  }

  async function withdraw(ctx: BotContext) {
    const t = ctx.t;
    const current = await terms(ctx);
    if (!current.withdrawalsEnabled) return void (await ctx.reply(t.withdrawDisabled, { reply_markup: menu(t) }));
    const [user, { wallet: w }] = await Promise.all([
      userStatus(ctx),
      asUser(ctx, () => ctx.backend.request(WalletDocument, { telegramId: telegramIdOf(ctx) })),
    ]);
    // refusals the API would give at the end, given before any question: blocked, or a request still open (its money is locked)
    if (user?.status === 'BLOCKED') return void (await ctx.reply(t.errors.USER_BLOCKED({}), { reply_markup: menu(t) }));
    if (w.locked > 0) return void (await ctx.reply(t.errors.OPEN_REQUEST_EXISTS({}), { reply_markup: menu(t) }));
    if (!(await verified(ctx, current, user ?? null))) return;
    if (w.available < current.minWithdrawalAmount) {
      return void (await ctx.reply(t.withdrawTooLittle(w.available, current.minWithdrawalAmount), { reply_markup: menu(t) }));
    }
    ctx.session.withdraw = { step: 'amount', available: w.available, minimum: current.minWithdrawalAmount };
    await ctx.reply(t.withdrawAskAmount(w.available, current.minWithdrawalAmount, exampleAmount(current.minWithdrawalAmount)));
  }

  const confirmKeyboard = (t: Catalogue) => new InlineKeyboard().text(t.confirmButton, 'withdraw:confirm').text(t.cancelButton, 'withdraw:cancel');

  /** A text while a withdrawal is being asked for: the amount, then the UPI id, then (at the confirm step) another UPI id. */
  async function withdrawStep(ctx: BotContext, state: WithdrawState, text: string) {
    const t = ctx.t;
    if (state.step === 'amount') {
      const amount = parseRupees(text);
      if (amount === null && ZERO_AMOUNT.test(text)) return void (await ctx.reply(t.withdrawBelowMinimum(state.minimum)));
      if (amount === null) return void (await ctx.reply(t.withdrawBadAmount(state.minimum, state.available, exampleAmount(state.minimum))));
      if (amount < state.minimum) return void (await ctx.reply(t.withdrawBelowMinimum(state.minimum)));
      if (amount > state.available) return void (await ctx.reply(t.withdrawOverBalance(state.available)));
      ctx.session.withdraw = { ...state, step: 'upi', amount };
      return void (await ctx.reply(t.withdrawAskUpi));
    }
    const upiId = text.trim();
    if (UPI_ID_PATTERN.test(upiId)) {
      ctx.session.withdraw = { ...state, step: 'confirm', upiId };
      return void (await ctx.reply(t.withdrawConfirm(state.amount!, upiId), { reply_markup: confirmKeyboard(t) }));
    }
    if (state.step === 'upi') return void (await ctx.reply(t.withdrawBadUpi));
    // waiting for the confirm button: anything but a UPI id repeats the question and says how to change it
    await ctx.reply(`${t.withdrawConfirm(state.amount!, state.upiId!)}\n${t.withdrawChangeUpi}`, { reply_markup: confirmKeyboard(t) });
  }

  async function confirmWithdrawal(ctx: BotContext) {
    const state = ctx.session.withdraw;
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (state?.step !== 'confirm') return void (await ctx.reply(ctx.t.staleButton, { reply_markup: menu(ctx.t) }));
    ctx.session.withdraw = undefined;
    const input = { telegramId: telegramIdOf(ctx), amount: state.amount!, upiId: state.upiId! };
    let text: string;
    try {
      // sent at most once: it has no idempotency key, so a second copy could only be refused or, worse, taken
      const { requestWithdrawal: request } = await asUser(ctx, () => ctx.backend.requestOnce(RequestWithdrawalDocument, { input }));
      text = ctx.t.withdrawRequested(request.amount, request.upiId);
    } catch (error) {
      if (!(error instanceof ApiOutcomeUnknownError)) throw error;
      logger.warn(`requestWithdrawal for chat ${ctx.chat?.id} may or may not have been taken (${error.message}); looking at the wallet`);
      text = await withdrawalOutcome(ctx, state);
    }
    await ctx.reply(text, { reply_markup: menu(ctx.t) });
  }

  /**
   * After a withdrawal request whose answer was lost: the wallet tells. /withdraw refused to start
   * while money was locked, so money locked now is this request when the amounts match.
   */
  async function withdrawalOutcome(ctx: BotContext, state: WithdrawState): Promise<string> {
    const t = ctx.t;
    try {
      const { wallet: w } = await api.scope().request(WalletDocument, { telegramId: telegramIdOf(ctx) });
      if (w.locked === state.amount) return t.withdrawRequested(state.amount!, state.upiId!);
      if (w.locked > 0) return t.errors.OPEN_REQUEST_EXISTS({});
    } catch (error) {
      logger.warn(`Could not look at the wallet of chat ${ctx.chat?.id} either: ${(error as Error).message}`);
    }
    return t.withdrawUnconfirmed;
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
    if (error instanceof GrammyError && error.error_code === 403) {
      // the user blocked the bot (or deleted their account): nothing to send, nothing broken
      return void logger.log(`Chat ${ctx.chat?.id} does not accept messages from the bot: ${error.description}`);
    }
    let text: string;
    if (error instanceof ApiError) {
      const sentence = (error.reason && t.errors[error.reason]) || t.errors[error.code];
      text = sentence ? sentence(error.details) : t.apology;
      if (!sentence || error.code === 'INTERNAL_SERVER_ERROR') logger.warn(`API refused with ${error.code}/${error.reason}: ${error.message}`);
    } else if (error instanceof ApiUnavailableError) {
      logger.warn(`API unavailable: ${error.message}`);
      text = t.serviceDown;
    } else if (error instanceof HttpError || error instanceof GrammyError) {
      logger.warn(`Telegram call failed in chat ${ctx.chat?.id}: ${error.message}`);
      text = t.apology;
    } else {
      logger.error(`Bot handler failed: ${(error as Error)?.stack ?? String(error)}`);
      text = t.apology;
    }
    try {
      ctx.session.withdraw = undefined;
    } catch {
      // an update without a chat has no session
    }
    await ctx.reply(text, { reply_markup: menu(t) }).catch((replyError: Error) => logger.warn(`Could not send the apology to chat ${ctx.chat?.id}: ${replyError.message}`));
  }

  bot.catch(async (error) => {
    await explain(error.ctx as BotContext, error.error);
  });

  // per chat: a flood of messages is answered once with a request to slow down, then ignored;
  // a dropped button press is still answered, or its spinner would keep turning
  const warned = new Map<string, number>();
  bot.use(
    limit({
      timeFrame: config.rateLimitWindowMs,
      limit: config.rateLimitMessages,
      keyGenerator: (ctx) => (ctx.chat ?? ctx.from)?.id.toString(),
      // called for every update over the limit (not only the first), so each dropped press is answered
      alwaysReply: true,
      onLimitExceeded: async (ctx) => {
        const slowDown = TEXTS[languageOf(ctx.from?.language_code)].slowDown;
        if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery(slowDown).catch(() => undefined));
        const key = String((ctx.chat ?? ctx.from)?.id);
        const now = Date.now();
        if ((warned.get(key) ?? 0) > now - config.rateLimitWindowMs) return;
        warned.set(key, now);
        if (warned.size > 10_000) warned.clear();
        await ctx.reply(slowDown).catch(() => undefined);
      },
    }),
  );
  // one chat's updates in order (its session is read and written by one at a time), other chats in parallel
  bot.use(sequentialize((ctx) => (ctx.chat ?? ctx.from)?.id.toString()));

  bot.use(async (ctx, next) => {
    ctx.language = languageOf(ctx.from?.language_code);
    ctx.t = TEXTS[ctx.language];
    ctx.backend = api.scope();
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
          const { order } = await ctx.backend.request(OrderStatusDocument, { id });
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
    answer(ctx);
    const action = (ctx.match as RegExpMatchArray)[1] as MenuAction;
    ctx.session.withdraw = undefined;
    if (MENU_ACTIONS.includes(action)) await actions[action](ctx);
    else await ctx.reply(ctx.t.staleButton, { reply_markup: menu(ctx.t) });
  }));
  privateChats.callbackQuery('withdraw:confirm', guarded(async (ctx) => {
    answer(ctx);
    await confirmWithdrawal(ctx);
  }));
  privateChats.callbackQuery('withdraw:cancel', guarded(async (ctx) => {
    answer(ctx);
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    // a Cancel left over from a withdrawal already confirmed or ended changes nothing: it has expired
    const active = ctx.session.withdraw !== undefined;
    ctx.session.withdraw = undefined;
    await ctx.reply(active ? ctx.t.cancelled : ctx.t.staleButton, { reply_markup: menu(ctx.t) });
  }));
  privateChats.on('callback_query', guarded(async (ctx) => {
    answer(ctx);
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

/** Long polling with grammY's runner: updates of different chats are handled at the same time. */
export async function startPolling(bot: Bot<BotContext>): Promise<{ stop(): Promise<void>; task: Promise<void> | undefined }> {
  // getUpdates is refused while a webhook is set (bot.start() does the same)
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  return {
    task: runner.task(),
    /** No new updates; those in hand are finished (for up to 20 s). */
    async stop() {
      await runner.stop();
      const deadline = Date.now() + 20_000;
      while (runner.size() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

/** The command list Telegram shows in its menu, in each language. */
export async function publishCommands(bot: Bot<BotContext>): Promise<void> {
  for (const language of ['en', 'hi'] as const) {
    const described = TEXTS[language].commands;
    const commands = Object.entries(described).map(([command, description]) => ({ command, description }));
    await bot.api.setMyCommands(commands, language === 'en' ? {} : { language_code: language });
  }
}
