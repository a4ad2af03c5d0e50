import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { TestApp } from './test-app.js';

export const RAZORPAY_WEBHOOK_SECRET = 'test-razorpay-webhook-secret';
export const CASHFREE_SECRET_KEY = 'test-cashfree-secret-key';

let paymentCounter = 0;
export function paymentId(prefix = 'pay_'): string {
  paymentCounter += 1;
  return `${prefix}T${Date.now().toString(36)}${paymentCounter}`;
}

/** A Razorpay payment event body as Razorpay sends it (payload.payment.entity, amount in paise). */
export function razorpayPaymentEvent(event: string, orderId: number | string | null, options: { amount?: number; payment?: string; currency?: string } = {}): string {
  const entity = {
    id: options.payment ?? paymentId(),
    entity: 'payment',
    amount: options.amount ?? 13500,
    currency: options.currency ?? 'INR',
    status: event === 'payment.failed' ? 'failed' : event === 'payment.authorized' ? 'authorized' : 'captured',
    order_id: 'order_Test123',
    method: 'upi',
    vpa: 'buyer@okaxis',
    notes: orderId === null ? [] : { payment_reference: `ott_${orderId}` },
    error_code: event === 'payment.failed' ? 'BAD_REQUEST_ERROR' : null,
    error_description: event === 'payment.failed' ? 'Payment was unsuccessful as the UPI app declined it' : null,
    acquirer_data: { rrn: '431234567890' },
    created_at: Math.floor(Date.now() / 1000),
  };
  return JSON.stringify({ entity: 'event', account_id: 'acc_Test', event, contains: ['payment'], payload: { payment: { entity } }, created_at: Math.floor(Date.now() / 1000) });
}

/** A Razorpay refund.processed body for `payment` (the refunded payment's notes carry our reference). */
export function razorpayRefundEvent(orderId: number | string, payment: string, amount: number): string {
  return JSON.stringify({
    entity: 'event',
    account_id: 'acc_Test',
    event: 'refund.processed',
    contains: ['refund', 'payment'],
    payload: {
      refund: { entity: { id: paymentId('rfnd_'), entity: 'refund', amount, currency: 'INR', payment_id: payment, status: 'processed' } },
      payment: { entity: { id: payment, entity: 'payment', amount: 13500, currency: 'INR', status: 'refunded', notes: { payment_reference: `ott_${orderId}` } } },
    },
    created_at: Math.floor(Date.now() / 1000),
  });
}

export function razorpaySignature(body: string, secret = RAZORPAY_WEBHOOK_SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export interface WebhookAnswer {
  status: number;
  body: any;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<WebhookAnswer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

/** POSTs a Razorpay webhook, signed over `body` unless headers say otherwise. */
export function postRazorpay(t: TestApp, body: string, headers: Record<string, string> = {}, eventId: string = `evt_${randomUUID()}`): Promise<WebhookAnswer> {
  return post(`${t.url}/webhooks/razorpay`, body, { 'x-razorpay-signature': razorpaySignature(body), 'x-razorpay-event-id': eventId, ...headers });
}

/**
 * A Cashfree payment webhook body (version 2023-08-01); `amount` is written into the JSON as is,
 * so "135.00" reaches us as the number 135.00.
 */
export function cashfreePaymentEvent(type: string, orderId: number | string, amount: string, payment: string = String(Date.now() * 1000 + ++paymentCounter)): string {
  const status = type === 'PAYMENT_SUCCESS_WEBHOOK' ? 'SUCCESS' : type === 'PAYMENT_FAILED_WEBHOOK' ? 'FAILED' : 'USER_DROPPED';
  return `{"data":{"order":{"order_id":"ott_${orderId}","order_amount":${amount},"order_currency":"INR","order_tags":null},` +
    `"payment":{"cf_payment_id":${payment},"payment_status":"${status}","payment_amount":${amount},"payment_currency":"INR","payment_message":"00::Transaction success",` +
    `"payment_time":"2026-12-01T12:00:00+05:30","bank_reference":"431234567890","auth_id":null,"payment_method":{"upi":{"channel":"collect","upi_id":"buyer@okaxis"}},"payment_group":"upi"},` +
    `"customer_details":{"customer_name":null,"customer_id":"user_1","customer_email":null,"customer_phone":"9999999999"},` +
    `"error_details":${status === 'SUCCESS' ? 'null' : '{"error_code":"TRANSACTION_DECLINED","error_description":"declined by the bank"}'}},` +
    `"event_time":"2026-12-01T12:00:01+05:30","type":"${type}"}`;
}

export function cashfreeSignature(timestamp: string, body: string, secret = CASHFREE_SECRET_KEY): string {
  return createHmac('sha256', secret).update(timestamp + body).digest('base64');
}

export function postCashfree(t: TestApp, body: string, headers: Record<string, string> = {}): Promise<WebhookAnswer> {
  const timestamp = String(Date.now());
  return post(`${t.url}/webhooks/cashfree`, body, {
    'x-webhook-timestamp': timestamp,
    'x-webhook-signature': cashfreeSignature(timestamp, body),
    'x-webhook-version': '2023-08-01',
    'x-webhook-attempt': '1',
    ...headers,
  });
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A fake gateway API on loopback: records each request and answers with `respond`. */
export async function startFakeGateway(respond: (request: RecordedRequest) => { status: number; body: unknown; delayMs?: number }) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = respond(recorded);
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
