import { type RecordedRequest, startFakeGateway } from './gateways.js';

export type RazorpayXMode = 'ok' | '500' | 'timeout' | '400';

/**
 * A fake RazorpayX on loopback: a payout per idempotency key (a repeated key answers the payout
 * it made, as RazorpayX does). `modes` are consumed one per POST; `keyModes` (per idempotency
 * key) first, for concurrent callers that must not take each other's. A timed-out request still
 * makes its payout, as a real lost answer would.
 */
export async function startFakeRazorpayX() {
  const payouts = new Map<string, Record<string, unknown>>();
  const byId = new Map<string, Record<string, unknown>>();
  const modes: RazorpayXMode[] = [];
  const keyModes = new Map<string, RazorpayXMode[]>();
  let counter = 0;
  const server = await startFakeGateway((request: RecordedRequest) => {
    if (request.method === 'GET') {
      const payout = byId.get(request.url.replace('/v1/payouts/', ''));
      return payout ? { status: 200, body: payout } : { status: 404, body: { error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' } } };
    }
    const key = String(request.headers['x-payout-idempotency']);
    const mode = keyModes.get(key)?.shift() ?? modes.shift() ?? 'ok';
    if (mode === '500') return { status: 500, body: { error: { code: 'SERVER_ERROR', description: 'We are facing some trouble' } } };
    if (mode === '400') return { status: 400, body: { error: { code: 'BAD_REQUEST_ERROR', description: 'Invalid VPA. Please enter a valid Virtual Payment Address' } } };
    let payout = payouts.get(key);
    if (!payout) {
      const body = JSON.parse(request.body);
      counter += 1;
      payout = { id: `pout_Fake${counter}`, entity: 'payout', amount: body.amount, currency: 'INR', status: 'processing', mode: 'UPI', reference_id: body.reference_id, utr: null, status_details: null };
      payouts.set(key, payout);
      byId.set(payout.id as string, payout);
    }
    return { status: 200, body: payout, delayMs: mode === 'timeout' ? 1500 : 0 };
  });
  return { ...server, payouts, byId, modes, keyModes, posts: () => server.requests.filter((r) => r.method === 'POST') };
}

export type FakeRazorpayX = Awaited<ReturnType<typeof startFakeRazorpayX>>;

/** A RazorpayX webhook body for `event` about `payout`, with `changes` applied to the entity. */
export function payoutEvent(event: string, payout: Record<string, unknown>, changes: Record<string, unknown> = {}): string {
  const entity = { ...payout, ...changes };
  return JSON.stringify({ entity: 'event', account_id: 'acc_Test', event, contains: ['payout'], payload: { payout: { entity } }, created_at: Math.floor(Date.now() / 1000) });
}
