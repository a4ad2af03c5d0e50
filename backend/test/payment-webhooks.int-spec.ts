import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { OrdersService } from '../src/orders/orders.service.js';
import { PaymentsService } from '../src/payments/payments.service.js';
import {
  CASHFREE_SECRET_KEY,
  cashfreePaymentEvent,
  cashfreeSignature,
  paymentId,
  postCashfree,
  postRazorpay,
  RAZORPAY_WEBHOOK_SECRET,
  razorpayPaymentEvent,
  razorpayRefundEvent,
  razorpaySignature,
} from './support/gateways.js';
import { CONFIRM, CREATE_ORDER, expectNoDrift, seedChain, setSetting, walletOf } from './support/money.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const ORDER_STATE = 'SELECT status, transaction_id, paid_at, failed_at, expired_at, failed_attempts FROM orders WHERE id = $1';

describe('payments from a gateway: signed webhooks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RAZORPAY_WEBHOOK_SECRET, CASHFREE_SECRET_KEY } });
  });
  afterEach(() => expectNoDrift(t));
  afterAll(() => t.close());

  /** A → B → C and a PENDING order of C's: paying it credits B ₹28 and A ₹9. */
  const pendingOrder = async () => {
    const chain = await seedChain(t);
    const created = await t.bot(CREATE_ORDER, { input: { telegramId: chain.c.telegramId, paymentMethod: 'UPI' } });
    expect(created.errors).toBeUndefined();
    return { ...chain, orderId: Number(created.data!.createOrder.id) };
  };
  const orderState = async (orderId: number) => (await t.db.query(ORDER_STATE, [orderId])).rows[0];
  const eventsOf = async (orderId: number) =>
    (await t.db.query('SELECT type, kind, outcome, needs_review, gateway_payment_id, amount, note FROM payment_events WHERE order_id = $1 ORDER BY id', [orderId])).rows;
  const commissionCount = async (orderId: number) => Number((await t.db.query('SELECT count(*) FROM commissions WHERE order_id = $1', [orderId])).rows[0].count);
  const eventCount = async () => Number((await t.db.query('SELECT count(*) FROM payment_events')).rows[0].count);

  describe('Razorpay', () => {
    it('pays the order on payment.captured as confirmPayment does: the payment id as transactionId, ₹28 and ₹9 credited', async () => {
      const { a, b, orderId } = await pendingOrder();
      const payment = paymentId();
      const started = Date.now();
      const answer = await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { payment }));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(answer).toMatchObject({ status: 200, body: { outcome: 'PROCESSED' } });
      expect(await orderState(orderId)).toMatchObject({ status: 'PAID', transaction_id: payment, failed_at: null });
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800, total_earned: 2800 });
      expect(await walletOf(t, a)).toMatchObject({ pending: 900, total_earned: 900 });
      const ledger = await t.db.query('SELECT actor FROM wallet_transactions WHERE order_id = $1', [orderId]);
      expect(ledger.rows.map((row) => row.actor)).toEqual(['gateway:razorpay', 'gateway:razorpay']);
      expect(await eventsOf(orderId)).toEqual([
        { type: 'payment.captured', kind: 'CAPTURED', outcome: 'PROCESSED', needs_review: false, gateway_payment_id: payment, amount: 13500, note: null },
      ]);
    });

    it('refuses a bad, a missing or a wrong-secret signature with 401 and stores nothing', async () => {
      const { orderId } = await pendingOrder();
      const body = razorpayPaymentEvent('payment.captured', orderId);
      const before = await eventCount();
      expect((await postRazorpay(t, body, { 'x-razorpay-signature': 'deadbeef' })).status).toBe(401);
      expect((await postRazorpay(t, body, { 'x-razorpay-signature': '' })).status).toBe(401);
      expect((await postRazorpay(t, body, { 'x-razorpay-signature': razorpaySignature(body, 'another-secret') })).status).toBe(401);
      const unsigned = await fetch(`${t.url}/webhooks/razorpay`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-razorpay-event-id': 'evt_unsigned' }, body });
      expect(unsigned.status).toBe(401);
      expect(await eventCount()).toBe(before);
      expect(await orderState(orderId)).toMatchObject({ status: 'PENDING', transaction_id: null });
    });

    it('refuses a body re-serialised after signing (the signature covers the raw bytes)', async () => {
      const { orderId } = await pendingOrder();
      const signed = JSON.stringify(JSON.parse(razorpayPaymentEvent('payment.captured', orderId)), null, 2);
      const reserialised = JSON.stringify(JSON.parse(signed));
      expect(reserialised).not.toBe(signed);
      expect((await postRazorpay(t, reserialised, { 'x-razorpay-signature': razorpaySignature(signed) })).status).toBe(401);
      expect(await orderState(orderId)).toMatchObject({ status: 'PENDING' });
      expect((await postRazorpay(t, signed)).status).toBe(200);
      expect(await orderState(orderId)).toMatchObject({ status: 'PAID' });
    });

    it('answers a repeat delivery of one event 200 and changes nothing', async () => {
      const { b, orderId } = await pendingOrder();
      const body = razorpayPaymentEvent('payment.captured', orderId);
      const first = await postRazorpay(t, body, {}, 'evt_repeat_1');
      const again = await postRazorpay(t, body, {}, 'evt_repeat_1');
      expect(first).toMatchObject({ status: 200, body: { outcome: 'PROCESSED' } });
      expect(again).toMatchObject({ status: 200, body: { id: null, outcome: 'DUPLICATE' } });
      expect(await eventsOf(orderId)).toHaveLength(1);
      expect(await commissionCount(orderId)).toBe(2);
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
    });

    it('credits once when ten copies of one event arrive at the same time', async () => {
      const { a, b, orderId } = await pendingOrder();
      const body = razorpayPaymentEvent('payment.captured', orderId);
      const answers = await Promise.all(Array.from({ length: 10 }, () => postRazorpay(t, body, {}, `evt_storm_${orderId}`)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      expect(answers.filter((answer) => answer.body.outcome === 'PROCESSED')).toHaveLength(1);
      expect(await eventsOf(orderId)).toHaveLength(1);
      expect(await commissionCount(orderId)).toBe(2);
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800, total_earned: 2800 });
      expect(await walletOf(t, a)).toMatchObject({ pending: 900, total_earned: 900 });
    });

    it('answers 200 and credits once when captures of one order arrive at the same time under different event ids', async () => {
      // A gateway retrying while the first delivery is still running, and a second payment of the
      // same order, each under its own event id: each stored event must lock the order before
      // its row references it, or two of them deadlock (a 500, the event lost until a retry).
      for (let round = 0; round < 3; round += 1) {
        const { a, b, orderId } = await pendingOrder();
        const payments = [paymentId(), paymentId()];
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, i) => postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { payment: payments[i % 2] }), {}, `evt_many_${orderId}_${i}`)),
        );
        expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
        expect(answers.filter((answer) => answer.body.outcome === 'PROCESSED')).toHaveLength(1);
        expect(answers.filter((answer) => answer.body.outcome === 'DUPLICATE')).toHaveLength(7);
        expect(await eventsOf(orderId)).toHaveLength(8);
        expect(await commissionCount(orderId)).toBe(2);
        expect(await walletOf(t, b)).toMatchObject({ pending: 2800, total_earned: 2800 });
        expect(await walletOf(t, a)).toMatchObject({ pending: 900, total_earned: 900 });
      }
    });

    it("credits once when a webhook and the bot's confirmPayment race on one order", async () => {
      for (let round = 0; round < 5; round += 1) {
        const { b, orderId } = await pendingOrder();
        const payment = paymentId();
        const [webhook, bot] = await Promise.all([
          postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { payment })),
          t.bot(CONFIRM, { input: { orderId: String(orderId), transactionId: `UPI-RACE-${orderId}` } }),
        ]);
        expect(webhook.status).toBe(200);
        const state = await orderState(orderId);
        expect(state.status).toBe('PAID');
        expect(await commissionCount(orderId)).toBe(2);
        expect(await walletOf(t, b)).toMatchObject({ pending: 2800, total_earned: 2800 });
        if (state.transaction_id === payment) {
          expect(webhook.body.outcome).toBe('PROCESSED');
          expect(codeOf(bot)).toBe('CONFLICT');
        } else {
          expect(state.transaction_id).toBe(`UPI-RACE-${orderId}`);
          expect(bot.errors).toBeUndefined();
          // the buyer paid at the gateway too: a second payment for an admin to refund
          expect(webhook.body.outcome).toBe('DUPLICATE');
          expect((await eventsOf(orderId))[0]).toMatchObject({ outcome: 'DUPLICATE', needs_review: true });
        }
      }
    });

    it('counts payment.failed on the order, leaves it PENDING, and pays on the second attempt\'s capture', async () => {
      const { b, orderId } = await pendingOrder();
      const failed = await postRazorpay(t, razorpayPaymentEvent('payment.failed', orderId));
      expect(failed).toMatchObject({ status: 200, body: { outcome: 'PROCESSED' } });
      expect(await orderState(orderId)).toMatchObject({ status: 'PENDING', failed_attempts: 1, failed_at: null });
      const order = await t.admin('query($id: ID!) { Order(id: $id) { status failedAttempts lastFailedAttemptAt } }', { id: String(orderId) });
      expect(order.data!.Order).toMatchObject({ status: 'PENDING', failedAttempts: 1 });
      expect(order.data!.Order.lastFailedAttemptAt).not.toBeNull();

      const second = paymentId();
      expect((await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { payment: second }))).body.outcome).toBe('PROCESSED');
      expect(await orderState(orderId)).toMatchObject({ status: 'PAID', transaction_id: second, failed_attempts: 1 });
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
      expect((await eventsOf(orderId)).map((event) => [event.kind, event.outcome])).toEqual([
        ['FAILED', 'PROCESSED'],
        ['CAPTURED', 'PROCESSED'],
      ]);
      expect((await eventsOf(orderId))[0].note).toMatch(/UPI app declined/);
    });

    it('pays on a capture that arrives before its authorization, and ignores the authorization', async () => {
      const { b, orderId } = await pendingOrder();
      const payment = paymentId();
      expect((await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { payment }))).body.outcome).toBe('PROCESSED');
      expect((await postRazorpay(t, razorpayPaymentEvent('payment.authorized', orderId, { payment }))).body.outcome).toBe('IGNORED');
      expect(await orderState(orderId)).toMatchObject({ status: 'PAID', transaction_id: payment });
      expect(await commissionCount(orderId)).toBe(2);
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
    });

    it('records an amount or currency that differs from the order for an admin, and pays nothing', async () => {
      const { b, orderId } = await pendingOrder();
      expect((await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { amount: 13400 }))).body.outcome).toBe('AMOUNT_MISMATCH');
      expect((await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { currency: 'USD' }))).body.outcome).toBe('AMOUNT_MISMATCH');
      expect(await orderState(orderId)).toMatchObject({ status: 'PENDING', transaction_id: null });
      expect(await walletOf(t, b)).toMatchObject({ pending: 0, total_earned: 0 });
      expect(await eventsOf(orderId)).toEqual([
        expect.objectContaining({ outcome: 'AMOUNT_MISMATCH', needs_review: true, amount: 13400 }),
        expect.objectContaining({ outcome: 'AMOUNT_MISMATCH', needs_review: true, amount: 13500 }),
      ]);
    });

    it('records an unknown or missing reference as UNMATCHED, 200, for an admin', async () => {
      for (const reference of [987654321, null]) {
        const body = razorpayPaymentEvent('payment.captured', reference);
        const answer = await postRazorpay(t, body);
        expect(answer).toMatchObject({ status: 200, body: { outcome: 'UNMATCHED' } });
        const { rows } = await t.db.query('SELECT order_id, needs_review FROM payment_events WHERE id = $1', [answer.body.id]);
        expect(rows[0]).toEqual({ order_id: null, needs_review: true });
      }
    });

    it('refunds the order on refund.processed for the whole amount, as refundOrder does; a partial refund is only recorded', async () => {
      const paid = await pendingOrder();
      const payment = paymentId();
      await postRazorpay(t, razorpayPaymentEvent('payment.captured', paid.orderId, { payment }));

      const partial = await postRazorpay(t, razorpayRefundEvent(paid.orderId, payment, 5000));
      expect(partial.body.outcome).toBe('PROCESSED');
      expect(await orderState(paid.orderId)).toMatchObject({ status: 'PAID' });
      expect(await walletOf(t, paid.b)).toMatchObject({ pending: 2800 });
      expect((await eventsOf(paid.orderId))[1]).toMatchObject({ kind: 'REFUND', needs_review: true, amount: 5000 });

      const full = await postRazorpay(t, razorpayRefundEvent(paid.orderId, payment, 13500));
      expect(full.body.outcome).toBe('PROCESSED');
      expect(await orderState(paid.orderId)).toMatchObject({ status: 'REFUNDED' });
      expect(await walletOf(t, paid.b)).toMatchObject({ pending: 0, total_earned: 0 });
      expect(await walletOf(t, paid.a)).toMatchObject({ pending: 0, total_earned: 0 });
      const statuses = await t.db.query('SELECT DISTINCT status FROM commissions WHERE order_id = $1', [paid.orderId]);
      expect(statuses.rows).toEqual([{ status: 'REVERSED' }]);

      // the same refund delivered again under another event id changes nothing
      expect((await postRazorpay(t, razorpayRefundEvent(paid.orderId, payment, 13500))).body.outcome).toBe('DUPLICATE');
      // a refund of a payment that did not pay the order moves nothing
      const other = await pendingOrder();
      await t.bot(CONFIRM, { input: { orderId: String(other.orderId), transactionId: `UPI-${other.orderId}` } });
      expect((await postRazorpay(t, razorpayRefundEvent(other.orderId, paymentId(), 13500))).body.outcome).toBe('IGNORED');
      expect(await orderState(other.orderId)).toMatchObject({ status: 'PAID' });
    });

    it("refunds once when a gateway's refund and an admin's refundOrder race on one order", async () => {
      // Both lock the order before its wallets; in the other order they deadlock. The test holds
      // the wallets until both wait, so the two meet at the wallets every round.
      for (let round = 0; round < 8; round += 1) {
        const paid = await pendingOrder();
        const payment = paymentId();
        await postRazorpay(t, razorpayPaymentEvent('payment.captured', paid.orderId, { payment }));
        const race = () =>
          Promise.all([
            postRazorpay(t, razorpayRefundEvent(paid.orderId, payment, 13500)),
            t.admin('mutation($id: ID!, $reason: String!) { refundOrder(id: $id, reason: $reason) { id status } }', { id: String(paid.orderId), reason: 'asked twice' }),
          ]);
        const holder = await t.db.connect();
        let racing: ReturnType<typeof race>;
        try {
          await holder.query('BEGIN');
          await holder.query('SELECT 1 FROM wallets WHERE user_id = ANY($1) FOR UPDATE', [[paid.a.id, paid.b.id]]);
          racing = race();
          for (let waited = 0; waited < 100; waited += 1) {
            const { rows } = await t.db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
            if (rows[0].n >= 2) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        } finally {
          await holder.query('COMMIT');
          holder.release();
        }
        const [webhook, admin] = await racing;
        expect(webhook.status).toBe(200);
        expect(await orderState(paid.orderId)).toMatchObject({ status: 'REFUNDED' });
        if (admin.errors) {
          expect(codeOf(admin)).toBe('CONFLICT');
          expect(webhook.body.outcome).toBe('PROCESSED');
        } else {
          expect(webhook.body.outcome).toBe('DUPLICATE');
        }
        expect(await walletOf(t, paid.b)).toMatchObject({ pending: 0, total_earned: 0 });
        expect(await walletOf(t, paid.a)).toMatchObject({ pending: 0, total_earned: 0 });
        const reversals = await t.db.query("SELECT count(*)::int AS n FROM wallet_transactions WHERE order_id = $1 AND type = 'COMMISSION_REVERSAL'", [paid.orderId]);
        expect(reversals.rows[0].n).toBe(2);
      }
    });

    it('answers 503 with Retry-After when the database could not store the event (a deadlock, an outage), so the gateway delivers it again', async () => {
      const { orderId } = await pendingOrder();
      const payments = t.app.get(PaymentsService);
      const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' });
      const receive = jest.spyOn(payments, 'receive').mockRejectedValueOnce(deadlock);
      try {
        const answer = await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId), {}, `evt_busy_${orderId}`);
        expect(answer).toMatchObject({ status: 503, body: { message: 'The event could not be stored just now; deliver it again' } });
        expect(JSON.stringify(answer.body)).not.toMatch(/deadlock|40P01/);
      } finally {
        receive.mockRestore();
      }
      // the gateway's next delivery of the same event pays the order
      expect((await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId), {}, `evt_busy_${orderId}`)).body.outcome).toBe('PROCESSED');
    });

    it('answers 400 for a body that is not an event, 413 for an oversized one, never 5xx', async () => {
      const signedPost = (body: string, contentType = 'application/json') =>
        fetch(`${t.url}/webhooks/razorpay`, { method: 'POST', headers: { 'content-type': contentType, 'x-razorpay-signature': razorpaySignature(body) }, body });
      expect((await signedPost('{"event":')).status).toBe(400);
      expect((await signedPost('{}')).status).toBe(400);
      expect((await signedPost('[1,2]')).status).toBe(400);
      expect((await signedPost('{"event":"payment.captured"}', 'text/plain')).status).toBe(400);
      expect((await signedPost(JSON.stringify({ event: 'payment.captured', padding: 'x'.repeat(70_000) }))).status).toBe(413);
      expect((await signedPost(JSON.stringify({ event: 'payment.captured', payload: { payment: { entity: { amount: 'lots', notes: 'x' } } } }))).status).toBe(200);
    });
  });

  describe('Cashfree', () => {
    it('converts rupees to paise exactly: 135.00 and 135 pay a ₹135 order, 134.99 does not', async () => {
      for (const amount of ['135.00', '135']) {
        const { b, orderId } = await pendingOrder();
        const answer = await postCashfree(t, cashfreePaymentEvent('PAYMENT_SUCCESS_WEBHOOK', orderId, amount, '5114915'.concat(String(orderId))));
        expect(answer).toMatchObject({ status: 200, body: { outcome: 'PROCESSED' } });
        expect(await orderState(orderId)).toMatchObject({ status: 'PAID', transaction_id: `5114915${orderId}` });
        expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
      }
      const { orderId } = await pendingOrder();
      const short = await postCashfree(t, cashfreePaymentEvent('PAYMENT_SUCCESS_WEBHOOK', orderId, '134.99'));
      expect(short.body.outcome).toBe('AMOUNT_MISMATCH');
      expect(await eventsOf(orderId)).toEqual([expect.objectContaining({ amount: 13499, needs_review: true })]);
      for (const amount of ['1.35e2', '135.001', '"135.0.0"']) {
        const bad = await postCashfree(t, cashfreePaymentEvent('PAYMENT_SUCCESS_WEBHOOK', orderId, amount));
        expect(bad).toMatchObject({ status: 200, body: { outcome: 'AMOUNT_MISMATCH' } });
      }
      expect(await orderState(orderId)).toMatchObject({ status: 'PENDING' });
    });

    it('checks the signature over timestamp + raw body: a reformatted amount (135.00 → 135) fails', async () => {
      const { orderId } = await pendingOrder();
      const body = cashfreePaymentEvent('PAYMENT_SUCCESS_WEBHOOK', orderId, '135.00');
      const timestamp = String(Date.now());
      const signature = cashfreeSignature(timestamp, body);
      const reformatted = body.replaceAll('135.00', '135');
      expect((await postCashfree(t, reformatted, { 'x-webhook-timestamp': timestamp, 'x-webhook-signature': signature })).status).toBe(401);
      expect((await postCashfree(t, body, { 'x-webhook-timestamp': String(Number(timestamp) + 1), 'x-webhook-signature': signature })).status).toBe(401);
      expect((await postCashfree(t, body, { 'x-webhook-timestamp': '' })).status).toBe(401);
      expect(await eventsOf(orderId)).toEqual([]);
      expect((await postCashfree(t, body, { 'x-webhook-timestamp': timestamp, 'x-webhook-signature': signature })).body.outcome).toBe('PROCESSED');
    });

    it('counts failed and dropped attempts, keys events by type and payment id, and pays a later success once', async () => {
      const { b, orderId } = await pendingOrder();
      const failed = cashfreePaymentEvent('PAYMENT_FAILED_WEBHOOK', orderId, '135.00', '7001');
      expect((await postCashfree(t, failed)).body.outcome).toBe('PROCESSED');
      expect((await postCashfree(t, failed)).body).toEqual({ id: null, outcome: 'DUPLICATE' });
      expect((await postCashfree(t, cashfreePaymentEvent('PAYMENT_USER_DROPPED_WEBHOOK', orderId, '135.00', '7002'))).body.outcome).toBe('PROCESSED');
      expect(await orderState(orderId)).toMatchObject({ status: 'PENDING', failed_attempts: 2 });
      const success = cashfreePaymentEvent('PAYMENT_SUCCESS_WEBHOOK', orderId, '135.00', '7003');
      expect((await postCashfree(t, success)).body.outcome).toBe('PROCESSED');
      expect((await postCashfree(t, success)).body.outcome).toBe('DUPLICATE');
      expect(await orderState(orderId)).toMatchObject({ status: 'PAID', transaction_id: '7003' });
      expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
    });
  });

  describe('expiry and late captures', () => {
    it('fails PENDING orders older than order_expiry_minutes, and a late capture still pays one, flagged for an admin', async () => {
      const stale = await pendingOrder();
      const fresh = await pendingOrder();
      await t.db.query(`UPDATE orders SET created_at = now() - interval '1441 minutes' WHERE id = $1`, [stale.orderId]);
      const orders = t.app.get(OrdersService);
      expect(await orders.expireStale()).toBe(1);
      expect(await orderState(stale.orderId)).toMatchObject({ status: 'FAILED' });
      expect((await orderState(stale.orderId)).expired_at).not.toBeNull();
      expect(await orderState(fresh.orderId)).toMatchObject({ status: 'PENDING' });

      // the bot cannot pay an expired order; the gateway, which took the money, does
      expect(codeOf(await t.bot(CONFIRM, { input: { orderId: String(stale.orderId), transactionId: 'UPI-LATE' } }))).toBe('CONFLICT');
      const late = await postRazorpay(t, razorpayPaymentEvent('payment.captured', stale.orderId));
      expect(late.body.outcome).toBe('PROCESSED');
      expect(await orderState(stale.orderId)).toMatchObject({ status: 'PAID', failed_at: null });
      expect(await walletOf(t, stale.b)).toMatchObject({ pending: 2800 });
      const [event] = await eventsOf(stale.orderId);
      expect(event).toMatchObject({ outcome: 'PROCESSED', needs_review: true });
      expect(event.note).toMatch(/paid late/);
      const review = await t.admin('{ allPaymentEvents(filter: { needsReview: true, outcome: PROCESSED }) { orderId } }');
      expect(review.data!.allPaymentEvents.map((row: { orderId: string }) => row.orderId)).toContain(String(stale.orderId));
    });

    it('follows order_expiry_minutes and lets one runner work at a time', async () => {
      const { orderId } = await pendingOrder();
      await t.db.query(`UPDATE orders SET created_at = now() - interval '11 minutes' WHERE id = $1`, [orderId]);
      const orders = t.app.get(OrdersService);
      expect(await orders.expireStale()).toBe(0);
      await setSetting(t, 'order_expiry_minutes', 10);
      const holder = await t.db.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1)', [0x07770003]);
        expect(await orders.expireStale()).toBeNull();
        expect(await orderState(orderId)).toMatchObject({ status: 'PENDING' });
      } finally {
        await holder.query('ROLLBACK');
        holder.release();
      }
      expect(await orders.expireStale(1)).toBe(1);
      expect(await orderState(orderId)).toMatchObject({ status: 'FAILED' });
      await setSetting(t, 'order_expiry_minutes', 1440);
    });
  });

  describe('bot_payment_confirmation_enabled', () => {
    it("off: the bot's confirmPayment is FORBIDDEN and changes nothing; a gateway still pays", async () => {
      const { b, orderId } = await pendingOrder();
      await setSetting(t, 'bot_payment_confirmation_enabled', false);
      try {
        const refused = await t.bot(CONFIRM, { input: { orderId: String(orderId), transactionId: 'UPI-NOT-TRUSTED' } });
        expect(codeOf(refused)).toBe('FORBIDDEN');
        expect(await orderState(orderId)).toMatchObject({ status: 'PENDING', transaction_id: null });
        expect((await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId))).body.outcome).toBe('PROCESSED');
        expect(await walletOf(t, b)).toMatchObject({ pending: 2800 });
      } finally {
        await setSetting(t, 'bot_payment_confirmation_enabled', true);
      }
      const { orderId: next } = await pendingOrder();
      expect((await t.bot(CONFIRM, { input: { orderId: String(next), transactionId: `UPI-TRUSTED-${next}` } })).errors).toBeUndefined();
    });
  });

  describe('the PaymentEvent admin resource', () => {
    it('lists, filters, counts and shows events with their order; the bot may not read them', async () => {
      const { orderId } = await pendingOrder();
      await postRazorpay(t, razorpayPaymentEvent('payment.failed', orderId));
      await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId, { amount: 1 }));
      const filter = { orderId: String(orderId), gateway: 'RAZORPAY' };
      const list = await t.admin(
        `query($filter: PaymentEventFilter) {
           allPaymentEvents(filter: $filter, sortField: "id", sortOrder: "ASC") { id type kind outcome amount needsReview order { id status paymentReference } }
           _allPaymentEventsMeta(filter: $filter) { count }
         }`,
        { filter },
      );
      expect(list.errors).toBeUndefined();
      expect(list.data!._allPaymentEventsMeta.count).toBe(2);
      expect(list.data!.allPaymentEvents.map((row: { type: string; outcome: string }) => [row.type, row.outcome])).toEqual([
        ['payment.failed', 'PROCESSED'],
        ['payment.captured', 'AMOUNT_MISMATCH'],
      ]);
      expect(list.data!.allPaymentEvents[0].order).toEqual({ id: String(orderId), status: 'PENDING', paymentReference: `ott_${orderId}` });

      const mismatched = await t.admin('query($f: PaymentEventFilter) { _allPaymentEventsMeta(filter: $f) { count } }', { f: { ...filter, outcome: 'AMOUNT_MISMATCH', type: 'payment.captured' } });
      expect(mismatched.data!._allPaymentEventsMeta.count).toBe(1);
      const future = await t.admin('query($f: PaymentEventFilter) { _allPaymentEventsMeta(filter: $f) { count } }', { f: { ...filter, createdAtGte: new Date(Date.now() + 60_000).toISOString() } });
      expect(future.data!._allPaymentEventsMeta.count).toBe(0);
      const byReference = await t.admin('query($f: PaymentEventFilter) { _allPaymentEventsMeta(filter: $f) { count } }', { f: { q: `ott_${orderId}` } });
      expect(byReference.data!._allPaymentEventsMeta.count).toBe(2);

      const one = await t.admin('query($id: ID!) { PaymentEvent(id: $id) { gateway eventKey body createdAt } }', { id: list.data!.allPaymentEvents[1].id });
      expect(one.data!.PaymentEvent.gateway).toBe('RAZORPAY');
      expect(JSON.parse(one.data!.PaymentEvent.body).event).toBe('payment.captured');
      expect(codeOf(await t.bot('{ allPaymentEvents { id } }'))).toBe('FORBIDDEN');
    });

    it('lets an admin clear an event awaiting review with a note, audited; again is a CONFLICT', async () => {
      const answer = await postRazorpay(t, razorpayPaymentEvent('payment.captured', 987654322));
      const REVIEW = 'mutation($id: ID!, $note: String!) { reviewPaymentEvent(id: $id, note: $note) { needsReview reviewedAt reviewedById reviewNote } }';
      expect(codeOf(await t.admin(REVIEW, { id: String(answer.body.id), note: 'x' }))).toBe('BAD_USER_INPUT');
      const reviewed = await t.admin(REVIEW, { id: String(answer.body.id), note: 'Not our payment: refunded at Razorpay' });
      expect(reviewed.errors).toBeUndefined();
      expect(reviewed.data!.reviewPaymentEvent).toMatchObject({ needsReview: false, reviewNote: 'Not our payment: refunded at Razorpay' });
      expect(reviewed.data!.reviewPaymentEvent.reviewedAt).not.toBeNull();
      expect(codeOf(await t.admin(REVIEW, { id: String(answer.body.id), note: 'again' }))).toBe('CONFLICT');
      expect(codeOf(await t.admin(REVIEW, { id: '987654321', note: 'nothing' }))).toBe('NOT_FOUND');
      const log = await t.db.query(`SELECT action, target_id FROM admin_logs WHERE target_type = 'PaymentEvent'`);
      expect(log.rows).toEqual([{ action: 'reviewPaymentEvent', target_id: String(answer.body.id) }]);
    });
  });
});
