import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signInitData } from '../src/miniapp/init-data.js';
import type { ApiProxy } from './support/api-proxy.js';
import { BOT_TOKEN, type BotHarness, buttons, startBot, texts } from './support/bot-harness.js';
import { FAKE_BOT, FakeTelegram, type SentMessage } from './support/fake-telegram.js';
import { expectNoDrift, expireHolds, setSetting } from './support/money.js';
import { BOT_API_KEY, startTestApp, type TestApp } from './support/test-app.js';

const TOKEN = BOT_TOKEN;
const BACKEND = join(dirname(fileURLToPath(import.meta.url)), '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const codeFrom = (messages: SentMessage[]) => /start=ref_([A-Za-z0-9]+)/.exec(texts(messages))?.[1];

describe('the reference Telegram bot (fake Bot API → real bot → real API → PostgreSQL)', () => {
  let t: TestApp;
  let harness: BotHarness;
  let telegram: FakeTelegram;
  let proxy: ApiProxy;

  const A = { id: 5100000001, first_name: 'Asha', username: 'asha', language_code: 'en' };
  const B = { id: 5100000002, first_name: 'Bala', username: 'bala', language_code: 'en-IN' };
  const C = { id: 5100000003, first_name: 'Chetan', language_code: 'en' };
  const D = { id: 5100000004, first_name: 'दीपा', language_code: 'hi' };
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: TOKEN } });
    harness = await startBot(t);
    ({ telegram, proxy } = harness);
  });

  afterAll(async () => {
    await harness?.stop();
    await t?.close();
  });

  it('/start registers A, gives their referral link with a share button and the rules from programTerms', async () => {
    const replies = await telegram.user(A).send('/start');
    expect(replies).toHaveLength(1);
    const [welcome] = replies;
    expect(welcome.text).toContain('Welcome, Asha!');
    codes.A = codeFrom(replies)!;
    expect(welcome.text).toContain(`https://t.me/${FAKE_BOT.username}?start=ref_${codes.A}`);
    // the contract's defaults: ₹28 direct, ₹9 second level, 24 h hold, ₹500 minimum
    expect(welcome.text).toContain('₹28.00');
    expect(welcome.text).toContain('₹9.00');
    expect(welcome.text).toContain('24 hours');
    expect(welcome.text).toContain('₹500.00');
    const share = buttons(welcome).find((button) => button.url?.startsWith('https://t.me/share/url'));
    expect(decodeURIComponent(share!.url!)).toContain(`start=ref_${codes.A}`);
    expect(buttons(welcome).map((button) => button.callback_data)).toEqual(expect.arrayContaining(['menu:buy', 'menu:wallet', 'menu:withdraw']));
    // the share button's row, then the menu's three: no empty row between them
    expect(welcome.replyMarkup!.inline_keyboard!.map((row) => row.length)).toEqual([1, 2, 2, 2]);
    const [row] = (await t.db.query('SELECT referral_code, username, first_name FROM users WHERE telegram_id = $1', [A.id])).rows;
    expect(row).toEqual({ referral_code: codes.A, username: 'asha', first_name: 'Asha' });
  });

  it('the rules follow the settings: a changed commission rate shows at once', async () => {
    await setSetting(t, 'level1_commission_percent', 40);
    try {
      const [welcome] = await telegram.user(A).send('/start');
      // 40% of ₹93 = ₹37.20 → ₹37 (RUPEE rounding)
      expect(welcome.text).toContain('Welcome back, Asha!');
      expect(welcome.text).toContain('₹37.00');
    } finally {
      await setSetting(t, 'level1_commission_percent', 30);
    }
  });

  it('B joins through A’s link and C through B’s: the chain A → B → C', async () => {
    const b = await telegram.user(B).send(`/start ref_${codes.A}`);
    expect(b[0].text).toContain('You joined through Asha');
    codes.B = codeFrom(b)!;
    const c = await telegram.user(C).send(`/start ref_${codes.B}`);
    expect(c[0].text).toContain('You joined through Bala');
    codes.C = codeFrom(c)!;
    const { rows } = await t.db.query(
      `SELECT u.telegram_id::text AS id, r.telegram_id::text AS referrer FROM users u LEFT JOIN users r ON r.id = u.referred_by_id
       WHERE u.telegram_id = ANY($1) ORDER BY u.telegram_id`,
      [[A.id, B.id, C.id]],
    );
    expect(rows).toEqual([
      { id: String(A.id), referrer: null },
      { id: String(B.id), referrer: String(A.id) },
      { id: String(C.id), referrer: String(B.id) },
    ]);
  });

  let orderId: string;

  it('/buy creates the order and, with no payment gateway, gives payment instructions with its reference', async () => {
    const [reply] = await telegram.user(C).send('/buy');
    orderId = /order #(\d+)/.exec(reply.text)![1];
    expect(reply.text).toContain('₹135.00');
    expect(reply.text).toContain(`ott_${orderId}`);
    // the same day's /buy again answers the same (still unpaid) order
    const [again] = await telegram.user(C).send('/buy');
    expect(again.text).toContain(`order #${orderId}`);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM orders o JOIN users u ON u.id = o.user_id WHERE u.telegram_id = $1', [C.id]);
    expect(rows[0].n).toBe(1);
  });

  it('a paid order is announced the next time the bot talks to the buyer', async () => {
    const paid = await t.bot('mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { status } }', {
      input: { orderId, transactionId: 'UPI-BOT-TEST-1' },
    });
    expect(paid.data!.confirmPayment.status).toBe('PAID');
    const replies = await telegram.user(C).send('/wallet');
    expect(replies[0].text).toContain(`Payment received for order #${orderId}`);
    expect(replies[1].text).toContain('Your wallet');
    // announced once
    const later = await telegram.user(C).send('/help');
    expect(texts(later)).not.toContain('Payment received');
  });

  it('/wallet: B has ₹28 pending with its release time, A has ₹9 pending', async () => {
    const [b] = await telegram.user(B).send('/wallet');
    expect(b.text).toContain('Pending: ₹28.00 (becomes available from');
    expect(b.text).toContain('Available: ₹0.00');
    expect(b.text).toContain('Earned in total: ₹28.00');
    const [a] = await telegram.user(A).send('/wallet');
    expect(a.text).toContain('Pending: ₹9.00');
  });

  it('/referrals counts direct and second-level referrals, conversions and earnings', async () => {
    const [a] = await telegram.user(A).send('/referrals');
    expect(a.text).toContain('Joined with your link: 1');
    expect(a.text).toContain('Joined through them (second level): 1');
    expect(a.text).toContain('Bought the plan: 0 of 1');
    expect(a.text).toContain('• Bala');
    const [b] = await telegram.user(B).send('/referrals');
    expect(b.text).toContain('Joined with your link: 1');
    expect(b.text).toContain('Bought the plan: 1 of 1');
    expect(b.text).toContain('Earned: ₹28.00');
    expect(b.text).toContain('• Chetan — bought ✅');
  });

  it('/history tells the ledger in plain words; the inline menu works too', async () => {
    const [history] = await telegram.user(B).send('/history');
    expect(history.text).toContain("earned ₹28.00 from a referral's purchase (pending)");
    const replies = await telegram.user(B).click('menu:wallet');
    expect(replies[0].text).toContain('Pending: ₹28.00');
    expect(telegram.calls.some((call) => call.method === 'answerCallbackQuery')).toBe(true);
  });

  it('/withdraw: below the minimum, over the balance, a bad UPI id, then a good one confirmed', async () => {
    await expireHolds(t);
    await t.admin('mutation { processPendingCommissions }');
    const b = telegram.user(B);
    // ₹28 available is under the ₹500 minimum: explained, no conversation
    expect((await b.send('/withdraw'))[0].text).toContain('the minimum withdrawal is ₹500.00');

    await setSetting(t, 'min_withdrawal_amount', 2000);
    const [ask] = await b.send('/withdraw');
    expect(ask.text).toContain('You have ₹28.00 available; the minimum is ₹20.00');
    expect((await b.send('ten rupees'))[0].text).toContain('Please send just the amount');
    expect((await b.send('10'))[0].text).toContain('The minimum withdrawal is ₹20.00');
    expect((await b.send('₹50'))[0].text).toContain('You only have ₹28.00 available');
    expect((await b.send('25.50'))[0].text).toContain('Which UPI id');
    expect((await b.send('bala at okaxis'))[0].text).toContain("doesn't look like a UPI id");
    const [confirm] = await b.send('bala.k@okaxis');
    expect(confirm.text).toBe('Withdraw ₹25.50 to bala.k@okaxis?');
    expect(buttons(confirm).map((button) => button.callback_data)).toEqual(['withdraw:confirm', 'withdraw:cancel']);
    const [done] = await b.click('withdraw:confirm', confirm.messageId);
    expect(done.text).toContain('Your request to withdraw ₹25.50 to bala.k@okaxis is with our team');
    const { rows } = await t.db.query(
      `SELECT w.amount::int, w.upi_id, w.status FROM withdrawals w JOIN users u ON u.id = w.user_id WHERE u.telegram_id = $1`,
      [B.id],
    );
    expect(rows).toEqual([{ amount: 2550, upi_id: 'bala.k@okaxis', status: 'PENDING' }]);
    // pressing the old button again does nothing twice
    expect((await b.click('withdraw:confirm', confirm.messageId))[0].text).toContain('That button has expired');
  });

  it('a refusal from the API is explained in a sentence (withdrawals switched off before the confirm)', async () => {
    await setSetting(t, 'min_withdrawal_amount', 100);
    const a = telegram.user(A);
    await a.send('/withdraw');
    await a.send('5');
    await a.send('asha@okicici');
    await setSetting(t, 'withdrawals_enabled', false);
    const [refused] = await a.click('withdraw:confirm');
    expect(refused.text).toBe('Withdrawals are paused right now. Please try again later.');
    await setSetting(t, 'withdrawals_enabled', true);
    // and /cancel ends a conversation
    await a.send('/withdraw');
    expect((await a.send('/cancel'))[0].text).toBe('Okay, cancelled. Nothing was changed.');
    expect((await a.send('5'))[0].text).toContain("Sorry, I didn't get that");
    await setSetting(t, 'min_withdrawal_amount', 50000);
  });

  it('handles chats concurrently: a slow API answer for one chat does not hold up another chat’s /help', async () => {
    proxy.slow = [{ match: `"${A.id}"`, ms: 2000 }];
    try {
      const walletsBefore = telegram.sent.filter((message) => message.chatId === A.id).length;
      const slowWallet = telegram.user(A).send('/wallet');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [help] = await telegram.user(B).send('/help');
      expect(help.text).toContain('/withdraw');
      // A's wallet is still on its way
      expect(telegram.sent.filter((message) => message.chatId === A.id).length).toBe(walletsBefore);
      expect((await slowWallet)[0].text).toContain('Your wallet');
    } finally {
      proxy.slow = [];
    }
  });

  it('a button press Telegram no longer lets the bot answer (older than ~15 s) still does what it says', async () => {
    telegram.refuseCallbackAnswers = true;
    try {
      const replies = await telegram.user(B).click('menu:wallet');
      expect(texts(replies)).toContain('Your wallet');
      expect(texts(replies)).not.toContain('Sorry');
    } finally {
      telegram.refuseCallbackAnswers = false;
    }
  });

  it('/withdraw hints from the user’s own range, takes a new UPI id at the confirm step, refuses 0 with the minimum', async () => {
    await setSetting(t, 'min_withdrawal_amount', 100);
    const a = telegram.user(A);
    try {
      // A has ₹9 available (the second-level commission of C's purchase); the minimum is ₹1
      expect((await a.send('/withdraw'))[0].text).toContain('e.g. 1, or /cancel');
      expect((await a.send('five'))[0].text).toBe('Please send just the amount in rupees, from ₹1.00 to ₹9.00, e.g. 1 (or /cancel).');
      expect((await a.send('0'))[0].text).toContain('The minimum withdrawal is ₹1.00');
      await a.send('5');
      expect((await a.send('asha@okicici'))[0].text).toBe('Withdraw ₹5.00 to asha@okicici?');
      const [changed] = await a.send('asha.new@okaxis');
      expect(changed.text).toBe('Withdraw ₹5.00 to asha.new@okaxis?');
      expect(buttons(changed).map((button) => button.callback_data)).toEqual(['withdraw:confirm', 'withdraw:cancel']);
      expect((await a.send('yes please'))[0].text).toContain('To send it to another UPI id, just type that UPI id.');
    } finally {
      await a.send('/cancel');
      await setSetting(t, 'min_withdrawal_amount', 50000);
    }
  });

  it('a withdrawal request whose answer is lost is sent once, and the user is told it was taken; an old Cancel then has expired', async () => {
    await setSetting(t, 'min_withdrawal_amount', 100);
    const a = telegram.user(A);
    try {
      await a.send('/withdraw');
      await a.send('5');
      const [confirm] = await a.send('asha@okicici');
      // the API takes the request, but its answer comes after the bot stopped waiting (3 s in the harness)
      proxy.slow = [{ match: 'requestWithdrawal', ms: 4500 }];
      telegram.refuseCallbackAnswers = true;
      const sentBefore = proxy.bodies.filter((body) => body.includes('requestWithdrawal')).length;
      const [told] = await a.click('withdraw:confirm', confirm.messageId);
      expect(told.text).toBe('Done! Your request to withdraw ₹5.00 to asha@okicici is with our team. The money is set aside and usually arrives within 1–2 working days.');
      expect(proxy.bodies.filter((body) => body.includes('requestWithdrawal')).length - sentBefore).toBe(1);
      proxy.slow = [];
      telegram.refuseCallbackAnswers = false;
      const { rows } = await t.db.query(
        `SELECT w.amount::int, w.upi_id, w.status FROM withdrawals w JOIN users u ON u.id = w.user_id WHERE u.telegram_id = $1`,
        [A.id],
      );
      expect(rows).toEqual([{ amount: 500, upi_id: 'asha@okicici', status: 'PENDING' }]);

      // the same message's Cancel, pressed afterwards, cancels nothing
      expect((await a.click('withdraw:cancel', confirm.messageId))[0].text).toBe('That button has expired. Please start again from the menu.');
      // and a new /withdraw is refused before any question, with the menu
      const [refused] = await a.send('/withdraw');
      expect(refused.text).toBe('You already have a withdrawal request in progress. You can ask for another once it is paid.');
      expect(buttons(refused).map((button) => button.callback_data)).toContain('menu:wallet');
    } finally {
      proxy.slow = [];
      telegram.refuseCallbackAnswers = false;
      await setSetting(t, 'min_withdrawal_amount', 50000);
    }
  });

  it('a blocked user is refused at /withdraw’s start and gets no referral link from /start', async () => {
    const [{ id }] = (await t.db.query('SELECT id::text FROM users WHERE telegram_id = $1', [C.id])).rows;
    await t.admin('mutation($id: ID!) { blockUser(id: $id, reason: "bot test") { id } }', { id });
    try {
      const c = telegram.user(C);
      const [refused] = await c.send('/withdraw');
      expect(refused.text).toBe('Your account is on hold, so this is not possible. Please contact support.');
      expect(buttons(refused).map((button) => button.callback_data)).toContain('menu:help');
      const [welcome] = await c.send('/start');
      expect(welcome.text).toContain('Welcome back, Chetan!');
      expect(welcome.text).toContain('Your account is on hold');
      expect(welcome.text).not.toContain('start=ref_');
      expect(welcome.text).not.toContain('you earn');
    } finally {
      await t.admin('mutation($id: ID!) { unblockUser(id: $id) { id } }', { id });
    }
  });

  it('keeps the referral of a /start that met an API outage until the user is registered', async () => {
    const E = { id: 5100000005, first_name: 'Esha', language_code: 'en' };
    proxy.down = true;
    try {
      expect((await telegram.user(E).send(`/start ref_${codes.A}`))[0].text).toContain("we can't reach our service");
    } finally {
      proxy.down = false;
    }
    expect((await telegram.user(E).send('/wallet'))[0].text).toContain('Your wallet');
    const { rows } = await t.db.query('SELECT r.telegram_id::text AS referrer FROM users u JOIN users r ON r.id = u.referred_by_id WHERE u.telegram_id = $1', [E.id]);
    expect(rows).toEqual([{ referrer: String(A.id) }]);
  });

  it('/help works while the API is down; a user who blocked the bot is logged in one line, not as a failure', async () => {
    proxy.down = true;
    try {
      const [help] = await telegram.user(B).send('/help');
      expect(help.text).toContain('/withdraw — send your earnings to your UPI id');
      expect(help.text).toContain('(₹135.00)'); // the product's price, from the terms seen before
    } finally {
      proxy.down = false;
    }
    const gone = { id: 5100000006, first_name: 'Gone', language_code: 'en' };
    telegram.blockedBy.add(gone.id);
    const warningsBefore = harness.warnings.length;
    expect(await telegram.user(gone).send('/help')).toEqual([]);
    expect(harness.warnings.slice(warningsBefore).join('\n')).not.toContain('Bot handler failed');
    expect(harness.logs.filter((line) => line.includes(`Chat ${gone.id} does not accept messages`))).toHaveLength(1);
  });

  it('greets a user whose name is only invisible characters as for an empty name', async () => {
    const [welcome] = await telegram.user({ id: 5100000007, first_name: '\u200b\u200d\u2060', language_code: 'en' }).send('/start');
    expect(welcome.text).toContain('Welcome, someone!');
  });

  it('speaks Hindi to a user whose Telegram is in Hindi', async () => {
    const d = telegram.user(D);
    const [welcome] = await d.send(`/start ref_${codes.A}`);
    expect(welcome.text).toContain('स्वागत है, दीपा!');
    expect(welcome.text).toContain('₹28.00');
    expect(welcome.text).toContain('1 दिन');
    expect((await d.send('/wallet'))[0].text).toContain('आपका वॉलेट');
    expect((await d.send('कुछ भी'))[0].text).toContain('माफ़ कीजिए, मैं समझ नहीं पाया');
    expect(buttons((await d.send('/help'))[0]).map((button) => button.text)).toContain('💸 निकासी');
  });

  it('answers garbage kindly: unknown text, unknown commands, stickers, a stranger’s command', async () => {
    const stranger = telegram.user({ id: 5100000099, first_name: 'Zed' });
    for (const garbage of ['asdfgh', '/doesnotexist', '💩💩💩', 'x'.repeat(4000), '/start ref_<script>', '/start ref_NOPE0000']) {
      const replies = await stranger.send(garbage);
      expect(replies.length).toBeGreaterThanOrEqual(1);
    }
    expect((await stranger.sendRaw({ sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }))[0].text).toContain(
      "Sorry, I didn't get that",
    );
    // a user the bot never saw asking for their wallet is registered on the way
    const [wallet] = await telegram.user({ id: 5100000098, first_name: 'Yara' }).send('/wallet');
    expect(wallet.text).toContain('Pending: ₹0.00');
    expect((await stranger.click('no-such-button'))[0].text).toContain('That button has expired');
  });

  it('a moment of API downtime is retried; a longer one gets an apology, never an error', async () => {
    proxy.failNext = 2;
    const first = proxy.requests;
    let wallet: SentMessage;
    try {
      [wallet] = await telegram.user(B).send('/wallet');
    } finally {
      proxy.failNext = 0;
    }
    expect(wallet.text).toContain('Your wallet');
    expect(proxy.requests - first).toBe(3); // two 502s, then the answer

    proxy.down = true;
    const before = proxy.requests;
    let apology: SentMessage;
    try {
      [apology] = await telegram.user(B).send('/wallet');
    } finally {
      proxy.down = false;
    }
    expect(apology.text).toBe("Sorry, we can't reach our service right now. Please try again in a minute — your money and earnings are safe.");
    expect(proxy.requests - before).toBe(4); // the call and its three retries
  });

  it('asks an unverified user to verify their device when device_verification_required is on', async () => {
    await setSetting(t, 'device_verification_required', true);
    const c = telegram.user(C);
    // the API is on http://, so there is no https Mini App (Telegram would refuse the button): said plainly
    expect(harness.config.miniAppUrl).toBeUndefined();
    const [unavailable] = await c.send('/buy');
    expect(unavailable.text).toContain('verification is not available right now');
    expect(buttons(unavailable).some((button) => button.web_app)).toBe(false);

    harness.config.miniAppUrl = 'https://ott.example.test/miniapp/';
    const [ask] = await c.send('/buy');
    expect(ask.text).toContain('please verify your device');
    const verify = buttons(ask).find((button) => button.web_app);
    expect(verify!.web_app!.url).toBe('https://ott.example.test/miniapp/');

    const initData = signInitData({ auth_date: String(Math.floor(Date.now() / 1000)), query_id: 'q1', user: JSON.stringify({ id: C.id, first_name: 'Chetan' }) }, TOKEN);
    const verified = await fetch(`${t.url}/miniapp/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ initData, deviceId: 'device-of-chetan-0001' }),
    });
    expect(verified.status).toBe(200);
    const [order] = await c.send('/buy');
    expect(order.text).toMatch(/order #\d+/);
    await setSetting(t, 'device_verification_required', false);
  });

  it('slows down a chat that floods it, answering once', async () => {
    const flooder = telegram.user({ id: 5100000097, first_name: 'Fast' });
    // all at once, as a flood arrives: one by one, a loaded machine could spread them past the window
    const before = telegram.sent.length;
    await Promise.all(Array.from({ length: 34 }, (_, i) => flooder.send(`spam ${i}`)));
    const replies: SentMessage[] = telegram.sent.slice(before).filter((message) => message.chatId === 5100000097);
    const slowDowns = replies.filter((reply) => reply.text.includes('very fast'));
    expect(slowDowns).toHaveLength(1);
    expect(replies.length).toBe(31);
    // a press dropped while flooding is still answered, so its spinner stops
    await flooder.click('menu:help');
    const answered = telegram.calls.filter((call) => call.method === 'answerCallbackQuery').at(-1);
    expect(answered?.params.text).toContain('very fast');
  });

  it('never shows a user a stack trace, an error code or "undefined"', async () => {
    expect(telegram.sent.length).toBeGreaterThan(40);
    for (const message of telegram.sent) {
      expect(message.text).not.toMatch(/undefined|null|NaN|\[object|Error|BAD_USER_INPUT|CONFLICT|INTERNAL|at .*\.js:\d+/);
    }
    await expectNoDrift(t);
  });

  it('the bot process starts from dist, refuses a bad configuration clearly, runs a webhook when told, and stops cleanly on SIGTERM', async () => {
    const run = (env: Record<string, string>) => {
      const child = spawn(process.execPath, [join(BACKEND, 'dist/bot/main.js')], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      return { child, exited, output: () => output };
    };
    const bad = run({ API_URL: 'not a url', MINIAPP_URL: 'http://app:3000/miniapp/' });
    expect(await bad.exited).toBe(78);
    expect(bad.output()).toContain('TELEGRAM_BOT_TOKEN is not set');
    expect(bad.output()).toContain('API_URL must be an http:// or https:// URL');
    expect(bad.output()).toContain('BOT_API_KEY is not set');
    expect(bad.output()).toContain('MINIAPP_URL must be an https:// URL');

    // Telegram unreachable: start-up says so and stops, quickly (no endless retrying in silence)
    const startedAt = Date.now();
    const unreachable = run({ TELEGRAM_BOT_TOKEN: TOKEN, API_URL: `${t.url}/graphql`, BOT_API_KEY, TELEGRAM_API_ROOT: `http://127.0.0.1:${await freePort()}` });
    expect(await unreachable.exited).toBe(1);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(unreachable.output()).toContain('could not be reached');

    // a second fake Telegram, so the in-process bot keeps its own updates
    const other = new FakeTelegram(TOKEN);
    await other.start();
    try {
      const good = run({ TELEGRAM_BOT_TOKEN: TOKEN, API_URL: `${t.url}/graphql`, BOT_API_KEY, TELEGRAM_API_ROOT: other.url });
      const deadline = Date.now() + 20_000;
      while (!good.output().includes('running (long polling)') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(good.output()).toContain('@ott_test_bot is running (long polling)');
      // the runner confirms an update as it fetches the next ones, before it has answered: wait for the answer
      const sentBeforeHelp = other.sent.length;
      await other.user(A).send('/help');
      const [reply] = await other.waitForMessages(A.id, sentBeforeHelp);
      expect(reply.text).toContain('/withdraw');
      expect(other.calls.filter((call) => call.method === 'setMyCommands').length).toBe(2);
      good.child.kill('SIGTERM');
      expect(await good.exited).toBe(0);
      expect(good.output()).toContain('SIGTERM received: stopping the bot');

      // webhook mode: setWebhook with the secret, updates posted to the bot's own server
      const port = await freePort();
      const hooked = run({
        TELEGRAM_BOT_TOKEN: TOKEN, API_URL: `${t.url}/graphql`, BOT_API_KEY, TELEGRAM_API_ROOT: other.url,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.test/tg-hook', TELEGRAM_WEBHOOK_SECRET: 'hook-secret-1', BOT_WEBHOOK_PORT: String(port),
      });
      const until = Date.now() + 20_000;
      while (!hooked.output().includes('running with a webhook') && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(other.calls.find((call) => call.method === 'setWebhook')?.params).toMatchObject({ url: 'https://bot.example.test/tg-hook', secret_token: 'hook-secret-1' });
      const update = (secret: string) =>
        fetch(`http://127.0.0.1:${port}/tg-hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
          body: JSON.stringify({
            update_id: 900001,
            message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: A.id, type: 'private' }, from: { ...A, is_bot: false }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] },
          }),
        });
      expect((await update('wrong-secret')).status).toBe(401);
      const sentBefore = other.sent.length;
      expect((await update('hook-secret-1')).status).toBe(200);
      expect(other.sent.slice(sentBefore).map((message) => message.text).join()).toContain('/withdraw');
      hooked.child.kill('SIGTERM');
      expect(await hooked.exited).toBe(0);
    } finally {
      await other.stop();
    }
  });
});
