import { Controller, HttpCode, Inject, NotFoundException, Post, type RawBodyRequest, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../common/auth/access.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { cashfreeEvent, razorpayEvent } from './gateway-events.js';
import { PaymentsService, type ReceivedEvent } from './payments.service.js';
import { WebhookErrorsFilter } from './webhook-errors.filter.js';
import { singleHeader, verifiedRazorpayStyleBody, verifyTimestampedBase64Signature, webhookBodyText, webhookRawBody } from './webhook-signature.js';

/**
 * The gateways' webhooks (plain HTTP, not GraphQL). Each checks its signature over the raw
 * body before reading it: a bad or missing one is 401 with nothing stored; an endpoint whose
 * secret is unset is 404; a body that is not an event is 400. A verified event is answered 200
 * once it is stored, whatever its outcome, so the gateway stops retrying.
 */
@Controller('webhooks')
@Public()
@UseFilters(WebhookErrorsFilter)
export class WebhooksController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(PaymentsService) private readonly payments: PaymentsService,
  ) {}

  @Post('razorpay')
  @HttpCode(200)
  razorpay(@Req() request: RawBodyRequest<Request>): Promise<ReceivedEvent> {
    const raw = verifiedRazorpayStyleBody(request, this.config.RAZORPAY_WEBHOOK_SECRET);
    const event = razorpayEvent(request.body, singleHeader(request, 'x-razorpay-event-id'), raw);
    return this.payments.receive(event, webhookBodyText(raw));
  }

  @Post('cashfree')
  @HttpCode(200)
  cashfree(@Req() request: RawBodyRequest<Request>): Promise<ReceivedEvent> {
    const secret = this.config.CASHFREE_SECRET_KEY;
    if (!secret) throw new NotFoundException();
    const raw = webhookRawBody(request);
    verifyTimestampedBase64Signature(secret, singleHeader(request, 'x-webhook-timestamp'), raw, singleHeader(request, 'x-webhook-signature'));
    return this.payments.receive(cashfreeEvent(raw), webhookBodyText(raw));
  }
}

