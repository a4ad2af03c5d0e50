import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { razorpaySignature } from './support/gateways.js';
import { CONFIRM, CREATE_ORDER, FAIL, REQUEST_WITHDRAWAL, setSetting, WALLET } from './support/money.js';
import { seededRandom, seedFrom } from './support/random.js';
import { type FakeRazorpayX, payoutEvent, startFakeRazorpayX } from './support/razorpayx.js';
import { createAdmin, type GraphQLResponse, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The bank test: BANK_CLIENTS concurrent clients (16) for BANK_SECONDS (40 s) do random money
 * operations over HTTP GraphQL against the real app and PostgreSQL: payments with replays, racing
 * duplicates and reused transaction ids, failed payments, refunds before and after release,
 * withdrawals valid and invalid, two admins racing on one request, concurrent releases, holds
 * running out, blocks and unblocks (some racing the user's own withdrawal request), payouts sent
 * through a fake RazorpayX (two admins at once, a 500 before the success) and its signed webhooks
 * (processed, failed, reversed; repeated, out of order, racing). Each client checks every answer against what the contract
 * allows for that operation and keeps a history of what was acknowledged; afterwards the books
 * are checked against that history and against each other. BANK_SEED replays a run's choices
 * (the interleaving, being concurrent, differs).
 */
const SECONDS = Number(process.env.BANK_SECONDS ?? 40);
const CLIENTS = Number(process.env.BANK_CLIENTS ?? 16);
const SEED = seedFrom('BANK_SEED');

// with the default settings one sale earns the buyer's referrer ₹28 and theirs ₹9
const LEVEL1 = 2800;
const LEVEL2 = 900;
const MINIMUM = 1000;
/** ₹1,00,000 in paise: more than one user earns in a run (a whole 40 s run credits ~₹60,000 to everyone together). */
const BEYOND_ANY_CREDIT = 10_000_000;

const REFUND = 'mutation($id: ID!, $reason: String!) { refundOrder(id: $id, reason: $reason) { id status } }';
const RELEASE = 'mutation { processPendingCommissions }';
const APPROVE = 'mutation($id: ID!) { approveWithdrawal(id: $id) { id status } }';
const REJECT = 'mutation($id: ID!, $reason: String!) { rejectWithdrawal(id: $id, reason: $reason) { id status } }';
const MARK_PAID = 'mutation($id: ID!, $ref: String!) { markWithdrawalPaid(id: $id, payoutReference: $ref) { id status } }';
const BLOCK = 'mutation($id: ID!, $reason: String!) { blockUser(id: $id, reason: $reason) { id status } }';
const UNBLOCK = 'mutation($id: ID!) { unblockUser(id: $id) { id status } }';
const REGISTER = 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id telegramId referralCode } }';
const SEND = 'mutation($ids: [ID!]!) { sendPayouts(ids: $ids) { id status providerPayoutId } }';
const WEBHOOK_SECRET = 'bank-razorpayx-webhook-secret';
const STATS = 'query($t: String!) { referralStats(telegramId: $t) { directReferrals level2Referrals convertedReferrals totalEarned } }';

interface Member {
  id: number;
  telegramId: string;
  referralCode: string;
  referred: boolean;
}
type Call = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;
/** What an answer may be: success, or an error with one of these codes (and reasons, when given). */
type Allowed = { ok?: boolean; errors?: Record<string, string[] | '*'> };

