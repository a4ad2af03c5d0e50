/**
 * Money benchmarks (issue 4):
 *  1. confirmPayment through the full stack (HTTP → GraphQL → PostgreSQL) at 16, 32 and 64
 *     clients, and the same transaction (one prepared statement) sent by a bare `pg` pool in the
 *     same run; plus the number of SQL statements one confirmation sends.
 *  2. Releasing matured commissions against one bare set-based UPDATE of the same rows:
 *     BENCH_RELEASE_COMMISSIONS (default 2,000,000) are seeded; the first half (1,000,000) is
 *     released with nothing else running, the second while BENCH_RELEASE_LOAD_CLIENTS (4)
 *     clients keep confirming payments, whose latency during the release is reported.
 * Run: npm run build -w backend && npm run bench:money -w backend
 * Env: BENCH_SECONDS (per load phase, default 10), BENCH_CHAINS (20000), BENCH_RELEASE_COMMISSIONS,
 *      BENCH_RELEASE_LOAD_CLIENTS, BENCH_PARTS (throughput,release), BENCH_DATABASE_URL (a server
 *      to use instead of an embedded one).
 */
import pg from 'pg';
import { CommissionsService } from '../commissions/commissions.service.js';
import { CONFIRM_PAYMENT } from '../orders/orders.repository.js';
import { BUYERS_PER_REFERRER, queue, seedPendingOrders, seedUsers, settle } from './money-fixtures.js';
import { envNumber, httpLoad, percentiles, printLoad, runLoad, startBenchApp, timed, type BenchApp, type LoadResult } from './harness.js';

const SECONDS = envNumber('BENCH_SECONDS', 10);
const CHAINS = envNumber('BENCH_CHAINS', 20_000);
const RELEASE_COMMISSIONS = envNumber('BENCH_RELEASE_COMMISSIONS', 2_000_000);
/** Payments kept running during the release: a busy bot's rate, not a saturating flood. */
const RELEASE_LOAD_CLIENTS = envNumber('BENCH_RELEASE_LOAD_CLIENTS', 4);
/** Which parts to run: `throughput`, `release` or both (the default). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'throughput,release').split(',').map((part) => part.trim()));

const CONFIRM = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }';

/** confirmPayment over HTTP from a separate thread, on the next orders in the queue. */
async function httpConfirmLoad(bench: BenchApp, take: ReturnType<typeof queue>, label: string, clients: number, seconds: number) {
  const batch = take.batch(Math.ceil(seconds * 3000));
  const result = await httpLoad(
    bench,
    label,
    CONFIRM,
    batch.map((orderId) => ({ input: { orderId: String(orderId), transactionId: `HTTP-${orderId}` } })),
    clients,
    seconds,
  );
  take.giveBack(batch.length - result.used);
  if (result.firstError) console.log(`  first error: ${result.firstError}`);
  return result;
}

function httpConfirm(bench: BenchApp, take: () => number | undefined) {
  return async () => {
    const orderId = take();
    if (orderId === undefined) return false;
    const result = await bench.bot(CONFIRM, { input: { orderId: String(orderId), transactionId: `HTTP-${orderId}` } });
    if (result.errors || result.data?.confirmPayment?.status !== 'PAID') throw new Error(JSON.stringify(result.errors));
    return true;
  };
}

/** The service's transaction, the same prepared statement, from a bare pg pool. */
function rawConfirm(pool: pg.Pool, take: () => number | undefined) {
  return async () => {
    const orderId = take();
    if (orderId === undefined) return false;
    const { rows } = await pool.query({ name: 'raw_confirm_payment', text: CONFIRM_PAYMENT.text, values: [orderId, `RAW-${orderId}`, 'bench', false] });
    if (rows[0]?.status !== 'PAID') throw new Error(`order ${orderId} was not confirmed`);
    return true;
  };
}

/** Counts the statements the API sends to PostgreSQL for one confirmation. */
async function statementsPerConfirmation(bench: BenchApp, orderId: number): Promise<string[]> {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  const seen: string[] = [];
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    seen.push((typeof first === 'string' ? first : (first.name ?? first.text ?? '')).trim().split(/\s+/).slice(0, 3).join(' '));
    return original.apply(this, args);
  };
  try {
    await httpConfirm(bench, () => orderId)();
  } finally {
    prototype.query = original;
  }
  return seen;
}

