import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';

/** What we send for one withdrawal. */
export interface PayoutRequest {
  withdrawalId: number;
  userId: number;
  /** Paise. */
  amount: number;
  upiId: string;
  contactName: string;
}

/** A payout as RazorpayX describes it (POST answer, GET /v1/payouts/:id, or a webhook's entity). */
export interface ProviderPayout {
  id: string;
  status: string;
  utr: string | null;
  referenceId: string | null;
  /** status_details.description (or reason), for a failed, rejected or reversed payout. */
  reason: string | null;
  /** The payout's amount in paise; null when absent or not a whole number of paise. */
  amount: number | null;
}

/** A call that did not give a payout. `retryable`: a timeout, a network error or a 5xx (same key again is safe). */
export class PayoutCallError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Attempts per call: the first and two retries, after RETRY_DELAYS_MS. */
const RETRY_DELAYS_MS = [250, 1000];

/** The idempotency key and reference of a withdrawal's payout: the same for every attempt, ever. */
export function payoutKeyOf(withdrawalId: number | string): string {
  return `wd_${withdrawalId}`;
}

/** The withdrawal a payout reference (wd_<id>) names, or null. */
export function withdrawalIdOfReference(reference: string | null | undefined): number | null {
  const match = /^wd_(\d{1,18})$/.exec(reference ?? '');
  return match ? Number(match[1]) : null;
}

/** RazorpayX's narration: at most 30 letters, digits and spaces. */
export const PAYOUT_NARRATION = 'Referral commission payout';

/** Reads a payout entity (JSON from RazorpayX) defensively. */
export function toProviderPayout(entity: unknown): ProviderPayout | null {
  if (!entity || typeof entity !== 'object') return null;
  const e = entity as Record<string, unknown>;
  if (typeof e.id !== 'string' || typeof e.status !== 'string') return null;
  const details = (e.status_details && typeof e.status_details === 'object' ? e.status_details : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  return {
    id: e.id,
    status: e.status,
    utr: text(e.utr),
    referenceId: text(e.reference_id),
    reason: text(details.description) ?? text(details.reason) ?? text(e.failure_reason),
    amount: Number.isSafeInteger(e.amount) && (e.amount as number) > 0 ? (e.amount as number) : null,
  };
}

/**
 * RazorpayX's payouts API: composite UPI payouts (POST /v1/payouts) and their status (GET
 * /v1/payouts/:id), with basic auth. Each attempt is bounded by RAZORPAYX_TIMEOUT_MS; a timeout,
 * network error or 5xx is retried with the same X-Payout-Idempotency key, so RazorpayX answers
 * the payout the first attempt made rather than making a second one.
 */
@Injectable()
export class RazorpayXClient {
  private readonly logger = new Logger(RazorpayXClient.name);

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  createPayout(request: PayoutRequest): Promise<ProviderPayout> {
    const key = payoutKeyOf(request.withdrawalId);
    const body = JSON.stringify({
      account_number: this.config.RAZORPAYX_ACCOUNT_NUMBER,
      amount: request.amount,
      currency: 'INR',
      mode: 'UPI',
      purpose: 'payout',
      queue_if_low_balance: true,
      reference_id: key,
      narration: PAYOUT_NARRATION,
      notes: { withdrawal_id: String(request.withdrawalId) },
      fund_account: {
        account_type: 'vpa',
        vpa: { address: request.upiId },
        contact: { name: request.contactName, type: 'customer', reference_id: `user_${request.userId}` },
      },
    });
    return this.withRetries(`payout ${key}`, () =>
      this.call('POST', '/v1/payouts', { 'content-type': 'application/json', 'x-payout-idempotency': key }, body),
    );
  }

  fetchPayout(payoutId: string): Promise<ProviderPayout> {
    return this.withRetries(`payout ${payoutId}`, () => this.call('GET', `/v1/payouts/${encodeURIComponent(payoutId)}`, {}));
  }

  private async withRetries(what: string, attempt: () => Promise<ProviderPayout>): Promise<ProviderPayout> {
    for (let tries = 0; ; tries += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof PayoutCallError) || !error.retryable || tries >= RETRY_DELAYS_MS.length) throw error;
        this.logger.warn(`RazorpayX ${what}: ${error.message}; retrying with the same key`);
        await sleep(RETRY_DELAYS_MS[tries]);
      }
    }
  }

  private async call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<ProviderPayout> {
    const auth = Buffer.from(`${this.config.RAZORPAYX_KEY_ID}:${this.config.RAZORPAYX_KEY_SECRET}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(`${this.config.RAZORPAYX_API_URL}${path}`, {
        method,
        headers: { authorization: `Basic ${auth}`, ...headers },
        body,
        signal: AbortSignal.timeout(this.config.RAZORPAYX_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new PayoutCallError(timedOut ? `no answer within ${this.config.RAZORPAYX_TIMEOUT_MS} ms` : `unreachable (${(error as Error).message})`, true);
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    if (response.status >= 500) throw new PayoutCallError(`RazorpayX answered HTTP ${response.status}`, true);
    const payout = response.ok ? toProviderPayout(parsed) : null;
    if (payout) return payout;
    const description = (parsed as { error?: { description?: unknown } } | null)?.error?.description;
    throw new PayoutCallError(`RazorpayX answered HTTP ${response.status}: ${typeof description === 'string' ? description.slice(0, 300) : 'no payout in the answer'}`, false);
  }
}