describe('bank: concurrent random money operations keep the books exact', () => {
  let t: TestApp;
  let fake: FakeRazorpayX;
  let secondAdmin: Call;
  const members: Member[] = [];

  beforeAll(async () => {
    fake = await startFakeRazorpayX();
    t = await startTestApp({
      env: {
        PAYOUT_PROVIDER: 'razorpayx',
        RAZORPAYX_KEY_ID: 'rzp_test_bank',
        RAZORPAYX_KEY_SECRET: 'rzpx_bank_secret',
        RAZORPAYX_ACCOUNT_NUMBER: '7878780080316316',
        RAZORPAYX_WEBHOOK_SECRET: WEBHOOK_SECRET,
        RAZORPAYX_API_URL: fake.url,
      },
    });
    await setSetting(t, 'min_withdrawal_amount', MINIMUM);
    await setSetting(t, 'commission_hold_hours', 1); // holds run out when a client moves release_at (the "mature" operation)
    await setSetting(t, 'fraud_checks_enabled', false); // the fraud rules have their own tests; here every hold is an admin's block
    secondAdmin = t.as((await createAdmin(t, '700000901')).token);
    // four trees of three levels (a root, its three referrals, three referrals of each of those) and four loners
    let registered = 0;
    const register = async (referralCode?: string) => {
      const telegramId = String(6_100_000_000 + registered++);
      const result = await t.bot(REGISTER, { input: { telegramId, referralCode } });
      if (!result.data?.registerUser) throw new Error(`registerUser failed: ${JSON.stringify(result.errors)}`);
      const user = result.data.registerUser;
      const member = { id: Number(user.id), telegramId: user.telegramId, referralCode: user.referralCode, referred: Boolean(referralCode) };
      members.push(member);
      return member;
    };
    const roots = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(() => register()));
    const middles = await Promise.all(roots.slice(0, 4).flatMap((root) => [0, 1, 2].map(() => register(root.referralCode))));
    await Promise.all(middles.flatMap((middle) => [0, 1, 2].map(() => register(middle.referralCode))));
    members.sort((one, other) => one.telegramId.localeCompare(other.telegramId)); // the seed picks the same people
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it(
    `runs ${CLIENTS} clients for ${SECONDS} s and balances`,
    async () => {
      const history = new History();
      const admins: Call[] = [t.admin, secondAdmin];
      const deadline = Date.now() + SECONDS * 1000;
      console.log(`bank: seed ${SEED} (BANK_SEED=${SEED} replays the choices), ${CLIENTS} clients, ${SECONDS} s, ${members.length} users`);

      // the reports' fold runs beside the clients, as the job does where jobs run (the test app runs none)
      const { ReportMaintenanceService } = await import('../src/reporting/report-maintenance.service.js');
      const reports = t.app.get(ReportMaintenanceService);
      let folds = 0;
      const folding = (async () => {
        while (Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          if ((await reports.foldPayments()).payments) folds += 1;
        }
      })();
      await Promise.all([
        folding,
        ...Array.from({ length: CLIENTS }, async (_, index) => {
          const random = seededRandom(SEED * 1000 + index);
          const client = new Client(t, fake, admins, members, history, random, index);
          while (Date.now() < deadline) await client.step();
        }),
      ]);
      console.log(`bank: ${folds} folds moved payments into the reports' rollups during the run`);
      // the last releases: everything matured and not held is released now
      await t.db.query(`UPDATE commissions SET release_at = now() - interval '1 second' WHERE status = 'PENDING' AND release_at > now()`);
      history.check('release', await t.admin(RELEASE), { ok: true });
      history.count('operation.finalRelease');

      const invariants = await checkBooks(t, fake, history, members);
      const summary = history.summary(invariants);
      console.log(summary);
      // both lists at once: a failing run shows its unexpected answers and its broken invariants
      expect({ unexpected: history.unexpected, invariantFailures: invariants.failures }).toEqual({ unexpected: [], invariantFailures: [] });
      // a run of ordinary length exercises every invariant (a short one, run by hand, may not)
      if (SECONDS >= 20) expect(invariants.vacuous).toEqual([]);
      expect(history.operations()).toBeGreaterThan(CLIENTS);
    },
    (SECONDS + 120) * 1000,
  );
});

/** What the clients were told, and every answer that the contract does not allow. */
class History {
  readonly counts = new Map<string, number>();
  readonly unexpected: string[] = [];
  /** orderId → the transactionId its payment was acknowledged with */
  readonly payments = new Map<string, string>();
  readonly paidOrders: string[] = [];
  readonly refunds = new Set<string>();
  readonly failures = new Set<string>();
  /** withdrawalId → the last status an admin (or the request) was told it reached */
  readonly withdrawals = new Map<string, string>();
  readonly openWithdrawals = new Set<string>();
  /** withdrawals sent to RazorpayX (PROCESSING when acknowledged), and those a webhook was delivered for */
  readonly sentWithdrawals = new Set<string>();
  readonly webhooked = new Set<string>();
  private payoutCounter = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every earlier `serially` work has finished. */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  count(key: string, by = 1) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  operations(): number {
    let total = 0;
    for (const [key, n] of this.counts) if (key.startsWith('operation.')) total += n;
    return total;
  }

  payoutReference(): string {
    this.payoutCounter += 1;
    return `UTR-BANK-${SEED}-${this.payoutCounter}`;
  }

  /** Records the answer's outcome; an outcome outside `allowed` is a failure of the run. Answers whether it succeeded. */
  check(operation: string, response: GraphQLResponse, allowed: Allowed): boolean {
    const error = response.errors?.[0];
    if (!error) {
      if (allowed.ok) {
        this.count('outcome.ok');
        return true;
      }
      this.unexpected.push(`${operation}: succeeded, which it may not: ${JSON.stringify(response.data)}`);
      return true;
    }
    const code = error.extensions?.code ?? 'NONE';
    const reason = (error.extensions?.reason as string | undefined) ?? 'NONE';
    const reasons = allowed.errors?.[code];
    if (reasons === '*' || reasons?.includes(reason)) {
      this.count(`outcome.${code}.${reason}`);
    } else {
      this.unexpected.push(`${operation}: ${code}/${reason} "${error.message}"`);
    }
    return false;
  }

  summary(invariants: BookCheck): string {
    const operations = [...this.counts].filter(([key]) => key.startsWith('operation.')).sort();
    const outcomes = [...this.counts].filter(([key]) => key.startsWith('outcome.')).sort();
    const list = (entries: [string, number][], prefix: string) => entries.map(([key, n]) => `${key.slice(prefix.length)}=${n}`).join(' ');
    return [
      `BANK seed=${SEED} clients=${CLIENTS} seconds=${SECONDS} operations=${this.operations()} unexpected=${this.unexpected.length}`,
      `  operations: ${list(operations, 'operation.')}`,
      `  admin decisions on withdrawals: ${list([...this.counts].filter(([key]) => key.startsWith('decision.')).sort(), 'decision.')}`,
      `  outcomes: ${list(outcomes, 'outcome.')}`,
      `  payouts: ${list([...this.counts].filter(([key]) => key.startsWith('payouts.')).sort(), 'payouts.')}` +
        ` final ${Object.entries(invariants.payouts).map(([status, n]) => `${status}=${n}`).join(' ')}`,
      `  acknowledged: payments=${this.payments.size} refunds=${this.refunds.size} failedPayments=${this.failures.size} withdrawals=${this.withdrawals.size}` +
        ` commissionsReleased=${this.counts.get('released') ?? 0}`,
      `  invariants: ${invariants.kinds.length} kinds, ${invariants.checks} checks, ${invariants.failures.length} failed, ${invariants.vacuous.length} with nothing to check` +
        ` (${invariants.rows.users} users, ${invariants.rows.orders} orders, ${invariants.rows.commissions} commissions,` +
        ` ${invariants.rows.withdrawals} withdrawals, ${invariants.rows.ledger} ledger rows)`,
      `  checked: ${invariants.kinds.join('; ')}`,
    ].join('\n');
  }
}

const CONFLICT_TRANSITION = { CONFLICT: ['INVALID_TRANSITION'] };

/** One client: picks an operation by weight, sends it, checks and records the answer. */
class Client {
  private transactionCounter = 0;
  private keyCounter = 0;

  constructor(
    private readonly t: TestApp,
    private readonly fake: FakeRazorpayX,
    private readonly admins: Call[],
    private readonly members: Member[],
    private readonly history: History,
    private readonly random: () => number,
    private readonly index: number,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private admin(): Call {
    return this.pick(this.admins);
  }

  private transactionId(): string {
    this.transactionCounter += 1;
    return `BANK${SEED}C${this.index}T${this.transactionCounter}`;
  }

  /** Mostly someone with a referrer, so that most sales earn commissions. */
  private buyer(): Member {
    const referred = this.members.filter((member) => member.referred);
    return this.random() < 0.85 ? this.pick(referred) : this.pick(this.members);
  }

  async step(): Promise<void> {
    const roll = this.random();
    if (roll < 0.3) return this.payOrder();
    if (roll < 0.33) return this.failOrder();
    if (roll < 0.41) return this.refund();
    if (roll < 0.47) return this.release();
    if (roll < 0.52) return this.mature();
    if (roll < 0.67) return this.withdraw();
    if (roll < 0.79) return this.decide();
    if (roll < 0.88) return this.sendPayout();
    if (roll < 0.95) return this.webhook();
    if (roll < 0.97) return this.blockWhileRequesting();
    return this.moderate();
  }

  /** An admin sends an approved withdrawal to RazorpayX (sometimes two admins at once; sometimes RazorpayX answers 500 first). */
  private async sendPayout(): Promise<void> {
    const approved = (await this.t.db.query(`SELECT id::text AS id FROM withdrawals WHERE status = 'APPROVED' ORDER BY id`)).rows.map((row) => row.id as string);
    if (!approved.length) return this.decide();
    const id = this.pick(approved);
    const key = `wd_${id}`;
    if (this.random() < 0.3) {
      // one or two 500s, then the retry with the same key succeeds (the client tries three times)
      this.fake.keyModes.set(key, this.random() < 0.3 ? ['500', '500'] : ['500']);
      this.history.count('payouts.injected500');
    }
    const twice = this.random() < 0.3;
    const answers = await Promise.all(
      Array.from({ length: twice ? 2 : 1 }, (_, n) => this.admins[(n + this.index) % this.admins.length](SEND, { ids: [id] })),
    );
    this.history.count(twice ? 'operation.twoAdminsSendPayout' : 'operation.sendPayout');
    let sent = 0;
    for (const answer of answers) {
      // another admin (or a block, or a decision) may have moved it first
      if (!this.history.check('sendPayouts', answer, { ok: true, errors: { CONFLICT: ['INVALID_TRANSITION', 'USER_BLOCKED', 'USER_ON_HOLD'] } })) continue;
      sent += 1;
      const [withdrawal] = answer.data!.sendPayouts;
      const payout = this.fake.payouts.get(key);
      if (withdrawal.id !== id || withdrawal.status !== 'PROCESSING' || !payout || withdrawal.providerPayoutId !== payout.id) {
        this.history.unexpected.push(`sendPayouts: answered ${JSON.stringify(withdrawal)} for ${id}, RazorpayX made ${JSON.stringify(payout)}`);
      }
      this.history.withdrawals.set(id, 'PROCESSING');
      this.history.openWithdrawals.delete(id);
      this.history.sentWithdrawals.add(id);
      this.history.count('payouts.sent');
    }
    if (sent > 1) this.history.unexpected.push(`sendPayouts: withdrawal ${id} sent by two admins at once`);
  }

  /**
   * RazorpayX tells what became of a payout: processed, failed or reversed; sometimes a reversal
   * before its processed event, a processed and a failed racing, the whole delivery repeated (same
   * event ids) or one event again under a new id. Each delivery must be answered 200.
   */
  private async webhook(): Promise<void> {
    // mostly a payout in flight; now and then (or when none is, now and then) a late event for a finished one
    const sent = (where: string) => this.t.db.query(`SELECT id::text AS id, provider_payout_id, status FROM withdrawals WHERE provider_payout_id IS NOT NULL AND ${where} ORDER BY id`);
    let { rows } = await sent(`status = 'PROCESSING'`);
    if (!rows.length || this.random() < 0.05) {
      if (!rows.length && this.random() < 0.85) return this.sendPayout();
      ({ rows } = await sent('true'));
    }
    if (!rows.length) return this.sendPayout();
    const { id, provider_payout_id: payoutId, status } = this.pick(rows);
    const entity = this.fake.byId.get(payoutId);
    if (!entity) {
      this.history.unexpected.push(`withdrawal ${id} has provider payout ${payoutId}, which RazorpayX never made`);
      return;
    }
    const utr = `UTR${SEED}${id}`.slice(0, 22);
    const event = (name: 'processed' | 'failed' | 'reversed') => ({
      body: payoutEvent(`payout.${name}`, entity, { status: name, utr: name === 'failed' ? null : utr, status_details: name === 'processed' ? null : { description: `bank test: ${name}` } }),
      eventId: `evt_${randomUUID()}`,
    });
    type Delivery = { body: string; eventId: string };
    // a finished payout mostly hears a late repeat; now and then the bank reverses a paid one
    const kind =
      status === 'PROCESSING'
        ? this.pick(['processed', 'processed', 'processed', 'failed', 'reversed', 'processedThenReversed', 'reversedThenProcessed', 'processedRacingFailed'] as const)
        : this.pick(['processed', 'failed', 'failed', 'failed', 'reversed'] as const);
    // each step is delivered in order; the events within a step at once
    const steps: Delivery[][] = {
      processed: [[event('processed')]],
      failed: [[event('failed')]],
      reversed: [[event('reversed')]],
      processedThenReversed: [[event('processed')], [event('reversed')]],
      reversedThenProcessed: [[event('reversed')], [event('processed')]],
      processedRacingFailed: [[event('processed'), event('failed')]],
    }[kind];
    if (this.random() < 0.3) steps.push(...steps.map((step) => [...step])); // the same deliveries again
    if (this.random() < 0.2) steps.push([{ ...this.pick(steps.flat()), eventId: `evt_${randomUUID()}` }]); // one event again, another id
    this.history.count(`operation.webhook.${kind}`);
    this.history.webhooked.add(id);
    for (const step of steps) {
      const answers = await Promise.all(
        step.map(({ body, eventId }) =>
          fetch(`${this.t.url}/webhooks/razorpayx`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-razorpay-signature': razorpaySignature(body, WEBHOOK_SECRET), 'x-razorpay-event-id': eventId },
            body,
          }),
        ),
      );
      for (const answer of answers) {
        this.history.count('payouts.webhooksDelivered');
        if (answer.status !== 200) this.history.unexpected.push(`webhook ${kind} for withdrawal ${id}: HTTP ${answer.status} ${await answer.text()}`);
      }
    }
  }

  private async createOrder(buyer: Member): Promise<string> {
    const idempotencyKey = this.random() < 0.3 ? `key-${SEED}-${this.index}-${++this.keyCounter}` : undefined;
    const input = { telegramId: buyer.telegramId, paymentMethod: 'UPI', idempotencyKey };
    const created = await this.t.bot(CREATE_ORDER, { input });
    this.history.count('operation.createOrder');
    this.history.check('createOrder', created, { ok: true });
    const orderId = created.data!.createOrder.id as string;
    if (idempotencyKey) {
      const again = await this.t.bot(CREATE_ORDER, { input });
      this.history.count('operation.createOrderReplay');
      if (this.history.check('createOrder replay', again, { ok: true }) && again.data!.createOrder.id !== orderId) {
        this.history.unexpected.push(`createOrder replay: order ${again.data!.createOrder.id}, not ${orderId}`);
      }
    }
    return orderId;
  }

  /** A payment, sometimes sent twice at once, sometimes replayed, sometimes preceded by a reused transaction id. */
  private async payOrder(): Promise<void> {
    const orderId = await this.createOrder(this.buyer());
    const reused = [...this.history.payments.values()];
    if (reused.length && this.random() < 0.15) {
      const answer = await this.t.bot(CONFIRM, { input: { orderId, transactionId: this.pick(reused) } });
      this.history.count('operation.confirmReusedTransactionId');
      this.history.check('confirm with a reused transactionId', answer, { errors: { CONFLICT: ['TRANSACTION_ID_REUSED'] } });
    }
    const transactionId = this.transactionId();
    const twice = this.random() < 0.15;
    const answers = await Promise.all(
      Array.from({ length: twice ? 2 : 1 }, () => this.t.bot(CONFIRM, { input: { orderId, transactionId } })),
    );
    this.history.count(twice ? 'operation.confirmTwiceAtOnce' : 'operation.confirm');
    let paid = false;
    for (const answer of answers) {
      if (this.history.check('confirm', answer, { ok: true })) {
        paid = true;
        const order = answer.data!.confirmPayment;
        if (order.id !== orderId || order.status !== 'PAID' || order.transactionId !== transactionId) {
          this.history.unexpected.push(`confirm: answered ${JSON.stringify(order)} for order ${orderId} / ${transactionId}`);
        }
      }
    }
    if (!paid) return;
    this.history.payments.set(orderId, transactionId);
    this.history.paidOrders.push(orderId);
    if (this.random() < 0.2) {
      const replay = await this.t.bot(CONFIRM, { input: { orderId, transactionId } });
      this.history.count('operation.confirmReplay');
      if (this.history.check('confirm replay', replay, { ok: true })) {
        const order = replay.data!.confirmPayment;
        if (order.transactionId !== transactionId || !['PAID', 'REFUNDED'].includes(order.status)) {
          this.history.unexpected.push(`confirm replay: answered ${JSON.stringify(order)}`);
        }
      }
    }
    if (this.random() < 0.1) {
      const other = await this.t.bot(CONFIRM, { input: { orderId, transactionId: this.transactionId() } });
      this.history.count('operation.confirmPaidWithOtherId');
      this.history.check('confirm a paid order with another transactionId', other, { errors: { CONFLICT: ['ALREADY_PAID'] } });
    }
  }

  private async failOrder(): Promise<void> {
    const orderId = await this.createOrder(this.pick(this.members));
    const transactionId = this.transactionId();
    const failed = await this.t.bot(FAIL, { input: { orderId, transactionId } });
    this.history.count('operation.failPayment');
    if (!this.history.check('failPayment', failed, { ok: true })) return;
    this.history.failures.add(orderId);
    const late = await this.t.bot(CONFIRM, { input: { orderId, transactionId: this.transactionId() } });
    this.history.count('operation.confirmFailed');
    this.history.check('confirm a failed order', late, { errors: CONFLICT_TRANSITION });
  }

  /** Refunds a paid order (before or after its release, as it happens), or tries an order that is not paid. */
  private async refund(): Promise<void> {
    const refundable = this.history.paidOrders.filter((id) => !this.history.refunds.has(id));
    if (!refundable.length || this.random() < 0.1) {
      const pending = await this.createOrder(this.pick(this.members));
      const answer = await this.admin()(REFUND, { id: pending, reason: 'not paid yet' });
      this.history.count('operation.refundUnpaid');
      this.history.check('refund an unpaid order', answer, { errors: CONFLICT_TRANSITION });
      return;
    }
    const orderId = this.pick(refundable);
    const answer = await this.admin()(REFUND, { id: orderId, reason: 'chargeback' });
    this.history.count('operation.refund');
    // another client may have refunded it first
    if (this.history.check('refund', answer, { ok: true, errors: CONFLICT_TRANSITION })) this.history.refunds.add(orderId);
  }

  private async release(): Promise<void> {
    const answers = await Promise.all(Array.from({ length: this.random() < 0.3 ? 2 : 1 }, () => this.admin()(RELEASE)));
    this.history.count(answers.length === 2 ? 'operation.releaseTwiceAtOnce' : 'operation.release');
    // Another client's release may be running: that one is refused with RELEASE_IN_PROGRESS.
    for (const answer of answers) {
      if (this.history.check('processPendingCommissions', answer, { ok: true, errors: { CONFLICT: ['RELEASE_IN_PROGRESS'] } })) {
        this.history.count('released', answer.data!.processPendingCommissions);
      }
    }
  }

  /** The hold runs out for a few pending commissions (one such update at a time: two would lock rows in random orders). */
  private async mature(): Promise<void> {
    await this.history.serially(() => this.t.db.query(
      `UPDATE commissions SET release_at = now() - interval '1 second'
       WHERE id IN (SELECT id FROM commissions WHERE status = 'PENDING' AND release_at > now() ORDER BY random() LIMIT $1)`,
      [1 + Math.floor(this.random() * 20)],
    ));
    this.history.count('operation.matureHolds');
  }

  /** A request within what the wallet shows, or one that breaks a rule. */
  private async withdraw(): Promise<void> {
    // mostly someone with money to withdraw
    const funded = (await this.t.db.query('SELECT user_id FROM wallets WHERE available >= $1 ORDER BY user_id', [MINIMUM])).rows.map((row) => Number(row.user_id));
    const candidates = this.members.filter((member) => funded.includes(member.id));
    const user = candidates.length && this.random() < 0.8 ? this.pick(candidates) : this.pick(this.members);
    const upiId = `bank${user.telegramId}@okaxis`;
    const wallet = await this.t.bot(WALLET, { t: user.telegramId });
    const available = wallet.data!.wallet.available as number;
    if (available >= MINIMUM && this.random() < 0.75) {
      const amount = MINIMUM + Math.floor(this.random() * (available - MINIMUM + 1));
      const answer = await this.t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: user.telegramId, amount, upiId } });
      this.history.count('operation.withdrawWithinBalance');
      // the balance may have moved since it was read (a clawback, another request), or the user be blocked
      const ok = this.history.check('requestWithdrawal', answer, {
        ok: true,
        errors: { CONFLICT: ['OPEN_REQUEST_EXISTS'], BAD_USER_INPUT: ['INSUFFICIENT_FUNDS'], FORBIDDEN: ['USER_BLOCKED'] },
      });
      if (ok) {
        const id = answer.data!.requestWithdrawal.id as string;
        this.history.withdrawals.set(id, 'PENDING');
        this.history.openWithdrawals.add(id);
      }
      return;
    }
    const kind = this.pick(['aboveBalance', 'belowMinimum', 'negative', 'fraction'] as const);
    // above the balance just read by more than anything could add to it before the request lands: a
    // concurrent release, rejection or failed payout did cover a margin of ₹1–₹1,000 (₹130.90 once)
    const amount = { aboveBalance: Math.max(available, MINIMUM) + BEYOND_ANY_CREDIT + Math.floor(this.random() * 100000), belowMinimum: MINIMUM - 1, negative: -MINIMUM, fraction: MINIMUM + 0.5 }[kind];
    const answer = await this.t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: user.telegramId, amount, upiId } });
    this.history.count(`operation.withdrawInvalid.${kind}`);
    // a rule checked before the amount (open request, blocked user) may answer first; the Money scalar refuses fractions with no reason
    this.history.check(`requestWithdrawal ${kind}`, answer, {
      errors: {
        BAD_USER_INPUT: { aboveBalance: ['INSUFFICIENT_FUNDS'], belowMinimum: ['BELOW_MINIMUM'], negative: ['INVALID_AMOUNT', 'NONE'], fraction: ['NONE'] }[kind],
        ...(kind === 'aboveBalance' || kind === 'belowMinimum' ? { CONFLICT: ['OPEN_REQUEST_EXISTS'], FORBIDDEN: ['USER_BLOCKED'] } : {}),
      },
    });
  }

  /** An admin decides an open request; sometimes two admins decide the same one at once. */
  private async decide(): Promise<void> {
    const open = [...this.history.openWithdrawals];
    if (!open.length) return this.release();
    const id = this.pick(open);
    const decisions = Array.from({ length: this.random() < 0.35 ? 2 : 1 }, () => this.pick(['approve', 'approve', 'approve', 'reject', 'markPaid'] as const));
    const answers = await Promise.all(
      decisions.map((decision, n) => {
        const admin = this.admins[(n + this.index) % this.admins.length];
        if (decision === 'approve') return admin(APPROVE, { id });
        if (decision === 'reject') return admin(REJECT, { id, reason: 'bank test' });
        return admin(MARK_PAID, { id, ref: this.history.payoutReference() });
      }),
    );
    this.history.count(decisions.length === 2 ? 'operation.twoAdminsDecide' : 'operation.decide');
    decisions.forEach((decision, n) => {
      this.history.count(`decision.${decision}`);
      const allowed: Allowed =
        decision === 'approve' ? { ok: true, errors: { CONFLICT: ['INVALID_TRANSITION', 'USER_BLOCKED', 'USER_ON_HOLD'] } } : { ok: true, errors: CONFLICT_TRANSITION };
      const answer = answers[n];
      if (!this.history.check(decision, answer, allowed)) return;
      const field = { approve: 'approveWithdrawal', reject: 'rejectWithdrawal', markPaid: 'markWithdrawalPaid' }[decision];
      const status = answer.data![field].status as string;
      this.history.withdrawals.set(id, status);
      if (status === 'PAID' || status === 'REJECTED') this.history.openWithdrawals.delete(id);
    });
    // a request rejected by a block closes without an admin's decision: forget it once it is closed
    if (answers.some((answer) => answer.errors)) {
      const { rows } = await this.t.db.query('SELECT status FROM withdrawals WHERE id = $1', [id]);
      if (!['PENDING', 'APPROVED'].includes(rows[0].status)) this.history.openWithdrawals.delete(id);
    }
  }

  /** Someone with money asks for a withdrawal while an admin blocks them. */
  private async blockWhileRequesting(): Promise<void> {
    const { rows } = await this.t.db.query(
      `SELECT w.user_id FROM wallets w JOIN users u ON u.id = w.user_id
       WHERE u.status = 'ACTIVE' AND w.available >= $1 AND NOT EXISTS (SELECT 1 FROM withdrawals o WHERE o.user_id = u.id AND o.status IN ('PENDING', 'APPROVED'))
       ORDER BY w.user_id`,
      [MINIMUM],
    );
    if (!rows.length) return this.moderate();
    const target = this.pick(rows);
    const user = this.members.find((member) => member.id === Number(target.user_id));
    if (!user) return this.moderate();
    // each starts after a pause of 0–3 ms, so either may reach the database first
    const pause = () => new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * 4)));
    const [requested, blocked] = await Promise.all([
      pause().then(() => this.t.bot(REQUEST_WITHDRAWAL, { input: { telegramId: user.telegramId, amount: MINIMUM, upiId: `bank${user.telegramId}@okaxis` } })),
      pause().then(() => this.admin()(BLOCK, { id: String(user.id), reason: 'bank test: block while requesting' })),
    ]);
    this.history.count('operation.blockWhileRequesting');
    this.history.check('blockUser during a request', blocked, { ok: true, errors: { CONFLICT: ['ALREADY_BLOCKED'] } });
    const ok = this.history.check('requestWithdrawal during a block', requested, {
      ok: true,
      errors: { CONFLICT: ['OPEN_REQUEST_EXISTS'], BAD_USER_INPUT: ['INSUFFICIENT_FUNDS'], FORBIDDEN: ['USER_BLOCKED'] },
    });
    if (ok) {
      const id = requested.data!.requestWithdrawal.id as string;
      this.history.withdrawals.set(id, 'PENDING');
      this.history.openWithdrawals.add(id);
    }
  }

  /** Blocks someone, or unblocks a blocked user (now and then somebody in the wrong state, to see the refusal). */
  private async moderate(): Promise<void> {
    const blocked = (await this.t.db.query(`SELECT id FROM users WHERE status = 'BLOCKED'`)).rows.map((row) => Number(row.id));
    const block = this.random() < 0.5;
    const candidates = this.members.filter((member) => blocked.includes(member.id) !== block);
    const user = candidates.length && this.random() < 0.9 ? this.pick(candidates) : this.pick(this.members);
    if (block) {
      const answer = await this.admin()(BLOCK, { id: String(user.id), reason: 'bank test' });
      this.history.count('operation.block');
      this.history.check('blockUser', answer, { ok: true, errors: { CONFLICT: ['ALREADY_BLOCKED'] } });
    } else {
      const answer = await this.admin()(UNBLOCK, { id: String(user.id) });
      this.history.count('operation.unblock');
      this.history.check('unblockUser', answer, { ok: true, errors: { CONFLICT: ['NOT_BLOCKED'] } });
    }
  }
}

