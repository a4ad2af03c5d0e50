import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { PayoutsService } from '../src/payouts/payouts.service.js';
import { razorpaySignature } from './support/gateways.js';
import { indexedPlan, pagesFetched } from './support/list-plans.js';
import { buy, expectNoDrift, expireHolds, REQUEST_WITHDRAWAL, seedUser, setSetting, walletOf } from './support/money.js';
import { type FakeRazorpayX, payoutEvent, startFakeRazorpayX } from './support/razorpayx.js';
import { codeOf, createAdmin, startTestApp, type TestApp } from './support/test-app.js';

const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status } }';
const SEND = 'mutation($ids: [ID!]!) { sendPayouts(ids: $ids) { id status providerPayoutId failureReason } }';
const FILE = 'query($ids: [ID!]!) { payoutFile(ids: $ids) }';
const SHOW = 'query($id: ID!) { Withdrawal(id: $id) { id status payoutReference providerPayoutId providerStatus failureReason paidAt reversedAt failedAt } }';
const WEBHOOK_SECRET = 'test-razorpayx-webhook-secret';
const KEY_ID = 'rzp_test_payouts';
const KEY_SECRET = 'rzpx_test_secret';
const ACCOUNT = '7878780080316316';

describe('payouts through RazorpayX', () => {
  let t: TestApp;
  let fake: FakeRazorpayX;

  beforeAll(async () => {
    fake = await startFakeRazorpayX();
    t = await startTestApp({
      env: {
        PAYOUT_PROVIDER: 'razorpayx',
        RAZORPAYX_KEY_ID: KEY_ID,
        RAZORPAYX_KEY_SECRET: KEY_SECRET,
        RAZORPAYX_ACCOUNT_NUMBER: ACCOUNT,
        RAZORPAYX_WEBHOOK_SECRET: WEBHOOK_SECRET,
        RAZORPAYX_API_URL: fake.url,
        RAZORPAYX_TIMEOUT_MS: '400',
      },
    });
    // one paid order earns the referrer ₹600 (30% of a ₹2,000 profit); minimum ₹500
    await setSetting(t, 'product_price', 200000);
    await setSetting(t, 'product_cost', 0);
  });
  afterEach(() => expectNoDrift(t));
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  /** A user with ₹600 available who asked for ₹500.01 to their own UPI id, approved. */
  async function approved(upiId?: string) {
    const user = await seedUser(t);
    await buy(t, await seedUser(t, user.id));
    await expireHolds(t);
    await t.admin('mutation { processPendingCommissions }');
    const requested = await t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: user.telegramId, amount: 50001, upiId: upiId ?? `payee${user.telegramId}@okicici` } });
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.requestWithdrawal.id as string;
    expect((await t.admin(APPROVE, { id })).data!.approveWithdrawal.status).toBe('APPROVED');
    return { user, id };
  }

  const show = async (id: string) => (await t.admin(SHOW, { id })).data!.Withdrawal;
  const post = (body: string, signature = razorpaySignature(body, WEBHOOK_SECRET), eventId = `evt_${randomUUID()}`) =>
    fetch(`${t.url}/webhooks/razorpayx`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-razorpay-signature': signature, 'x-razorpay-event-id': eventId }, body });
  const ledgerOf = async (id: string) =>
    (await t.db.query('SELECT type, from_bucket, bucket, amount FROM wallet_transactions WHERE withdrawal_id = $1 ORDER BY id', [id])).rows;

  it('sends one composite UPI payout with basic auth, the account, the VPA, paise and a stable idempotency key', async () => {
    const { user, id } = await approved();
    const before = fake.posts().length;
    const sent = await t.admin(SEND, { ids: [id] });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendPayouts).toEqual([{ id, status: 'PROCESSING', providerPayoutId: expect.stringMatching(/^pout_/), failureReason: null }]);
    const posts = fake.posts().slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe('/v1/payouts');
    expect(posts[0].headers.authorization).toBe(`Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`);
    expect(posts[0].headers['x-payout-idempotency']).toBe(`wd_${id}`);
    expect(JSON.parse(posts[0].body)).toMatchObject({
      account_number: ACCOUNT,
      amount: 50001,
      currency: 'INR',
      mode: 'UPI',
      purpose: 'payout',
      reference_id: `wd_${id}`,
      fund_account: { account_type: 'vpa', vpa: { address: `payee${user.telegramId}@okicici` }, contact: { type: 'customer', reference_id: `user_${user.id}` } },
    });
    expect(JSON.parse(posts[0].body).narration).toMatch(/^[A-Za-z0-9 ]{1,30}$/);
    // the money stays locked while the provider works
    expect(await walletOf(t, user)).toMatchObject({ available: 9999, locked: 50001, withdrawn: 0 });
  });

  it('retries a 500 and a timeout with the same key: one payout at the provider', async () => {
    const { id } = await approved();
    const before = fake.posts().length;
    fake.modes.push('500', 'timeout');
    const sent = await t.admin(SEND, { ids: [id] });
    expect(sent.data!.sendPayouts[0]).toMatchObject({ status: 'PROCESSING', providerPayoutId: expect.stringMatching(/^pout_/) });
    const posts = fake.posts().slice(before);
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.headers['x-payout-idempotency']))).toEqual(new Set([`wd_${id}`]));
    expect([...fake.payouts.keys()].filter((key) => key === `wd_${id}`)).toHaveLength(1);
    expect(sent.data!.sendPayouts[0].providerPayoutId).toBe(fake.payouts.get(`wd_${id}`)!.id);
  });

  it('refuses the whole batch when one id is not APPROVED: CONFLICT and nothing sent', async () => {
    const a = await approved();
    const b = await approved();
    await t.admin(SEND, { ids: [b.id] });
    const before = fake.posts().length;
    const refused = await t.admin(SEND, { ids: [a.id, b.id] });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(fake.posts().length).toBe(before);
    expect((await show(a.id)).status).toBe('APPROVED');
  });

  it('payout.processed pays with the UTR (locked → withdrawn once); repeats and late failures change nothing', async () => {
    const { user, id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const entity = fake.byId.get(payout.providerPayoutId)!;
    const processed = payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR431200001234' });
    const eventId = `evt_${randomUUID()}`;
    expect((await post(processed, undefined, eventId)).status).toBe(200);
    expect((await post(processed, undefined, eventId)).status).toBe(200); // the same delivery again
    expect((await post(processed)).status).toBe(200); // the same event, another id
    expect((await post(payoutEvent('payout.failed', entity, { status: 'failed' }))).status).toBe(200);
    expect(await show(id)).toMatchObject({ status: 'PAID', payoutReference: 'UTR431200001234', paidAt: expect.any(String) });
    expect(await walletOf(t, user)).toMatchObject({ available: 9999, locked: 0, withdrawn: 50001 });
    expect(await ledgerOf(id)).toEqual([
      { type: 'WITHDRAWAL_LOCK', from_bucket: 'AVAILABLE', bucket: 'LOCKED', amount: 50001 },
      { type: 'WITHDRAWAL_PAYOUT', from_bucket: 'LOCKED', bucket: 'WITHDRAWN', amount: 50001 },
    ]);
  });

  it('moves no money on a processed or reversed payout of another amount, nor on an event type it does not know', async () => {
    const { user, id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const entity = fake.byId.get(payout.providerPayoutId)!;
    const outcomeOf = async (body: string) => {
      const answer = await post(body);
      expect(answer.status).toBe(200);
      const { id: eventId } = (await answer.json()) as { id: string };
      return (await t.db.query('SELECT outcome, note FROM payout_events WHERE id = $1', [eventId])).rows[0];
    };
    // the withdrawal is 50,001 paise: ₹0.01, one paisa short, and no amount are all refused
    for (const amount of [1, 50000, undefined]) {
      const seen = await outcomeOf(payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR1', amount }));
      expect(seen).toMatchObject({ outcome: 'IGNORED', note: expect.stringContaining("not the withdrawal's 50001 paise") });
    }
    expect(await show(id)).toMatchObject({ status: 'PROCESSING', providerStatus: 'processing' });
    expect(await outcomeOf(payoutEvent('payout.foo', entity, { status: 'processing' }))).toMatchObject({ outcome: 'IGNORED', note: expect.stringContaining('payout.foo') });
    expect(await outcomeOf(payoutEvent('payout.updated', entity, { status: 'processing' }))).toMatchObject({ outcome: 'PROCESSED' });
    expect(await show(id)).toMatchObject({ status: 'PROCESSING', paidAt: null });
    expect(await walletOf(t, user)).toMatchObject({ available: 9999, locked: 50001, withdrawn: 0 });
    // the payout's own amount still pays it
    expect((await outcomeOf(payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR2' }))).outcome).toBe('PROCESSED');
    expect(await walletOf(t, user)).toMatchObject({ locked: 0, withdrawn: 50001 });
  });

  for (const event of ['payout.failed', 'payout.rejected']) {
    it(`${event} returns the money locked → available once, with the reason`, async () => {
      const { user, id } = await approved();
      const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
      const entity = fake.byId.get(payout.providerPayoutId)!;
      const body = payoutEvent(event, entity, { status: event.slice(7), status_details: { description: 'Beneficiary bank is offline', source: 'beneficiary_bank', reason: 'bank_offline' } });
      expect((await post(body)).status).toBe(200);
      expect((await post(body)).status).toBe(200);
      // a processed event arriving after the failure is ignored
      expect((await post(payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR999' }))).status).toBe(200);
      expect(await show(id)).toMatchObject({ status: 'FAILED', failureReason: 'Beneficiary bank is offline', payoutReference: null });
      expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0, withdrawn: 0 });
      expect((await ledgerOf(id)).map((row) => row.type)).toEqual(['WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK']);
    });
  }

  it('payout.reversed after processed returns withdrawn → available; paid_at stays; reports exact', async () => {
    const { user, id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const entity = fake.byId.get(payout.providerPayoutId)!;
    await post(payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR431200005678' }));
    const reversed = payoutEvent('payout.reversed', entity, { status: 'reversed', utr: 'UTR431200005678', status_details: { description: 'Payout reversed by the beneficiary bank' } });
    expect((await post(reversed)).status).toBe(200);
    expect((await post(reversed)).status).toBe(200);
    expect(await show(id)).toMatchObject({ status: 'REVERSED', paidAt: expect.any(String), reversedAt: expect.any(String), failureReason: 'Payout reversed by the beneficiary bank' });
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0, withdrawn: 0 });
    expect((await ledgerOf(id)).map((row) => `${row.type}:${row.from_bucket}>${row.bucket}`)).toEqual([
      'WITHDRAWAL_LOCK:AVAILABLE>LOCKED',
      'WITHDRAWAL_PAYOUT:LOCKED>WITHDRAWN',
      'WITHDRAWAL_REVERSAL:WITHDRAWN>AVAILABLE',
    ]);
  });

  it('a reversal that overtakes the processed event: paid then reversed, each once; the late processed event is ignored', async () => {
    const { user, id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const entity = fake.byId.get(payout.providerPayoutId)!;
    await post(payoutEvent('payout.reversed', entity, { status: 'reversed', utr: 'UTR77' }));
    await post(payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR77' }));
    expect((await show(id)).status).toBe('REVERSED');
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0, withdrawn: 0 });
    expect((await ledgerOf(id)).map((row) => row.type)).toEqual(['WITHDRAWAL_LOCK', 'WITHDRAWAL_PAYOUT', 'WITHDRAWAL_REVERSAL']);
  });

  it('racing webhooks (processed and failed, repeated) end in one outcome with its one ledger entry', async () => {
    const { user, id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const entity = fake.byId.get(payout.providerPayoutId)!;
    const processed = payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR55501' });
    const failed = payoutEvent('payout.failed', entity, { status: 'failed' });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(i % 2 ? processed : failed)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const final = await show(id);
    expect(['PAID', 'FAILED']).toContain(final.status);
    expect((await ledgerOf(id)).map((row) => row.type)).toEqual(['WITHDRAWAL_LOCK', final.status === 'PAID' ? 'WITHDRAWAL_PAYOUT' : 'WITHDRAWAL_UNLOCK']);
    expect(await walletOf(t, user)).toMatchObject(final.status === 'PAID' ? { locked: 0, withdrawn: 50001 } : { locked: 0, available: 60000 });
  });

  it('two admins sending the same withdrawal at once: one payout, the other CONFLICT', async () => {
    const { id } = await approved();
    const before = fake.posts().length;
    const [a, b] = await Promise.all([t.admin(SEND, { ids: [id] }), t.admin(SEND, { ids: [id] })]);
    expect([codeOf(a), codeOf(b)].sort()).toEqual(['CONFLICT', undefined].sort());
    expect(fake.posts().length - before).toBe(1);
  });

  it('answers 401 to a bad or missing signature and changes nothing', async () => {
    const { id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const body = payoutEvent('payout.processed', fake.byId.get(payout.providerPayoutId)!, { status: 'processed', utr: 'UTR401' });
    expect((await post(body, razorpaySignature(body, 'another-secret-entirely'))).status).toBe(401);
    expect((await post(body, '')).status).toBe(401);
    expect((await show(id)).status).toBe('PROCESSING');
    expect((await t.db.query("SELECT count(*)::int AS n FROM payout_events WHERE provider_payout_id = $1 AND type LIKE 'payout.%'", [payout.providerPayoutId])).rows[0].n).toBe(0);
  });

  it('the status job asks about payouts PROCESSING for over an hour and applies a missed webhook', async () => {
    const { user, id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const service = t.app.get(PayoutsService);
    // within the hour: not asked
    expect(await service.checkProcessing()).toMatchObject({ changed: 0 });
    Object.assign(fake.byId.get(payout.providerPayoutId)!, { status: 'processed', utr: 'UTR431200009999' });
    await t.db.query(`UPDATE withdrawals SET sent_at = now() - interval '61 minutes' WHERE id = $1`, [id]);
    const gets = fake.requests.filter((r) => r.method === 'GET').length;
    expect(await service.checkProcessing()).toMatchObject({ checked: 1, changed: 1 });
    expect(fake.requests.filter((r) => r.method === 'GET').slice(gets).map((r) => r.url)).toEqual([`/v1/payouts/${payout.providerPayoutId}`]);
    expect(await show(id)).toMatchObject({ status: 'PAID', payoutReference: 'UTR431200009999' });
    expect(await walletOf(t, user)).toMatchObject({ locked: 0, withdrawn: 50001 });
    // the webhook arriving late changes nothing
    await post(payoutEvent('payout.processed', fake.byId.get(payout.providerPayoutId)!));
    expect((await ledgerOf(id)).map((row) => row.type)).toEqual(['WITHDRAWAL_LOCK', 'WITHDRAWAL_PAYOUT']);
  });

  it('a send whose answers never came stays PROCESSING and is resent by the status job with the same key', async () => {
    const { id } = await approved();
    fake.modes.push('timeout', 'timeout', 'timeout');
    const sent = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    expect(sent).toMatchObject({ status: 'PROCESSING', providerPayoutId: null, failureReason: expect.stringContaining('same key') });
    await t.db.query(`UPDATE withdrawals SET sent_at = now() - interval '6 minutes' WHERE id = $1`, [id]);
    expect(await t.app.get(PayoutsService).checkProcessing()).toMatchObject({ changed: 1 });
    expect((await show(id)).providerPayoutId).toBe(fake.payouts.get(`wd_${id}`)!.id);
    expect(fake.payouts.has(`wd_${id}`)).toBe(true);
    expect(fake.posts().filter((p) => p.headers['x-payout-idempotency'] === `wd_${id}`)).toHaveLength(4);
  });

  it('a payout RazorpayX refuses (400) returns to APPROVED with the reason; the money stays locked', async () => {
    const { user, id } = await approved();
    fake.modes.push('400');
    const sent = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    expect(sent).toMatchObject({ status: 'APPROVED', failureReason: expect.stringContaining('Invalid VPA') });
    expect(await walletOf(t, user)).toMatchObject({ locked: 50001 });
  });

  it('does not send for a user blocked or flagged after approval (CONFLICT with the reason)', async () => {
    const { user, id } = await approved();
    await t.db.query(`UPDATE users SET status = 'SUSPICIOUS' WHERE id = $1`, [user.id]);
    const before = fake.posts().length;
    const refused = await t.admin(SEND, { ids: [id] });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.reason).toBe('USER_ON_HOLD');
    expect(fake.posts().length).toBe(before);
    await t.db.query(`UPDATE users SET status = 'ACTIVE' WHERE id = $1`, [user.id]);
  });

  it("raises DUPLICATE_UPI when another user's payout used the UPI id, and holds the send", async () => {
    const first = await approved('shared.payee@okaxis');
    await t.admin(SEND, { ids: [first.id] });
    // the second user's request came later; its own check flagged it at request time already,
    // so clear that to see the send's check raise it again
    const second = await approved('shared2.payee@okaxis');
    await t.db.query(`UPDATE withdrawals SET upi_id = 'SHARED.payee@okaxis' WHERE id = $1`, [second.id]);
    const refused = await t.admin(SEND, { ids: [second.id] });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.reason).toBe('USER_ON_HOLD');
    const flags = await t.db.query(`SELECT type FROM fraud_flags WHERE user_id = $1 AND status = 'OPEN'`, [second.user.id]);
    expect(flags.rows.map((row) => row.type)).toContain('DUPLICATE_UPI');
  });

  it('payoutFile: the bulk UPI CSV of APPROVED withdrawals, rupees exact, escaped; anything else CONFLICT', async () => {
    const { user, id } = await approved();
    await t.db.query(`UPDATE users SET first_name = 'Ravi, "RK"', last_name = 'Kumar' WHERE id = $1`, [user.id]);
    const file = await t.admin(FILE, { ids: [id] });
    expect(file.errors).toBeUndefined();
    const lines = (file.data!.payoutFile as string).split('\r\n');
    expect(lines[0]).toBe("Beneficiary Name,Beneficiary's UPI ID,Payout Amount (in rupees),Payout Narration,Notes,Phone Number,Email ID,Contact Reference ID,Payout Reference ID");
    expect(lines[1]).toBe(`"Ravi, ""RK"" Kumar",payee${user.telegramId}@okicici,500.01,Referral commission payout,Withdrawal ${id},,,user_${user.id},wd_${id}`);
    expect(lines[2]).toBe('');
    await t.admin(SEND, { ids: [id] });
    expect(codeOf(await t.admin(FILE, { ids: [id] }))).toBe('CONFLICT');
  });

  it('lists the payout events for admins (filters, count, the body on its page, newest first by index); the bot is FORBIDDEN', async () => {
    const { id } = await approved();
    const payout = (await t.admin(SEND, { ids: [id] })).data!.sendPayouts[0];
    const payoutId = payout.providerPayoutId as string;
    const entity = fake.byId.get(payoutId)!;
    const wrongAmount = payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR8801', amount: 1 });
    for (const body of [wrongAmount, payoutEvent('payout.foo', entity, { status: 'processing' }), payoutEvent('payout.processed', entity, { status: 'processed', utr: 'UTR8802' })]) {
      expect((await post(body)).status).toBe(200);
    }
    const strangerId = `pout_Stranger${id}`;
    expect((await post(payoutEvent('payout.processed', { ...entity, id: strangerId, reference_id: null }, { status: 'processed' }))).status).toBe(200);

    const LIST = `query($filter: PayoutEventFilter, $sortField: String, $sortOrder: String) {
      allPayoutEvents(filter: $filter, sortField: $sortField, sortOrder: $sortOrder) { id type outcome note providerPayoutId withdrawalId createdAt }
      _allPayoutEventsMeta(filter: $filter) { count } }`;
    const list = async (filter: Record<string, unknown>, sort: Record<string, string> = {}) => {
      const answer = await t.admin(LIST, { filter, ...sort });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!._allPayoutEventsMeta.count).toBe(answer.data!.allPayoutEvents.length);
      return answer.data!.allPayoutEvents as { id: string; type: string; outcome: string; note: string | null; providerPayoutId: string; withdrawalId: string | null }[];
    };
    const wrongNote = `RazorpayX reported ${payoutId} processed with 1 paise, not the withdrawal's 50001 paise: nothing changed; check the payout at RazorpayX`;
    // newest first: the good processed event, the unknown type, the wrong amount, our own read after the send
    const events = await list({ withdrawalId: id });
    expect(events.map(({ type, outcome, note, providerPayoutId, withdrawalId }) => ({ type, outcome, note, providerPayoutId, withdrawalId }))).toEqual([
      { type: 'payout.processed', outcome: 'PROCESSED', note: null, providerPayoutId: payoutId, withdrawalId: id },
      { type: 'payout.foo', outcome: 'IGNORED', note: 'An event type we do not act on (payout.foo)', providerPayoutId: payoutId, withdrawalId: id },
      { type: 'payout.processed', outcome: 'IGNORED', note: wrongNote, providerPayoutId: payoutId, withdrawalId: id },
      { type: 'sent.processing', outcome: 'PROCESSED', note: null, providerPayoutId: payoutId, withdrawalId: id },
    ]);
    expect((await list({ withdrawalId: id }, { sortField: 'createdAt', sortOrder: 'ASC' })).map((event) => event.id)).toEqual(events.map((event) => event.id).reverse());
    expect((await list({ withdrawalId: id, outcome: 'IGNORED' })).map((event) => event.type)).toEqual(['payout.foo', 'payout.processed']);
    expect((await list({ withdrawalId: id, type: 'payout.foo' })).map((event) => event.id)).toEqual([events[1].id]);
    // q: the note, the payout id (any case), the event key
    expect((await list({ q: `${payoutId} processed with 1 paise` })).map((event) => event.id)).toEqual([events[2].id]);
    expect((await list({ q: strangerId.toLowerCase() })).map(({ outcome, withdrawalId }) => ({ outcome, withdrawalId }))).toEqual([{ outcome: 'UNMATCHED', withdrawalId: null }]);
    const { rows } = await t.db.query('SELECT event_key FROM payout_events WHERE id = $1', [events[1].id]);
    expect((await list({ q: rows[0].event_key })).map((event) => event.id)).toEqual([events[1].id]);
    expect(await list({ q: 'no event says this 9f2c' })).toEqual([]);

    const SHOW_EVENT = 'query($id: ID!) { PayoutEvent(id: $id) { id eventKey outcome note body withdrawal { id status } } }';
    const shown = await t.admin(SHOW_EVENT, { id: events[2].id });
    expect(shown.errors).toBeUndefined();
    expect(shown.data!.PayoutEvent).toMatchObject({ id: events[2].id, outcome: 'IGNORED', note: wrongNote, body: wrongAmount, withdrawal: { id, status: 'PAID' } });
    expect((await t.admin(SHOW_EVENT, { id: '999999999' })).data!.PayoutEvent).toBeNull();

    // an ADMIN reads them too; the bot is refused every one of the three
    const admin = await createAdmin(t, `9100${id}`);
    expect((await t.as(admin.token)(LIST, { filter: { withdrawalId: id } })).data!._allPayoutEventsMeta.count).toBe(4);
    for (const query of [LIST, SHOW_EVENT]) {
      const refused = await t.bot(query, { id: events[0].id, filter: {} });
      expect([codeOf(refused), refused.data?.allPayoutEvents ?? refused.data?.PayoutEvent ?? null]).toEqual(['FORBIDDEN', null]);
    }
    // bad input is refused with the reason, never a 500
    expect(codeOf(await t.admin(LIST, { filter: { withdrawalId: 'abc' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.admin(LIST, { filter: {}, sortField: 'body' }))).toBe('BAD_USER_INPUT');

    // the list's default page reads payout_events_created_at_idx backwards, without sorting every event
    const { result: page, pages } = await pagesFetched('e', () => t.admin('{ allPayoutEvents(perPage: 5) { id } }'));
    expect(page.errors).toBeUndefined();
    expect(pages).toHaveLength(1);
    const plan = await indexedPlan(t.db, pages[0]);
    expect(plan).toContain('"Index Name":"payout_events_created_at_idx"');
    expect(plan).toContain('"Scan Direction":"Backward"');
    expect(plan).not.toContain('"Node Type":"Sort"');
  });
});

describe('payouts with PAYOUT_PROVIDER=manual', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses sendPayouts and answers 404 at /webhooks/razorpayx', async () => {
    const refused = await t.admin(SEND, { ids: ['1'] });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.reason).toBe('PAYOUT_PROVIDER_MANUAL');
    const response = await fetch(`${t.url}/webhooks/razorpayx`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
  });
});
