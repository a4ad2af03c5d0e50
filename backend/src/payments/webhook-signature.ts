import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestException, NotFoundException, PayloadTooLargeException, type RawBodyRequest, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';

/** Gateways' webhook bodies are a few kilobytes; anything far larger is not one. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * The exact bytes a webhook was signed over (Nest's `rawBody: true` keeps them on the request
 * for JSON bodies). 400 without a JSON body, 413 above WEBHOOK_BODY_LIMIT.
 */
export function webhookRawBody(request: RawBodyRequest<Request>): Buffer {
  const raw = request.rawBody;
  if (!raw?.length) throw new BadRequestException('Expected a JSON body (content-type: application/json)');
  if (raw.length > WEBHOOK_BODY_LIMIT) throw new PayloadTooLargeException(`A webhook body may be at most ${WEBHOOK_BODY_LIMIT} bytes`);
  return raw;
}

/** One header's value, or undefined when absent or repeated. */
export function singleHeader(request: Request, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares a received signature with the expected one in constant time (both hashed to one length first). */
function sameSignature(expected: string, received: string | undefined): boolean {
  if (!received) return false;
  return timingSafeEqual(digest(expected), digest(received.trim()));
}

/**
 * Razorpay's (and RazorpayX's) webhook signature: lowercase hex HMAC-SHA256 of the raw body
 * with the webhook secret, in `X-Razorpay-Signature`. Throws 401 when it does not match.
 */
export function verifyHexHmacSignature(secret: string, rawBody: Buffer, received: string | undefined): void {
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
  if (!sameSignature(expected, received?.toLowerCase())) throw new UnauthorizedException('Invalid or missing webhook signature');
}

/**
 * Cashfree's webhook signature: base64 HMAC-SHA256 of `x-webhook-timestamp` followed by the raw
 * body, with the secret key, in `x-webhook-signature`. Throws 401 when it does not match.
 */
export function verifyTimestampedBase64Signature(secret: string, timestamp: string | undefined, rawBody: Buffer, received: string | undefined): void {
  if (!timestamp) throw new UnauthorizedException('Missing webhook timestamp');
  const expected = createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
  if (!sameSignature(expected, received)) throw new UnauthorizedException('Invalid or missing webhook signature');
}

/** sha256 of a body, hex: the event key of an event that carries no id of its own. */
export function bodyDigest(rawBody: Buffer): string {
  return createHash('sha256').update(rawBody).digest('hex');
}

/**
 * The raw body of a webhook signed the Razorpay way (Razorpay's payments, RazorpayX's payouts):
 * X-Razorpay-Signature, hex HMAC-SHA256 of the raw body. 404 while the endpoint's secret is
 * unset, 401 on a bad or missing signature, before anything reads the body.
 */
export function verifiedRazorpayStyleBody(request: RawBodyRequest<Request>, secret: string | undefined): Buffer {
  if (!secret) throw new NotFoundException();
  const raw = webhookRawBody(request);
  verifyHexHmacSignature(secret, raw, singleHeader(request, 'x-razorpay-signature'));
  return raw;
}

/** The body as text for the record; PostgreSQL text refuses NUL bytes, which no JSON event carries. */
export function webhookBodyText(raw: Buffer): string {
  const text = raw.toString('utf8');
  if (text.includes('\u0000')) throw new BadRequestException('The body contains a NUL byte');
  return text;
}
