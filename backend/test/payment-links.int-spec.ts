import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RecordedRequest, startFakeGateway } from './support/gateways.js';
import { CONFIRM, expectNoDrift, seedUser } from './support/money.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const CREATE = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { id status amount paymentReference paymentUrl paymentGateway } }`;
const LINK = 'mutation($id: ID!) { createPaymentLink(orderId: $id) { id status paymentUrl paymentGateway paymentLinkId } }';

type Answer = { status: number; body: unknown; delayMs?: number };

describe('payment links from the gateway', () => {
  describe('Razorpay', () => {
    let t: TestApp;
    let answer: (request: RecordedRequest) => Answer;
    let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
    const linkAnswer = (request: RecordedRequest): Answer => {
      const body = JSON.parse(request.body);
      return { status: 200, body: { id: `plink_${body.reference_id}`, short_url: `https://rzp.io/i/${body.reference_id}`, status: 'created', amount: body.amount } };
    };
    beforeAll(async () => {
      gateway = await startFakeGateway((request) => answer(request));
      t = await startTestApp({
        env: { PAYMENT_GATEWAY: 'razorpay', RAZORPAY_KEY_ID: 'rzp_test_key', RAZORPAY_KEY_SECRET: 'rzp_test_secret', RAZORPAY_API_URL: gateway.url, PAYMENT_GATEWAY_TIMEOUT_MS: '400' },
      });
    });
    afterAll(async () => {
      await expectNoDrift(t);
      await t.close();
      await gateway.close();
    });
    const createOrder = async () => {
      const user = await seedUser(t);
      const result = await t.bot(CREATE, { input: { telegramId: user.telegramId, paymentMethod: 'UPI' } });
      expect(result.errors).toBeUndefined();
      return result.data!.createOrder;
    };

    it('creates a UPI payment link with basic auth, the amount in paise and our reference, and answers its short_url', async () => {
      answer = linkAnswer;
      const before = gateway.requests.length;
      const order = await createOrder();
      const reference = `ott_${order.id}`;
      expect(order).toMatchObject({ status: 'PENDING', paymentReference: reference, paymentUrl: `https://rzp.io/i/${reference}`, paymentGateway: 'RAZORPAY' });
      expect(gateway.requests).toHaveLength(before + 1);
      const request = gateway.requests[before];
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/v1/payment_links');
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('rzp_test_key:rzp_test_secret').toString('base64')}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request.body)).toMatchObject({ amount: 13500, currency: 'INR', reference_id: reference, upi_link: true, notes: { payment_reference: reference } });
      const stored = await t.db.query('SELECT payment_url, payment_link_id FROM orders WHERE id = $1', [order.id]);
      expect(stored.rows[0]).toEqual({ payment_url: `https://rzp.io/i/${reference}`, payment_link_id: `plink_${reference}` });
    });

    it('still creates the order when the gateway answers 500 or too slowly (paymentUrl null), and createPaymentLink retries', async () => {
      answer = () => ({ status: 500, body: { error: { code: 'SERVER_ERROR', description: 'The server encountered an error' } } });
      const failed = await createOrder();
      expect(failed).toMatchObject({ status: 'PENDING', paymentUrl: null, paymentGateway: null });

      answer = (request) => ({ ...linkAnswer(request), delayMs: 2000 });
      const started = Date.now();
      const slow = await createOrder();
      expect(Date.now() - started).toBeLessThan(1900);
      expect(slow.paymentUrl).toBeNull();

      const refused = await t.bot(LINK, { id: failed.id });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: 'PAYMENT_GATEWAY_UNAVAILABLE' });

      answer = linkAnswer;
      const retried = await t.bot(LINK, { id: failed.id });
      expect(retried.errors).toBeUndefined();
      // each attempt gets its own reference_id (unique per link at Razorpay), the same payment_reference
      expect(retried.data!.createPaymentLink).toMatchObject({ status: 'PENDING', paymentUrl: `https://rzp.io/i/ott_${failed.id}-3`, paymentGateway: 'RAZORPAY' });
      expect(JSON.parse(gateway.requests.at(-1)!.body).notes).toEqual({ payment_reference: `ott_${failed.id}` });
    });

    it('refuses createPaymentLink for an order that is not PENDING (CONFLICT), an unknown one (NOT_FOUND), and to an admin', async () => {
      answer = linkAnswer;
      const order = await createOrder();
      await t.bot(CONFIRM, { input: { orderId: order.id, transactionId: `UPI-LINK-${order.id}` } });
      const calls = gateway.requests.length;
      expect(codeOf(await t.bot(LINK, { id: order.id }))).toBe('CONFLICT');
      expect(codeOf(await t.bot(LINK, { id: '987654321' }))).toBe('NOT_FOUND');
      expect(codeOf(await t.bot(LINK, { id: 'abc' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.admin(LINK, { id: order.id }))).toBe('FORBIDDEN');
      expect(gateway.requests).toHaveLength(calls);
    });

    it('answers 404 at a webhook whose secret is unset', async () => {
      for (const path of ['/webhooks/razorpay', '/webhooks/cashfree']) {
        const response = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event":"payment.captured"}' });
        expect(response.status).toBe(404);
      }
    });
  });

  describe('Cashfree', () => {
    let t: TestApp;
    let answer: (request: RecordedRequest) => Answer;
    let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
    const session = (orderId: string) => ({ cf_order_id: 2149460581, order_id: orderId, order_status: 'ACTIVE', payment_session_id: `session_${orderId}` });
    beforeAll(async () => {
      gateway = await startFakeGateway((request) => answer(request));
      t = await startTestApp({
        env: {
          PAYMENT_GATEWAY: 'cashfree',
          CASHFREE_APP_ID: 'cf_test_app',
          CASHFREE_SECRET_KEY: 'cf_test_secret_key',
          CASHFREE_API_URL: `${gateway.url}/pg`,
          CASHFREE_CHECKOUT_URL: 'https://pay.example.com/checkout?session={payment_session_id}&order={order_id}',
          PAYMENT_GATEWAY_TIMEOUT_MS: '400',
        },
      });
    });
    afterAll(async () => {
      await t.close();
      await gateway.close();
    });
    const createOrder = async () => {
      const user = await seedUser(t);
      const result = await t.bot(CREATE, { input: { telegramId: user.telegramId, paymentMethod: 'UPI' } });
      expect(result.errors).toBeUndefined();
      return result.data!.createOrder;
    };

    it('creates a Cashfree order with order_id = our reference and the amount in rupees written exactly (135.00)', async () => {
      answer = (request) => ({ status: 200, body: session(JSON.parse(request.body).order_id) });
      const order = await createOrder();
      const reference = `ott_${order.id}`;
      expect(order).toMatchObject({ paymentGateway: 'CASHFREE', paymentUrl: `https://pay.example.com/checkout?session=session_${reference}&order=${reference}` });
      const request = gateway.requests.at(-1)!;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/pg/orders');
      expect(request.headers).toMatchObject({ 'x-client-id': 'cf_test_app', 'x-client-secret': 'cf_test_secret_key', 'x-api-version': '2023-08-01' });
      expect(request.body).toContain('"order_amount":135.00');
      expect(JSON.parse(request.body)).toMatchObject({ order_id: reference, order_currency: 'INR', customer_details: { customer_id: expect.stringMatching(/^user_\d+$/) } });
    });

    it("uses the payment_link Cashfree answers when there is one, and fetches an order that already exists on a retry", async () => {
      answer = (request) => ({ status: 200, body: { ...session(JSON.parse(request.body).order_id), payment_link: 'https://payments.cashfree.com/order/#tok' } });
      expect((await createOrder()).paymentUrl).toBe('https://payments.cashfree.com/order/#tok');

      answer = () => ({ status: 500, body: { message: 'internal error', code: 'internal_error', type: 'api_error' } });
      const failed = await createOrder();
      expect(failed.paymentUrl).toBeNull();
      const reference = `ott_${failed.id}`;
      answer = (request) =>
        request.method === 'POST'
          ? { status: 409, body: { message: 'order with same id is already present', code: 'order_already_exists', type: 'invalid_request_error' } }
          : { status: 200, body: session(reference) };
      const retried = await t.bot(LINK, { id: failed.id });
      expect(retried.errors).toBeUndefined();
      expect(retried.data!.createPaymentLink.paymentUrl).toBe(`https://pay.example.com/checkout?session=session_${reference}&order=${reference}`);
      expect(gateway.requests.at(-1)).toMatchObject({ method: 'GET', url: `/pg/orders/${reference}` });
    });
  });
});
