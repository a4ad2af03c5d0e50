import { BadRequestException, Controller, HttpCode, Inject, Post, type RawBodyRequest, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../common/auth/access.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { WebhookErrorsFilter } from '../payments/webhook-errors.filter.js';
import { bodyDigest, singleHeader, verifiedRazorpayStyleBody, webhookBodyText } from '../payments/webhook-signature.js';
import { PayoutsService, type ReceivedPayoutEvent } from './payouts.service.js';
import { toProviderPayout } from './razorpayx.client.js';

const TARGETS = { 'payout.processed': 'PAID', 'payout.failed': 'FAILED', 'payout.rejected': 'FAILED', 'payout.reversed': 'REVERSED' } as const;

/**
 * RazorpayX's payout webhooks, signed like Razorpay's (X-Razorpay-Signature, hex HMAC-SHA256 of
 * the raw body with RAZORPAYX_WEBHOOK_SECRET): 404 while the secret is unset, 401 with nothing
 * stored on a bad signature, 400 for a body that is not a payout event, else 200 once stored.
 */
@Controller('webhooks')
@Public()
@UseFilters(WebhookErrorsFilter)
export class PayoutWebhooksController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PayoutsService) private readonly payouts: PayoutsService,
  ) {}

  @Post('razorpayx')
  @HttpCode(200)
  razorpayx(@Req() request: RawBodyRequest<Request>): Promise<ReceivedPayoutEvent> {
    const raw = verifiedRazorpayStyleBody(request, this.config.RAZORPAYX_WEBHOOK_SECRET);
    const body = request.body as { event?: unknown; payload?: { payout?: { entity?: unknown } } } | undefined;
    const type = typeof body?.event === 'string' ? body.event : null;
    const payout = toProviderPayout(body?.payload?.payout?.entity);
    if (!type || !payout) throw new BadRequestException('Not a RazorpayX payout event (event, payload.payout.entity.id and status required)');
    const text = webhookBodyText(raw);
    const eventId = singleHeader(request, 'x-razorpay-event-id');
    return this.payouts.receive({
      key: eventId ? `evt:${eventId.slice(0, 190)}` : `sha256:${bodyDigest(raw)}`,
      type: type.slice(0, 64),
      target: TARGETS[type as keyof typeof TARGETS] ?? null,
      payout,
      body: text,
    });
  }
}
