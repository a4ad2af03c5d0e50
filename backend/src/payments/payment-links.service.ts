import { Inject, Injectable, Logger } from '@nestjs/common';
import { LosslessNumber, stringify } from 'lossless-json';
import { AppConfig } from '../config/app-config.js';
import { PaymentGateway, paymentReferenceOf } from './payment-gateway.js';
import { paiseToRupees } from './rupees.js';

/** What a payment link is made for: the order's id, amount (paise), buyer and plan. */
export interface LinkRequest {
  orderId: number;
  amount: number;
  userId: number;
  productName: string;
  /** 1 for the order's first link; a retry after a failure may find a link the gateway made but we never heard about. */
  attempt: number;
}

export interface PaymentLink {
  gateway: PaymentGateway;
  url: string;
  linkId: string;
}

/** A gateway call that failed: timed out, refused, or answered something we cannot use. */
export class GatewayCallError extends Error {}

interface GatewayAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/**
 * Creates payment links at the configured gateway (PAYMENT_GATEWAY). Each call is bounded by
 * PAYMENT_GATEWAY_TIMEOUT_MS and made outside any database transaction.
 */
@Injectable()
export class PaymentLinksService {
  private readonly logger = new Logger(PaymentLinksService.name);

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.PAYMENT_GATEWAY !== 'none';
  }

  async create(request: LinkRequest): Promise<PaymentLink> {
    switch (this.config.PAYMENT_GATEWAY) {
      case 'razorpay':
        return this.razorpay(request);
      case 'cashfree':
        return this.cashfree(request);
      default:
        throw new GatewayCallError('No payment gateway is configured (PAYMENT_GATEWAY=none)');
    }
  }

  /** Razorpay payment link (POST /v1/payment_links, basic auth), UPI enabled; our reference in notes.payment_reference. */
  private async razorpay(request: LinkRequest): Promise<PaymentLink> {
    const reference = paymentReferenceOf(request.orderId);
    const auth = Buffer.from(`${this.config.RAZORPAY_KEY_ID}:${this.config.RAZORPAY_KEY_SECRET}`).toString('base64');
    const answer = await this.call(`${this.config.RAZORPAY_API_URL}/v1/payment_links`, {
      method: 'POST',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: request.amount,
        currency: 'INR',
        accept_partial: false,
        // reference_id is unique per link at Razorpay: a retry may follow a link that was made
        // but whose answer was lost, so later attempts carry their number
        reference_id: request.attempt > 1 ? `${reference}-${request.attempt}` : reference,
        description: request.productName.slice(0, 2048),
        upi_link: true,
        notes: { payment_reference: reference },
      }),
    });
    const url = answer.body?.short_url;
    const id = answer.body?.id;
    if (answer.status >= 300 || typeof url !== 'string' || typeof id !== 'string') throw this.refused('Razorpay', answer);
    return { gateway: PaymentGateway.RAZORPAY, url, linkId: id };
  }

  /** Cashfree order with order_id = our reference; an order that already exists (a retry) is fetched instead. */
  private async cashfree(request: LinkRequest): Promise<PaymentLink> {
    const reference = paymentReferenceOf(request.orderId);
    const headers = {
      'x-client-id': this.config.CASHFREE_APP_ID ?? '',
      'x-client-secret': this.config.CASHFREE_SECRET_KEY ?? '',
      'x-api-version': this.config.CASHFREE_API_VERSION,
      'content-type': 'application/json',
    };
    let answer = await this.call(`${this.config.CASHFREE_API_URL}/orders`, {
      method: 'POST',
      headers,
      body: stringify({
        order_id: reference,
        // rupees as a JSON number written from the exact decimal (135.00), never through a float
        order_amount: new LosslessNumber(paiseToRupees(request.amount)),
        order_currency: 'INR',
        customer_details: { customer_id: `user_${request.userId}`, customer_phone: this.config.CASHFREE_CUSTOMER_PHONE },
        order_meta: { payment_methods: 'upi' },
        order_note: request.productName.slice(0, 200),
      }) as string,
    });
    if (answer.status === 409 || answer.body?.code === 'order_already_exists') {
      answer = await this.call(`${this.config.CASHFREE_API_URL}/orders/${encodeURIComponent(reference)}`, { method: 'GET', headers });
    }
    if (answer.status >= 300 || !answer.body) throw this.refused('Cashfree', answer);
    const url = this.cashfreeUrl(answer.body, reference);
    if (!url) throw this.refused('Cashfree', answer);
    return { gateway: PaymentGateway.CASHFREE, url, linkId: String(answer.body.cf_order_id ?? reference) };
  }

  /** The link Cashfree answered (payment_link, API versions up to 2022-01-01), else our checkout page for the session. */
  private cashfreeUrl(body: Record<string, unknown>, reference: string): string | null {
    if (typeof body.payment_link === 'string') return body.payment_link;
    const session = body.payment_session_id;
    if (typeof session !== 'string' || !this.config.CASHFREE_CHECKOUT_URL) return null;
    return this.config.CASHFREE_CHECKOUT_URL.replaceAll('{payment_session_id}', encodeURIComponent(session)).replaceAll('{order_id}', reference);
  }

  private async call(url: string, init: RequestInit): Promise<GatewayAnswer> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.PAYMENT_GATEWAY_TIMEOUT_MS) });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new GatewayCallError(timedOut ? `no answer within ${this.config.PAYMENT_GATEWAY_TIMEOUT_MS} ms` : `unreachable (${(error as Error).message})`);
    }
    const text = await response.text().catch(() => '');
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    return { status: response.status, body };
  }

  private refused(gateway: string, answer: GatewayAnswer): GatewayCallError {
    const error = answer.body?.error as { description?: unknown } | undefined;
    const message = typeof error?.description === 'string' ? error.description : typeof answer.body?.message === 'string' ? answer.body.message : 'no usable link in the answer';
    this.logger.debug(`${gateway} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return new GatewayCallError(`${gateway} answered HTTP ${answer.status}: ${message}`);
  }
}
