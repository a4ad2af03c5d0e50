/**
 * Gateway webhook benchmark (issue 14): payments per second through the full webhook stack
 * (HTTP, raw-body HMAC check, the event stored once, the order paid by confirmPayment's
 * statement, all in one transaction) against confirmPayment over GraphQL, in the same run,
 * phases ordered A-B-B-A so the growing tables favour neither side. Target: webhooks ≥ 80%.
 * Run: npm run build -w backend && npm run bench:webhooks -w backend
 * Env: BENCH_SECONDS (per phase, default 10), BENCH_CLIENTS (32), BENCH_CHAINS (2000),
 *      BENCH_DATABASE_URL (a server to use instead of an embedded one).
 */
import { createHmac } from 'node:crypto';
import { BENCH_BOT_KEY, envNumber, httpLoad, printLoad, startBenchApp, timed, type BenchApp, type LoadResult } from './harness.js';
import { queue, seedPendingOrders, seedUsers, settle } from './money-fixtures.js';

const SECONDS = envNumber('BENCH_SECONDS', 10);
const CLIENTS = envNumber('BENCH_CLIENTS', 32);
const CHAINS = envNumber('BENCH_CHAINS', 2000);
const WEBHOOK_SECRET = 'bench-razorpay-webhook-secret';
/** More orders than six phases can pay at a few thousand per second. */
const ORDERS = envNumber('BENCH_ORDERS', 150_000);

const CONFIRM = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }';

/** A Razorpay payment.captured delivery for `orderId`, signed as Razorpay signs it. */
function capturedDelivery(orderId: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    entity: 'event',
    account_id: 'acc_Bench',
    event: 'payment.captured',
    contains: ['payment'],
    payload: {
      payment: {
        entity: { id: `pay_B${orderId}`, entity: 'payment', amount: 13500, currency: 'INR', status: 'captured', method: 'upi', vpa: 'buyer@okaxis', notes: { payment_reference: `ott_${orderId}` } },
      },
    },
    created_at: Math.floor(Date.now() / 1000),
  });
  return {
    body,
    headers: { 'x-razorpay-signature': createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex'), 'x-razorpay-event-id': `evt_B${orderId}` },
  };
}

async function webhookLoad(bench: BenchApp, take: ReturnType<typeof queue>, label: string) {
  const batch = take.batch(Math.ceil(SECONDS * 4000));
  const result = await httpLoad(bench, label, '', [], CLIENTS, SECONDS, {}, { path: '/webhooks/razorpay', requests: batch.map(capturedDelivery) });
  take.giveBack(batch.length - result.used);
  if (result.firstError) console.log(`  first error: ${result.firstError}`);
  return result;
}

async function graphqlLoad(bench: BenchApp, take: ReturnType<typeof queue>, label: string) {
  const batch = take.batch(Math.ceil(SECONDS * 4000));
  const result = await httpLoad(
    bench,
    label,
    CONFIRM,
    batch.map((orderId) => ({ input: { orderId: String(orderId), transactionId: `HTTP-${orderId}` } })),
    CLIENTS,
    SECONDS,
    { 'x-api-key': BENCH_BOT_KEY },
  );
  take.giveBack(batch.length - result.used);
  if (result.firstError) console.log(`  first error: ${result.firstError}`);
  return result;
}

async function main(): Promise<void> {
  console.log(`Webhook benchmark: ${CHAINS} referrer chains, ${ORDERS} pending orders, ${CLIENTS} clients, ${SECONDS} s per phase`);
  const bench = await startBenchApp({ RAZORPAY_WEBHOOK_SECRET: WEBHOOK_SECRET });
  try {
    const { result: ids } = await timed('seed users and orders', async () => {
      await seedUsers(bench.db, CHAINS);
      return seedPendingOrders(bench.db, ORDERS, CHAINS);
    });
    const take = queue(ids);
    await bench.db.query('VACUUM ANALYZE');
    // pools, JIT and prepared statements warm up on both paths before anything is measured
    await graphqlLoad(bench, take, 'warm-up GraphQL');
    await webhookLoad(bench, take, 'warm-up webhook');
    const measure = async (phase: () => Promise<LoadResult>) => {
      await settle(bench.db);
      return phase();
    };
    const graphql1 = await measure(() => graphqlLoad(bench, take, 'confirmPayment over GraphQL'));
    const webhook1 = await measure(() => webhookLoad(bench, take, 'Razorpay webhook'));
    const webhook2 = await measure(() => webhookLoad(bench, take, 'Razorpay webhook (again)'));
    const graphql2 = await measure(() => graphqlLoad(bench, take, 'confirmPayment over GraphQL (again)'));
    printLoad([graphql1, webhook1, webhook2, graphql2]);
    const mean = (...runs: LoadResult[]) => runs.reduce((sum, run) => sum + run.perSecond, 0) / runs.length;
    const ratio = mean(webhook1, webhook2) / mean(graphql1, graphql2);
    console.log(`webhook/GraphQL: ${(ratio * 100).toFixed(0)}% (target ≥ 80%): ${mean(webhook1, webhook2).toFixed(0)}/s vs ${mean(graphql1, graphql2).toFixed(0)}/s`);

    const check = await bench.db.query(
      `SELECT (SELECT count(*)::int FROM payment_events WHERE outcome = 'PROCESSED') AS processed,
              (SELECT count(*)::int FROM payment_events WHERE outcome <> 'PROCESSED') AS other,
              (SELECT count(*)::int FROM orders WHERE transaction_id LIKE 'pay_B%' AND status = 'PAID') AS paid_by_webhook,
              (SELECT count(*)::int FROM wallets w LEFT JOIN (SELECT user_id, sum(amount) FILTER (WHERE bucket = 'PENDING') AS pending FROM wallet_transactions GROUP BY 1) l
                 ON l.user_id = w.user_id WHERE w.pending <> coalesce(l.pending, 0)) AS drifted`,
    );
    const { processed, other, paid_by_webhook: paidByWebhook, drifted } = check.rows[0];
    console.log(`events PROCESSED: ${processed}, other outcomes: ${other}, orders paid by webhook: ${paidByWebhook}, wallets whose pending differs from the ledger: ${drifted}`);
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