async function seedMaturedCommissions(db: pg.Pool, commissions: number): Promise<void> {
  const orders = Math.ceil(commissions / 2);
  await db.query(
    `INSERT INTO orders (user_id, status, payment_method, product_name, amount, cost, level1_rate_bps, level2_rate_bps, commission_rounding,
                         commission_hold_hours, transaction_id, paid_at, created_at)
     SELECT c.id, 'PAID', 'UPI', 'Combo OTT Plan', 13500, 4200, 3000, 1000, 'RUPEE', 24, 'SEED-' || g,
            now() - interval '3 days' + (g % 2) * interval '1 day', now() - interval '3 days'
     FROM generate_series(1, $1) g JOIN users c ON c.telegram_id = 7200000000 + ((g - 1) % $2) + 1`,
    [orders, CHAINS * BUYERS_PER_REFERRER],
  );
  await db.query(
    `INSERT INTO commissions (order_id, beneficiary_id, source_user_id, level, amount, status, release_at, created_at)
     SELECT o.id, CASE l.level WHEN 1 THEN b.id ELSE b.referred_by_id END, o.user_id, l.level, CASE l.level WHEN 1 THEN 2800 ELSE 900 END,
            'PENDING', o.paid_at + interval '24 hours', o.paid_at
     FROM orders o JOIN users c ON c.id = o.user_id JOIN users b ON b.id = c.referred_by_id CROSS JOIN (VALUES (1), (2)) AS l(level)
     WHERE o.transaction_id LIKE 'SEED-%'`,
  );
  await db.query(
    `INSERT INTO wallet_transactions (user_id, type, bucket, amount, order_id, commission_id, actor, created_at)
     SELECT beneficiary_id, 'COMMISSION_CREDIT', 'PENDING', amount, order_id, id, 'seed', created_at FROM commissions WHERE status = 'PENDING'`,
  );
  await db.query(
    `UPDATE wallets w SET pending = w.pending + t.amount, total_earned = w.total_earned + t.amount
     FROM (SELECT beneficiary_id, sum(amount) AS amount FROM commissions WHERE status = 'PENDING' GROUP BY 1) t WHERE w.user_id = t.beneficiary_id`,
  );
  await db.query('VACUUM ANALYZE');
}

/** confirmPayment over HTTP at 16, 32 and 64 clients against the same transaction from a bare pg pool. */
async function throughput(bench: BenchApp, take: ReturnType<typeof queue>): Promise<void> {
  const statements = await statementsPerConfirmation(bench, take()!);
  console.log(`SQL statements per confirmation: ${statements.length} (${statements.join(' | ')})`);

  const raw = new pg.Pool({ connectionString: bench.databaseUrl, max: 64 });
  // JIT, connection pools and prepared statements warm up before anything is measured
  await httpConfirmLoad(bench, take, 'warm-up', 32, SECONDS);
  await runLoad('warm-up raw', 32, 3, rawConfirm(raw, take));
  // The tables grow as the run goes on, so each comparison is measured on both sides of the
  // other (A B B A): 16 and 64 clients around the middle, HTTP around raw at 32 clients.
  const measure = async <T>(phase: () => Promise<T>) => {
    await settle(bench.db);
    return phase();
  };
  const http16 = await measure(() => httpConfirmLoad(bench, take, 'confirmPayment over HTTP', 16, SECONDS));
  const http64 = await measure(() => httpConfirmLoad(bench, take, 'confirmPayment over HTTP', 64, SECONDS));
  const http32 = await measure(() => httpConfirmLoad(bench, take, 'confirmPayment over HTTP', 32, SECONDS));
  const raw16 = await measure(() => runLoad('same statement, bare pg', 16, SECONDS, rawConfirm(raw, take)));
  const raw32 = await measure(() => runLoad('same statement, bare pg', 32, SECONDS, rawConfirm(raw, take)));
  const http32again = await measure(() => httpConfirmLoad(bench, take, 'confirmPayment over HTTP (again)', 32, SECONDS));
  const http64again = await measure(() => httpConfirmLoad(bench, take, 'confirmPayment over HTTP (again)', 64, SECONDS));
  const http16again = await measure(() => httpConfirmLoad(bench, take, 'confirmPayment over HTTP (again)', 16, SECONDS));
  printLoad([http16, http64, http32, raw16, raw32, http32again, http64again, http16again]);
  const mean = (...runs: LoadResult[]) => runs.reduce((sum, run) => sum + run.perSecond, 0) / runs.length;
  const ratio = mean(http32, http32again) / raw32.perSecond;
  console.log(`HTTP/raw at 32 clients: ${(ratio * 100).toFixed(0)}% (target ≥ 50%): ${mean(http32, http32again).toFixed(0)}/s vs ${raw32.perSecond.toFixed(0)}/s`);
  const scaling = mean(http64, http64again) / mean(http16, http16again);
  // How far two runs of one setting land apart: the measurement's own noise on this machine.
  const spread = Math.max(...[[http16, http16again], [http32, http32again], [http64, http64again]].map(([a, b]) => Math.abs(a.perSecond - b.perSecond) / mean(a, b)));
  const verdict = scaling >= 1 ? 'no loss' : scaling >= 1 - spread ? 'no loss beyond the noise' : 'a loss beyond the noise';
  console.log(
    `HTTP 64 vs 16 clients: ${(scaling * 100).toFixed(0)}% (target ≥ 100%): ${mean(http64, http64again).toFixed(0)}/s vs ${mean(http16, http16again).toFixed(0)}/s; ` +
      `two runs of one setting differ by up to ${(spread * 100).toFixed(0)}%: ${verdict}`,
  );
  await raw.end();
}

