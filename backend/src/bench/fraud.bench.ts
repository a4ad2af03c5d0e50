/**
 * Fraud-check benchmark (issue 5): registerUser throughput over HTTP, 32 concurrent clients,
 * with fraud_checks_enabled on and off, in the same process and database of BENCH_USERS users
 * (default 1,000,000) carrying realistic device ids and IPs, so every lookup the registration
 * check makes (device, IP window, the referrer's recent referrals) runs against full indexes.
 *
 * Phases alternate on, off, off, on, … (BENCH_ROUNDS pairs of BENCH_SECONDS each) so drift
 * over the run weighs on both alike; a third variant removes the check call altogether (the
 * hook replaced by a no-op in this process), since "off" still sends the one statement that
 * finds the switch off. Then the check statement alone, sequentially on one connection.
 * Target: with checks ≥ 90% of without.
 *
 * Population: registrations spread over the last 365 days; 70% behind ~2,000 carrier NAT IPs
 * (100.64.0.0/10), the rest on broadband IPs shared by ~2 accounts; 1 account in 25 shares its
 * device with the previous one; half were referred by an earlier user. New registrations use
 * the same IP pools, a reused device 1 time in 50, and a referral code 4 times in 5.
 * Run: npm run build -w backend && npm run bench:fraud -w backend
 * Env: BENCH_USERS (1000000), BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_DATABASE_URL (a server to use instead of an embedded one).
 */
import { createHash } from 'node:crypto';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import { REGISTRATION_CHECK_SQL } from '../fraud/fraud-rules.js';
import { type BenchApp, envNumber, httpLoad, type LoadResult, percentiles, printLoad, startBenchApp, timed } from './harness.js';

const USERS = envNumber('BENCH_USERS', 1_000_000);
const SECONDS = envNumber('BENCH_SECONDS', 10);
const ROUNDS = envNumber('BENCH_ROUNDS', 3);
const CLIENTS = 32;
const NAT_IPS = 2000;
const BROADBAND_IPS = Math.max(1, Math.floor((USERS * 0.3) / 2));
const FIRST_TELEGRAM_ID = 8_500_000_001;
const TARGET = 0.9;

const REGISTER = 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id status } }';

/** The IP of the n-th account of a pool: 70% carrier NAT, 30% broadband (same formulas as the SQL below). */
function ipFor(n: number): string {
  if (n % 10 < 7) {
    const nat = n % NAT_IPS;
    return `100.${64 + (nat >> 16)}.${(nat >> 8) & 255}.${nat & 255}`;
  }
  const home = n % BROADBAND_IPS;
  return `49.${(home >> 16) & 255}.${(home >> 8) & 255}.${home & 255}`;
}

