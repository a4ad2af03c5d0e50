import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type BotHarness, buttons, startBot } from './support/bot-harness.js';
import { postRazorpay, RAZORPAY_WEBHOOK_SECRET, razorpayPaymentEvent, startFakeGateway } from './support/gateways.js';
import { expectNoDrift } from './support/money.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the bot with a payment gateway: /buy sends the payment link, the gateway’s webhook pays, the bot announces it', () => {
  let t: TestApp;
  let harness: BotHarness;
  let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
  let gatewayDown = false;

  beforeAll(async () => {
    gateway = await startFakeGateway((request) => {
      if (gatewayDown) return { status: 500, body: { error: { code: 'SERVER_ERROR' } } };
      const body = JSON.parse(request.body);
      return { status: 200, body: { id: `plink_${body.reference_id}`, short_url: `https://rzp.io/i/${body.reference_id}`, status: 'created', amount: body.amount } };
    });
    t = await startTestApp({
      env: {
        PAYMENT_GATEWAY: 'razorpay', RAZORPAY_KEY_ID: 'rzp_test_key', RAZORPAY_KEY_SECRET: 'rzp_test_secret',
        RAZORPAY_WEBHOOK_SECRET, RAZORPAY_API_URL: gateway.url, PAYMENT_GATEWAY_TIMEOUT_MS: '400',
      },
    });
    harness = await startBot(t);
  });
  afterAll(async () => {
    await harness?.stop();
    await expectNoDrift(t);
    await t?.close();
    await gateway?.close();
  });

  const referrer = { id: 5200000001, first_name: 'Meera' };
  const buyer = { id: 5200000002, first_name: 'Kabir', language_code: 'hi' };

  it('sends the gateway’s payment link as a URL button', async () => {
    const [welcome] = await harness.telegram.user(referrer).send('/start');
    const code = /start=ref_([A-Za-z0-9]+)/.exec(welcome.text)![1];
    await harness.telegram.user(buyer).send(`/start ref_${code}`);
    const [order] = await harness.telegram.user(buyer).send('/buy');
    const orderId = /#(\d+)/.exec(order.text)![1];
    const pay = buttons(order).find((button) => button.url);
    expect(pay).toEqual({ text: '💳 ₹135.00 का भुगतान करें', url: expect.stringMatching(/^https:\/\/rzp\.io\/i\//) });
    expect(order.text).toContain('UPI से भुगतान करने के लिए नीचे बटन दबाएँ');

    // the Razorpay capture pays the order; the buyer hears of it with their next message
    const captured = await postRazorpay(t, razorpayPaymentEvent('payment.captured', orderId));
    expect(captured.status).toBe(200);
    const replies = await harness.telegram.user(buyer).send('/wallet');
    expect(replies[0].text).toContain(`ऑर्डर #${orderId}`);
    expect(replies[0].text).toContain('भुगतान मिल गया');
    const [wallet] = await harness.telegram.user(referrer).send('/wallet');
    expect(wallet.text).toContain('Pending: ₹28.00');
  });

  it('a gateway that cannot make a link gets an apology, and the next /buy makes one', async () => {
    const someone = harness.telegram.user({ id: 5200000003, first_name: 'Isha' });
    gatewayDown = true;
    let refused;
    try {
      [refused] = await someone.send('/buy');
    } finally {
      gatewayDown = false;
    }
    expect(refused.text).toBe("Sorry, we can't reach our service right now. Please try again in a minute — your money and earnings are safe.");
    const [order] = await someone.send('/buy');
    expect(buttons(order).find((button) => button.url)?.url).toMatch(/^https:\/\/rzp\.io\/i\//);
  });
});