/** Releasing matured commissions against one bare set-based UPDATE, alone and while payments run. */
async function release(bench: BenchApp, take: ReturnType<typeof queue>): Promise<void> {
  console.log(`\nRelease: seeding ${RELEASE_COMMISSIONS} matured commissions…`);
  await timed('seed matured commissions', () => seedMaturedCommissions(bench.db, RELEASE_COMMISSIONS));
  // Half the matured commissions matured two days ago, half one day ago: the first half is
  // released with nothing else running, the second while payments keep coming.
  const midpoint = new Date(Date.now() - 36 * 3_600_000);
  const bareUpdate = (cutoff: Date) => async () => {
    const client = await bench.db.connect();
    try {
      await client.query('BEGIN');
      // Truly bare: without the report maintenance trigger (the release keeps it)
      await client.query('SET LOCAL session_replication_role = replica');
      const result = await client.query(
        `UPDATE commissions SET status = 'AVAILABLE', released_at = now() WHERE status = 'PENDING' AND release_at <= $1`,
        [cutoff],
      );
      await client.query('ROLLBACK');
      return result.rowCount;
    } finally {
      client.release();
    }
  };
  /** Runs `work` while RELEASE_LOAD_CLIENTS clients keep confirming payments; returns the latency windows. */
  const underPaymentLoad = async <T>(work: () => Promise<T>) => {
    let running = true;
    const load = (async () => {
      const windows: (LoadResult & { latencies: number[] })[] = [];
      while (running) windows.push(await httpConfirmLoad(bench, take, 'confirmPayment during release', RELEASE_LOAD_CLIENTS, 2));
      return windows;
    })();
    const result = await work().finally(() => {
      running = false;
    });
    return { result, windows: await load };
  };
  const service = bench.app.get(CommissionsService);

  const bareAlone = await timed('bare set-based UPDATE of the first half, rolled back (nothing else running)', bareUpdate(midpoint));
  await bench.db.query('VACUUM ANALYZE commissions');
  const releaseAlone = await timed('release of the first half (nothing else running)', () => service.releaseMatured(midpoint, undefined, 'bench'));

  const bareLoaded = await underPaymentLoad(() => timed(`bare UPDATE of the second half while ${RELEASE_LOAD_CLIENTS} clients pay`, bareUpdate(new Date())));
  await bench.db.query('VACUUM ANALYZE commissions');
  const { result: releaseLoaded, windows: during } = await underPaymentLoad(() =>
    timed(`release of the second half while ${RELEASE_LOAD_CLIENTS} clients pay`, () => service.releaseMatured(new Date(), undefined, 'bench')),
  );
  printLoad([
    ...bareLoaded.windows.map((window) => ({ ...window, label: 'payments during the bare UPDATE' })),
    ...during.map((window) => ({ ...window, label: 'payments during the release' })),
  ]);
  const released = releaseAlone.result.released + releaseLoaded.result.released;
  console.log(`released ${released} commissions in ${releaseAlone.result.batches + releaseLoaded.result.batches} batches`);
  console.log(`release / bare UPDATE, nothing else running: ${(releaseAlone.seconds / bareAlone.seconds).toFixed(2)}× (target ≤ 2×)`);
  console.log(`release / bare UPDATE, both while payments run: ${(releaseLoaded.seconds / bareLoaded.result.seconds).toFixed(2)}×`);
  const overall = percentiles(during.flatMap((window) => window.latencies));
  const bareOverall = percentiles(bareLoaded.windows.flatMap((window) => window.latencies));
  console.log(`confirmPayment during the release: p50 ${overall.p50.toFixed(0)} ms, p99 ${overall.p99.toFixed(0)} ms (target < 250 ms), max ${overall.max.toFixed(0)} ms`);
  console.log(`confirmPayment during the bare UPDATE: p50 ${bareOverall.p50.toFixed(0)} ms, p99 ${bareOverall.p99.toFixed(0)} ms, max ${bareOverall.max.toFixed(0)} ms`);
  console.log(`worst 2-s window's p99 during the release: ${Math.max(...during.map((window) => window.p99)).toFixed(0)} ms`);
}

async function main(): Promise<void> {
  console.log(`Money benchmark: ${CHAINS} referrer chains, ${CHAINS * BUYERS_PER_REFERRER} buyers, ${SECONDS} s per phase`);
  const bench = await startBenchApp();
  try {
    await timed('seed users', () => seedUsers(bench.db, CHAINS));
    const ids = await seedPendingOrders(bench.db, 400_000, CHAINS);
    await bench.db.query('VACUUM ANALYZE');
    const take = queue(ids);

    if (PARTS.has('throughput')) await throughput(bench, take);
    if (PARTS.has('release')) await release(bench, take);
    const drift = await bench.db.query(
      `SELECT count(*)::int AS n FROM wallets w LEFT JOIN (SELECT user_id, sum(CASE WHEN bucket = 'AVAILABLE' THEN amount WHEN from_bucket = 'AVAILABLE' THEN -amount END) AS available FROM wallet_transactions GROUP BY 1) l
       ON l.user_id = w.user_id WHERE w.available <> coalesce(l.available, 0)`,
    );
    console.log(`wallets whose available differs from the ledger: ${drift.rows[0].n}`);
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