async function seedPopulation(bench: BenchApp): Promise<void> {
  const db = bench.db;
  const [{ base }] = (await db.query('SELECT coalesce(max(id), 0)::bigint AS base FROM users')).rows;
  // ids given explicitly, so an even account's referrer (an earlier account) is known in the same statement
  await db.query(
    `INSERT INTO users (id, telegram_id, username, referral_code, referred_by_id, device_id, ip_address, created_at)
     OVERRIDING SYSTEM VALUE
     SELECT $1::bigint + g, ${FIRST_TELEGRAM_ID - 1} + g, 'user_' || g, 'F' || lpad(g::text, 9, '0'),
            CASE WHEN g > 1 AND g % 2 = 0 THEN $1::bigint + 1 + (g::bigint * 7919) % (g - 1) END,
            'android-' || md5((CASE WHEN g % 25 = 0 THEN g - 1 ELSE g END)::text),
            CASE WHEN g % 10 < 7
                 THEN '100.' || (64 + (g % $3) / 65536) || '.' || ((g % $3) / 256 % 256) || '.' || (g % $3 % 256)
                 ELSE '49.' || ((g % $4) / 65536 % 256) || '.' || ((g % $4) / 256 % 256) || '.' || (g % $4 % 256) END,
            now() - interval '365 days' + (g::float8 / $2) * interval '365 days'
     FROM generate_series(1, $2::int) g`,
    [base, USERS, NAT_IPS, BROADBAND_IPS],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))`);
  await db.query(
    `INSERT INTO referrals (referrer_id, referred_id, code_used, created_at)
     SELECT referred_by_id, id, 'bench', created_at FROM users WHERE referred_by_id IS NOT NULL AND id > $1`,
    [base],
  );
  await db.query('INSERT INTO wallets (user_id) SELECT id FROM users WHERE id > $1', [base]);
  await db.query(
    `INSERT INTO referral_stats (user_id, direct_referrals)
     SELECT u.id, coalesce(d.n, 0) FROM users u
     LEFT JOIN (SELECT referred_by_id, count(*)::int AS n FROM users WHERE referred_by_id IS NOT NULL GROUP BY 1) d ON d.referred_by_id = u.id
     WHERE u.id > $1`,
    [base],
  );
}

let nextTelegramId = 9_500_000_000;

/** New registrations: same IP pools, a device seen before 1 time in 50, a referral code 4 times in 5. */
function registrations(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, () => {
    const n = nextTelegramId++;
    const existing = 1 + Math.floor(Math.random() * USERS); // the g of a bulk-loaded account
    const input: Record<string, unknown> = {
      telegramId: String(n),
      username: `new_${n}`,
      firstName: 'New',
      ipAddress: ipFor(Math.floor(Math.random() * USERS)),
      deviceId: n % 50 === 0 ? `android-${createHash('md5').update(String(existing)).digest('hex')}` : `android-new-${n}`,
    };
    if (n % 5 !== 0) input.referralCode = `ref_F${String(existing).padStart(9, '0')}`;
    return { input };
  });
}

async function setChecks(bench: BenchApp, enabled: boolean): Promise<void> {
  await bench.db.query(`UPDATE system_settings SET value = $1::jsonb WHERE key = 'fraud_checks_enabled'`, [JSON.stringify(enabled)]);
}

async function phase(bench: BenchApp, label: string): Promise<LoadResult> {
  const result = await httpLoad(bench, label, REGISTER, registrations(Math.ceil(SECONDS * 3000)), CLIENTS, SECONDS);
  if (result.errors) console.log(`  ${result.errors} errors in ${label}; first: ${result.firstError}`);
  return result;
}

/** The registration check statement alone, one connection, in a row, for recent users. */
async function checkLatency(bench: BenchApp, samples: number): Promise<ReturnType<typeof percentiles>> {
  const { rows } = await bench.db.query<{ id: number }>('SELECT id FROM users ORDER BY id DESC LIMIT $1', [samples]);
  const client = await bench.db.connect();
  try {
    const latencies: number[] = [];
    for (const row of rows) {
      const started = performance.now();
      await client.query({ name: 'bench_check', text: REGISTRATION_CHECK_SQL, values: [row.id] });
      latencies.push(performance.now() - started);
    }
    return percentiles(latencies);
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  console.log(`Fraud-check benchmark: ${USERS} users, registerUser with ${CLIENTS} clients, ${SECONDS} s per phase`);
  const bench = await startBenchApp({ DATABASE_POOL_SIZE: '16' });
  try {
    await timed('bulk load (users with devices and IPs, referrals, wallets, stats)', () => seedPopulation(bench));
    await timed('VACUUM ANALYZE, CHECKPOINT', async () => {
      await bench.db.query('VACUUM ANALYZE');
      await bench.db.query('CHECKPOINT');
    });
    const flagsBefore = Number((await bench.db.query('SELECT count(*) FROM fraud_flags')).rows[0].count);

    await setChecks(bench, true);
    await httpLoad(bench, 'warm-up', REGISTER, registrations(20_000), CLIENTS, 5);
    // ABBA order (on, off, off, on, ...) so that drift over the run weighs on both alike
    const on: LoadResult[] = [];
    const off: LoadResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const enabled of round % 2 ? [true, false] : [false, true]) {
        await setChecks(bench, enabled);
        (enabled ? on : off).push(await phase(bench, `checks ${enabled ? 'on' : 'off'} (${round})`));
      }
    }
    const checks = bench.app.get(FraudCheckService);
    const hook = checks.afterRegistration;
    checks.afterRegistration = async () => undefined;
    const none = await phase(bench, 'no check call at all');
    checks.afterRegistration = hook;
    await setChecks(bench, true);

    printLoad([...on, ...off, none]);
    const mean = (results: LoadResult[]) => results.reduce((sum, r) => sum + r.perSecond, 0) / results.length;
    const ratios = on.map((result, i) => result.perSecond / off[i].perSecond).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)];
    const ratio = mean(on) / mean(off);
    console.log(`\nchecks on: ${mean(on).toFixed(0)} registrations/s; off: ${mean(off).toFixed(0)}/s; no call: ${none.perSecond.toFixed(0)}/s`);
    console.log(`per-round on/off: ${ratios.map((r) => `${(r * 100).toFixed(1)}%`).join(', ')}; median ${(median * 100).toFixed(1)}%`);
    console.log(`on / off (means): ${(ratio * 100).toFixed(1)}% (target ≥ ${TARGET * 100}%) ${ratio >= TARGET ? 'MET' : 'NOT MET'}`);
    console.log(`on / no call: ${((mean(on) / none.perSecond) * 100).toFixed(1)}%`);

    const flags = await bench.db.query<{ type: string; n: string }>('SELECT type, count(*) AS n FROM fraud_flags GROUP BY type ORDER BY type');
    const users = Number((await bench.db.query('SELECT count(*) FROM users')).rows[0].count);
    console.log(`users now: ${users}; flags raised during the run: ${flags.rows.reduce((sum, row) => sum + Number(row.n), 0) - flagsBefore} (${flags.rows.map((row) => `${row.type} ${row.n}`).join(', ')})`);

    const latency = await checkLatency(bench, 2000);
    console.log(`registration check statement alone (1 connection, 2,000 recent users): p50 ${latency.p50.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