interface BookCheck {
  kinds: string[];
  checks: number;
  failures: string[];
  /** Invariants that had nothing to check: the run did not exercise them */
  vacuous: string[];
  rows: { users: number; orders: number; commissions: number; withdrawals: number; ledger: number };
  /** withdrawals sent to RazorpayX, by final status */
  payouts: Record<string, number>;
}

/**
 * The books after the run, each invariant computed here from the tables (never through the
 * code under test, except the app's own reconciliation, which is checked too): every row of
 * an invariant's query that breaks it is a failure.
 */
async function checkBooks(t: TestApp, fake: FakeRazorpayX, history: History, members: Member[]): Promise<BookCheck> {
  const result: BookCheck = { kinds: [], checks: 0, failures: [], vacuous: [], rows: { users: 0, orders: 0, commissions: 0, withdrawals: 0, ledger: 0 }, payouts: {} };
  const count = async (sql: string) => (await t.db.query(sql)).rows[0].n as number;
  result.rows = {
    users: await count('SELECT count(*)::int AS n FROM users'),
    orders: await count('SELECT count(*)::int AS n FROM orders'),
    commissions: await count('SELECT count(*)::int AS n FROM commissions'),
    withdrawals: await count('SELECT count(*)::int AS n FROM withdrawals'),
    ledger: await count('SELECT count(*)::int AS n FROM wallet_transactions'),
  };
  for (const row of (await t.db.query(`SELECT status, count(*)::int AS n FROM withdrawals WHERE sent_at IS NOT NULL OR provider_payout_id IS NOT NULL GROUP BY status ORDER BY status`)).rows) {
    result.payouts[row.status] = row.n;
  }
  /** `sql` answers one row per item checked, with `ok` and a description. */
  const invariant = async (kind: string, sql: string, values: unknown[] = []) => {
    const { rows } = await t.db.query<{ ok: boolean; what: string }>(sql, values);
    result.kinds.push(kind);
    result.checks += rows.length;
    for (const row of rows) if (!row.ok) result.failures.push(`${kind}: ${row.what}`);
    if (!rows.length) result.vacuous.push(kind);
  };

  await invariant(
    'wallets = ledger (each bucket the sum of its ledger entries)',
    `WITH l AS (
       SELECT user_id,
              sum(CASE WHEN bucket = 'PENDING' THEN amount WHEN from_bucket = 'PENDING' THEN -amount ELSE 0 END) AS pending,
              sum(CASE WHEN bucket = 'AVAILABLE' THEN amount WHEN from_bucket = 'AVAILABLE' THEN -amount ELSE 0 END) AS available,
              sum(CASE WHEN bucket = 'LOCKED' THEN amount WHEN from_bucket = 'LOCKED' THEN -amount ELSE 0 END) AS locked,
              sum(CASE WHEN bucket = 'WITHDRAWN' THEN amount WHEN from_bucket = 'WITHDRAWN' THEN -amount ELSE 0 END) AS withdrawn,
              sum(CASE WHEN type IN ('COMMISSION_CREDIT', 'COMMISSION_REVERSAL', 'CLAWBACK') THEN amount ELSE 0 END) AS earned
       FROM wallet_transactions GROUP BY user_id
     )
     SELECT (w.pending, w.available, w.locked, w.withdrawn, w.total_earned)
              = (coalesce(l.pending, 0), coalesce(l.available, 0), coalesce(l.locked, 0), coalesce(l.withdrawn, 0), coalesce(l.earned, 0)) AS ok,
            format('user %s wallet (%s,%s,%s,%s,%s) ledger (%s,%s,%s,%s,%s)', w.user_id, w.pending, w.available, w.locked, w.withdrawn, w.total_earned,
                   l.pending, l.available, l.locked, l.withdrawn, l.earned) AS what
     FROM wallets w LEFT JOIN l ON l.user_id = w.user_id`,
  );
  await invariant(
    'wallets = commissions and withdrawals (pending, locked, withdrawn, earned)',
    `WITH c AS (
       SELECT beneficiary_id AS user_id, sum(amount) FILTER (WHERE status = 'PENDING') AS pending,
              sum(amount) FILTER (WHERE status <> 'REVERSED') AS earned
       FROM commissions GROUP BY beneficiary_id
     ), wd AS (
       SELECT user_id, sum(amount) FILTER (WHERE status IN ('PENDING', 'APPROVED', 'PROCESSING')) AS locked, sum(amount) FILTER (WHERE status = 'PAID') AS withdrawn
       FROM withdrawals GROUP BY user_id
     )
     SELECT (w.pending, w.locked, w.withdrawn, w.total_earned) = (coalesce(c.pending, 0), coalesce(wd.locked, 0), coalesce(wd.withdrawn, 0), coalesce(c.earned, 0)) AS ok,
            format('user %s wallet (%s,%s,%s,%s) records (%s,%s,%s,%s)', w.user_id, w.pending, w.locked, w.withdrawn, w.total_earned, c.pending, wd.locked, wd.withdrawn, c.earned) AS what
     FROM wallets w LEFT JOIN c ON c.user_id = w.user_id LEFT JOIN wd ON wd.user_id = w.user_id`,
  );
  const reconciliation = await t.admin('{ walletReconciliation { checkedWallets driftedWallets drift { userId field } } }');
  result.kinds.push("the app's own reconciliation finds no drift");
  result.checks += 1;
  if (reconciliation.data?.walletReconciliation.driftedWallets !== 0) result.failures.push(`reconciliation: ${JSON.stringify(reconciliation)}`);
  await invariant(
    'no bucket below zero; available below zero only after a clawback',
    `SELECT pending >= 0 AND locked >= 0 AND withdrawn >= 0 AND total_earned >= 0
              AND (available >= 0 OR EXISTS (SELECT 1 FROM wallet_transactions l WHERE l.user_id = w.user_id AND l.type = 'CLAWBACK')) AS ok,
            format('user %s: %s', user_id, row_to_json(w)) AS what
     FROM wallets w`,
  );
  await invariant(
    'no withdrawal ever locked money that was not available (ledger replayed per user)',
    `WITH running AS (
       SELECT user_id, id, type,
              sum(CASE WHEN bucket = 'AVAILABLE' THEN amount WHEN from_bucket = 'AVAILABLE' THEN -amount ELSE 0 END)
                OVER (PARTITION BY user_id ORDER BY id) AS available_after
       FROM wallet_transactions
     )
     SELECT available_after >= 0 AS ok, format('user %s: ledger row %s leaves available %s', user_id, id, available_after) AS what
     FROM running WHERE type = 'WITHDRAWAL_LOCK'`,
  );
  await invariant(
    'one commission per order and level',
    `SELECT count(*) = 1 AS ok, format('order %s level %s has %s commissions', order_id, level, count(*)) AS what
     FROM commissions GROUP BY order_id, level`,
  );
  await invariant(
    'commissions only for paid or refunded orders; reversed exactly when the order was refunded',
    `SELECT o.status IN ('PAID', 'REFUNDED') AND (o.status = 'REFUNDED') = (c.status = 'REVERSED') AS ok,
            format('commission %s (%s) of order %s (%s)', c.id, c.status, o.id, o.status) AS what
     FROM commissions c JOIN orders o ON o.id = c.order_id`,
  );
  await invariant(
    'each commission goes to the right referrer with the right amount (₹28 level 1, ₹9 level 2)',
    `SELECT c.source_user_id = o.user_id
              AND c.beneficiary_id = CASE c.level WHEN 1 THEN buyer.referred_by_id ELSE l1.referred_by_id END
              AND c.amount = CASE c.level WHEN 1 THEN ${LEVEL1} ELSE ${LEVEL2} END AS ok,
            format('commission %s: level %s, %s paise to %s for order %s', c.id, c.level, c.amount, c.beneficiary_id, o.id) AS what
     FROM commissions c JOIN orders o ON o.id = c.order_id JOIN users buyer ON buyer.id = o.user_id LEFT JOIN users l1 ON l1.id = buyer.referred_by_id`,
  );
  await invariant(
    'each commission has its ledger rows: one credit, one release when released, one reversal or clawback when reversed',
    `SELECT count(*) FILTER (WHERE l.type = 'COMMISSION_CREDIT') = 1
              AND count(*) FILTER (WHERE l.type = 'COMMISSION_RELEASE') = CASE WHEN c.released_at IS NOT NULL THEN 1 ELSE 0 END
              AND count(*) FILTER (WHERE l.type IN ('COMMISSION_REVERSAL', 'CLAWBACK')) = CASE WHEN c.status = 'REVERSED' THEN 1 ELSE 0 END AS ok,
            format('commission %s (%s): %s', c.id, c.status, string_agg(l.type, ',')) AS what
     FROM commissions c LEFT JOIN wallet_transactions l ON l.commission_id = c.id GROUP BY c.id`,
  );
  await invariant(
    "each withdrawal's ledger rows match its status: open a lock; PAID lock, payout; REJECTED and FAILED lock, unlock; REVERSED lock, payout, reversal",
    `SELECT coalesce(string_agg(l.type, ',' ORDER BY l.id), '') = CASE
              WHEN w.status IN ('PENDING', 'APPROVED', 'PROCESSING') THEN 'WITHDRAWAL_LOCK'
              WHEN w.status = 'PAID' THEN 'WITHDRAWAL_LOCK,WITHDRAWAL_PAYOUT'
              WHEN w.status IN ('REJECTED', 'FAILED') THEN 'WITHDRAWAL_LOCK,WITHDRAWAL_UNLOCK'
              WHEN w.status = 'REVERSED' THEN 'WITHDRAWAL_LOCK,WITHDRAWAL_PAYOUT,WITHDRAWAL_REVERSAL' END
              AND bool_and(l.amount = w.amount) AS ok,
            format('withdrawal %s (%s, %s paise): %s', w.id, w.status, w.amount, string_agg(l.type || ':' || l.amount, ',' ORDER BY l.id)) AS what
     FROM withdrawals w LEFT JOIN wallet_transactions l ON l.withdrawal_id = w.id GROUP BY w.id`,
  );
  await invariant(
    'nothing paid twice: each withdrawal has at most one payout debit and at most one reversal in the ledger',
    `SELECT count(*) FILTER (WHERE l.type = 'WITHDRAWAL_PAYOUT') <= 1 AND count(*) FILTER (WHERE l.type = 'WITHDRAWAL_REVERSAL') <= 1 AS ok,
            format('withdrawal %s (%s): %s', w.id, w.status, string_agg(l.type, ',' ORDER BY l.id)) AS what
     FROM withdrawals w LEFT JOIN wallet_transactions l ON l.withdrawal_id = w.id GROUP BY w.id`,
  );
  const made = [...fake.payouts.entries()];
  await invariant(
    "nothing paid twice at RazorpayX: one payout per idempotency key and per withdrawal, the withdrawal's own, for its amount",
    `SELECT a.key = 'wd_' || w.id AND a.reference = a.key AND w.provider_payout_id = a.payout_id AND w.amount = a.amount
              AND (SELECT count(*) FROM unnest($3::text[]) r WHERE r = a.reference) = 1 AS ok,
            format('RazorpayX payout %s (key %s, reference %s, %s paise) vs withdrawal %s (%s, %s paise)', a.payout_id, a.key, a.reference, a.amount, w.id, w.provider_payout_id, w.amount) AS what
     FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS a(key, payout_id, reference, amount)
     LEFT JOIN withdrawals w ON 'wd_' || w.id = a.key`,
    [made.map(([key]) => key), made.map(([, p]) => p.id), made.map(([, p]) => p.reference_id), made.map(([, p]) => p.amount)],
  );
  await invariant(
    'every withdrawal sent has its payout at RazorpayX; it left PROCESSING exactly when a webhook was delivered for it',
    `SELECT w.provider_payout_id = ANY($2::text[]) AND w.status IN ('PROCESSING', 'PAID', 'FAILED', 'REVERSED')
              AND (w.status = 'PROCESSING') = NOT (w.id = ANY($1::bigint[])) AS ok,
            format('withdrawal %s (%s) payout %s, webhook delivered: %s', w.id, w.status, w.provider_payout_id, w.id = ANY($1::bigint[])) AS what
     FROM withdrawals w WHERE w.sent_at IS NOT NULL OR w.provider_payout_id IS NOT NULL`,
    [[...history.webhooked], made.map(([, p]) => p.id)],
  );
  await invariant(
    'every acknowledged payment is in the database, paid (or refunded since) with its transaction id',
    `SELECT o.status IN ('PAID', 'REFUNDED') AND o.transaction_id = a.transaction_id AS ok,
            format('order %s acknowledged as paid with %s is %s with %s', a.order_id, a.transaction_id, o.status, o.transaction_id) AS what
     FROM unnest($1::bigint[], $2::text[]) AS a(order_id, transaction_id) LEFT JOIN orders o ON o.id = a.order_id`,
    [[...history.payments.keys()], [...history.payments.values()]],
  );
  await invariant(
    'every acknowledged refund and failed payment is in the database',
    `SELECT o.status = a.status AS ok, format('order %s acknowledged %s is %s', a.order_id, a.status, o.status) AS what
     FROM unnest($1::bigint[], $2::text[]) AS a(order_id, status) LEFT JOIN orders o ON o.id = a.order_id`,
    [
      [...history.refunds, ...history.failures],
      [...[...history.refunds].map(() => 'REFUNDED'), ...[...history.failures].map(() => 'FAILED')],
    ],
  );
  await invariant(
    'every acknowledged withdrawal is in the database; acknowledged REJECTED is final, PAID final but for a reversal of a RazorpayX payout, PROCESSING never back',
    `SELECT w.id IS NOT NULL AND (a.status <> 'REJECTED' OR w.status = a.status)
              AND (a.status <> 'PAID' OR w.status = 'PAID' OR (w.status = 'REVERSED' AND w.provider_payout_id IS NOT NULL))
              AND (a.status <> 'PROCESSING' OR w.status IN ('PROCESSING', 'PAID', 'FAILED', 'REVERSED')) AS ok,
            format('withdrawal %s acknowledged %s is %s', a.id, a.status, w.status) AS what
     FROM unnest($1::bigint[], $2::text[]) AS a(id, status) LEFT JOIN withdrawals w ON w.id = a.id`,
    [[...history.withdrawals.keys()], [...history.withdrawals.values()]],
  );
  await invariant(
    'referral stats = recomputation from users, referrals, orders and commissions',
    `SELECT (s.direct_referrals, s.level2_referrals, s.conversions, s.level1_earned, s.level2_earned) =
              ((SELECT count(*) FROM users d WHERE d.referred_by_id = u.id),
               (SELECT count(*) FROM users d JOIN users g ON g.referred_by_id = d.id WHERE d.referred_by_id = u.id),
               (SELECT count(*) FROM users d WHERE d.referred_by_id = u.id AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = d.id AND o.paid_at IS NOT NULL)),
               (SELECT coalesce(sum(amount), 0) FROM commissions c WHERE c.beneficiary_id = u.id AND c.level = 1 AND c.status <> 'REVERSED'),
               (SELECT coalesce(sum(amount), 0) FROM commissions c WHERE c.beneficiary_id = u.id AND c.level = 2 AND c.status <> 'REVERSED')) AS ok,
            format('user %s: stats %s', u.id, row_to_json(s)) AS what
     FROM users u JOIN referral_stats s ON s.user_id = u.id WHERE u.admin_role IS NULL`,
  );
  // the bot's view of the same figures
  let statsChecked = 0;
  for (const member of members) {
    const answer = await t.bot(STATS, { t: member.telegramId });
    const expected = (
      await t.db.query(
        `SELECT (SELECT count(*)::int FROM users d WHERE d.referred_by_id = $1) AS "directReferrals",
                (SELECT count(*)::int FROM users d JOIN users g ON g.referred_by_id = d.id WHERE d.referred_by_id = $1) AS "level2Referrals",
                (SELECT count(*)::int FROM users d WHERE d.referred_by_id = $1 AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = d.id AND o.paid_at IS NOT NULL)) AS "convertedReferrals",
                (SELECT coalesce(sum(amount), 0)::bigint FROM commissions WHERE beneficiary_id = $1 AND status <> 'REVERSED') AS "totalEarned"`,
        [member.id],
      )
    ).rows[0];
    statsChecked += 1;
    if (JSON.stringify(answer.data?.referralStats) !== JSON.stringify(expected)) {
      result.failures.push(`referralStats of ${member.telegramId}: ${JSON.stringify(answer.data?.referralStats ?? answer.errors)} ≠ ${JSON.stringify(expected)}`);
    }
  }
  result.kinds.push('referralStats over GraphQL = recomputation');
  result.checks += statsChecked;
  await invariant(
    'Σ total earned = Σ non-reversed commissions',
    `SELECT (SELECT sum(total_earned) FROM wallets) = (SELECT coalesce(sum(amount), 0) FROM commissions WHERE status <> 'REVERSED') AS ok,
            format('wallets %s, commissions %s', (SELECT sum(total_earned) FROM wallets), (SELECT sum(amount) FROM commissions WHERE status <> 'REVERSED')) AS what`,
  );
  await invariant(
    'blocked users hold no open withdrawal',
    `SELECT NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.user_id = u.id AND w.status IN ('PENDING', 'APPROVED')) AS ok,
            format('blocked user %s has an open withdrawal', u.id) AS what
     FROM users u WHERE u.status = 'BLOCKED'
     UNION ALL SELECT true, 'no user blocked at the end' WHERE NOT EXISTS (SELECT 1 FROM users WHERE status = 'BLOCKED')`,
  );
  await invariant(
    'after the last release nothing matured stays pending for an active user',
    `SELECT NOT (c.release_at <= now() AND u.status = 'ACTIVE') AS ok, format('commission %s of user %s still pending', c.id, u.id) AS what
     FROM commissions c JOIN users u ON u.id = c.beneficiary_id WHERE c.status = 'PENDING'
     UNION ALL SELECT true, 'nothing pending' WHERE NOT EXISTS (SELECT 1 FROM commissions WHERE status = 'PENDING')`,
  );
  // The reports' rollups, maintained by the same statements, recounted from the source tables.
  const drift = await t.admin<{ reportDrift: { figure: string; bucket: string; expected: number; actual: number }[] }>(
    '{ reportDrift { figure bucket expected actual } }',
  );
  result.kinds.push('report rollups = a recount from the source tables');
  result.checks += 1;
  if (drift.errors) result.failures.push(`report rollups: ${JSON.stringify(drift.errors)}`);
  for (const row of drift.data?.reportDrift ?? []) result.failures.push(`report rollups: ${JSON.stringify(row)}`);
  return result;
}
