/**
 * Referral benchmarks (issue 3):
 *  1. Bulk-loads BENCH_USERS users (default 1,000,000) with set-based SQL: one referrer with
 *     BENCH_DIRECT (100,000) direct referrals, 200,000 of whom have referrals of their own
 *     (that referrer's level 2), and the rest of the population half attributed to earlier users;
 *     the stats are then filled by the rebuild itself (timed), and a second rebuild checks them.
 *  2. referralStats and referralTree latency for that referrer over HTTP: one client in a row,
 *     then 8 at once (target: p95 under 50 ms).
 *  3. registerUser throughput with 32 concurrent HTTP clients through the full stack (80% with a
 *     referral code of an existing user), beside the stack's floor ({ __typename }) and the same
 *     statement sent from a bare pg pool; then a rebuild that must find no drift.
 * Run: npm run build -w backend && npm run bench:referrals -w backend
 * Env: BENCH_USERS (1000000), BENCH_DIRECT (100000), BENCH_SECONDS (per load phase, 10),
 *      BENCH_READS (requests per single-client read run, 300), BENCH_DATABASE_URL (a server to use
 *      instead of an embedded one).
 */
import pg from 'pg';
import type { RegisterUserInput } from '../referrals/dto/register-user.input.js';
import { ReferralsService } from '../referrals/referrals.service.js';
import { REGISTER_USER } from '../referrals/referrals.repository.js';
import { registrationParameters } from '../referrals/registration.service.js';
import { generateReferralCode } from '../users/referral-code.js';
import { type BenchApp, envNumber, httpLoad, type LoadResult, printLoad, runLoad, startBenchApp, timed } from './harness.js';

const USERS = envNumber('BENCH_USERS', 1_000_000);
const DIRECT = Math.min(envNumber('BENCH_DIRECT', 100_000), USERS - 1);
const LEVEL2 = Math.min(200_000, Math.max(0, USERS - DIRECT - 1));
const SECONDS = envNumber('BENCH_SECONDS', 10);
const READS = envNumber('BENCH_READS', 300);
const REGISTRATION_CLIENTS = 32;
const READ_TARGET_MS = 50;

const ROOT_TELEGRAM_ID = 8_000_000_001;
const REGISTER = 'mutation($input: RegisterUserInput!) { registerUser(input: $input) { id referralCode referralLink attributionNote } }';
const STATS = 'query($t: String!) { referralStats(telegramId: $t) { directReferrals level2Referrals convertedReferrals clicks totalEarned conversionRate } }';
const TREE = `query($t: String!, $depth: Int, $page: Int, $perPage: Int) {
  referralTree(telegramId: $t, depth: $depth, childrenPage: $page, childrenPerPage: $perPage) {
    level converted childrenCount user { id telegramId username referralCode }
    children { level converted childrenCount user { id telegramId username referralCode }
      children { level converted childrenCount user { id telegramId username }
        children { level childrenCount user { id } children { level childrenCount user { id } children { level user { id } } } } } } } }`;

/**
 * Users 1..USERS (ids after whatever exists), each registered 0.1 s after the previous one:
 * user 1 is the referrer under test; 2..DIRECT+1 are their direct referrals; the next LEVEL2
 * were referred by one of those; every other later user has a 1 in 2 chance of having been
 * referred by a random earlier one. Referrals, wallets and empty stats rows follow, plus 10% of
 * the referrer's referrals converted and 5,000 clicks on their link.
 */
async function seedPopulation(bench: BenchApp): Promise<void> {
  const db = bench.db;
  const [{ base }] = (await db.query('SELECT coalesce(max(id), 0)::bigint AS base FROM users')).rows;
  await db.query(
    `INSERT INTO users (id, telegram_id, username, first_name, referral_code, referred_by_id, created_at)
     OVERRIDING SYSTEM VALUE
     SELECT $1::bigint + g, ${ROOT_TELEGRAM_ID - 1} + g, 'user_' || g, 'Bench ' || g, 'B' || lpad(g::text, 9, '0'),
            CASE
              WHEN g = 1 THEN NULL
              WHEN g <= $3::int + 1 THEN $1::bigint + 1
              WHEN g <= $3::int + 1 + $4::int THEN $1::bigint + 2 + (g::bigint * 7919) % $3::int
              WHEN g % 2 = 0 AND g > $3::int + 2 THEN $1::bigint + $3::int + 2 + (g::bigint * 104729) % (g - $3::int - 2)
            END,
            now() - ($2::int - g) * interval '100 milliseconds'
     FROM generate_series(1, $2::int) g`,
    [base, USERS, DIRECT, LEVEL2],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))`);
  await db.query(
    `INSERT INTO referrals (referrer_id, referred_id, code_used, created_at, converted_at)
     SELECT u.referred_by_id, u.id, r.referral_code, u.created_at,
            CASE WHEN u.referred_by_id = $1::bigint + 1 AND u.id % 10 = 0 THEN u.created_at + interval '1 hour' END
     FROM users u JOIN users r ON r.id = u.referred_by_id WHERE u.id > $1::bigint`,
    [base],
  );
  await db.query(
    `INSERT INTO referral_clicks (referrer_id, user_id, code_used)
     SELECT $1::bigint + 1, $1::bigint + $3::int + 2 + g, 'B000000001' FROM generate_series(1, least(5000, $2::int - $3::int - 2)) g`,
    [base, USERS, DIRECT],
  );
  await db.query('INSERT INTO wallets (user_id) SELECT id FROM users WHERE id > $1::bigint', [base]);
  await db.query('INSERT INTO referral_stats (user_id) SELECT id FROM users WHERE id > $1::bigint', [base]);
}

/** One client, `count` requests in a row, then eight clients for SECONDS. */
async function readLatency(bench: BenchApp, label: string, query: string, variables: Record<string, unknown>): Promise<LoadResult[]> {
  const check = await bench.bot(query, variables);
  if (check.errors) throw new Error(`${label}: ${JSON.stringify(check.errors)}`);
  await httpLoad(bench, 'warm-up', query, Array(50).fill(variables), 4, 5);
  const single = await httpLoad(bench, `${label}, 1 client`, query, Array(READS).fill(variables), 1, 120);
  const parallel = await httpLoad(bench, `${label}, 8 clients`, query, Array(Math.ceil(SECONDS * 5000)).fill(variables), 8, SECONDS);
  for (const result of [single, parallel]) if (result.firstError) console.log(`  first error (${result.label}): ${result.firstError}`);
  return [single, parallel];
}

function registrations(count: number, firstTelegramId: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const input: Record<string, unknown> = { telegramId: String(firstTelegramId + i), username: `new_${i}`, firstName: 'New', lastName: `User ${i}` };
    if (i % 5 !== 0) {
      // a code of a random bulk-loaded user, as the bot passes it on (prefix and case vary)
      const owner = 1 + Math.floor(Math.random() * USERS);
      const code = `B${String(owner).padStart(9, '0')}`;
      input.referralCode = i % 2 ? `ref_${code}` : code.toLowerCase();
    }
    return { input };
  });
}

/** REGISTER_USER as the service sends it (prepared), from a bare pool of 16 connections and 32 loops. */
async function rawRegistrations(bench: BenchApp, inputs: Record<string, unknown>[]): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: bench.databaseUrl, max: 16 });
  let next = 0;
  try {
    return await runLoad('same statement, raw pg', REGISTRATION_CLIENTS, SECONDS, async () => {
      if (next >= inputs.length) return false;
      const { input } = inputs[next++] as { input: RegisterUserInput };
      await pool.query({ name: REGISTER_USER.name, text: REGISTER_USER.text, values: [...registrationParameters(input), generateReferralCode()] });
      return true;
    });
  } finally {
    await pool.end();
  }
}

async function rebuild(bench: BenchApp, label: string) {
  const { result } = await timed(label, () => bench.app.get(ReferralsService).rebuildStats());
  console.log(`  checked ${result.checkedUsers} users, ${result.driftedUsers} drifted`);
  return result;
}

async function main(): Promise<void> {
  console.log(`Referral benchmark: ${USERS} users, a referrer with ${DIRECT} direct and ${LEVEL2} level-2 referrals; ${SECONDS} s per load phase`);
  const bench = await startBenchApp({ DATABASE_POOL_SIZE: '16' });
  try {
    const load = await timed('bulk load (users, referrals, clicks, wallets, empty stats rows)', () => seedPopulation(bench));
    const fill = await rebuild(bench, 'stats filled by rebuildStats (first run)');
    await timed('VACUUM ANALYZE', () => bench.db.query('VACUUM ANALYZE'));
    const check = await rebuild(bench, 'rebuildStats again (a check with nothing to fix)');
    console.log(`Load time: ${(load.seconds + fill.durationMs / 1000).toFixed(1)} s for ${USERS} users with their stats`);
    if (check.driftedUsers) throw new Error('the second rebuild found drift');

    const root = { t: String(ROOT_TELEGRAM_ID) };
    const stats = await bench.bot(STATS, root);
    console.log(`Referrer under test: ${JSON.stringify(stats.data?.referralStats)}`);

    const reads: LoadResult[] = [
      ...(await readLatency(bench, '{ __typename } (stack floor)', '{ __typename }', {})),
      ...(await readLatency(bench, 'referralStats', STATS, root)),
      ...(await readLatency(bench, 'referralTree depth 2 (20/node)', TREE, root)),
      ...(await readLatency(bench, 'referralTree depth 5 (50/node, 500 max)', TREE, { ...root, depth: 5, perPage: 50 })),
      ...(await readLatency(bench, 'referralTree page 2,000 of 20', TREE, { ...root, page: 2000 })),
    ];
    console.log('\nReads for the referrer with the most referrals (HTTP, full stack):');
    printLoad(reads);
    for (const result of reads.filter((r) => r.clients === 1)) {
      console.log(`  ${result.label}: p95 ${result.p95.toFixed(1)} ms ${result.p95 < READ_TARGET_MS ? '<' : '≥'} ${READ_TARGET_MS} ms target`);
    }

    console.log(`\nregisterUser, ${REGISTRATION_CLIENTS} clients over HTTP (80% with a referral code):`);
    await httpLoad(bench, 'warm-up', REGISTER, registrations(2000, 9_000_000_000), REGISTRATION_CLIENTS, 3);
    // the same stack answering a query that touches nothing, for scale
    const floor = await httpLoad(bench, '{ __typename } (stack floor)', '{ __typename }', Array(Math.ceil(SECONDS * 20000)).fill({}), REGISTRATION_CLIENTS, SECONDS);
    const register = await httpLoad(bench, 'registerUser', REGISTER, registrations(Math.ceil(SECONDS * 4000), 9_100_000_000), REGISTRATION_CLIENTS, SECONDS);
    if (register.firstError) console.log(`  first error: ${register.firstError}`);
    const raw = await rawRegistrations(bench, registrations(Math.ceil(SECONDS * 10000), 9_200_000_000));
    printLoad([floor, register, raw]);
    console.log(`  throughput: ${register.perSecond.toFixed(0)} registrations/s (${((register.perSecond / floor.perSecond) * 100).toFixed(0)}% of the stack floor); p50 ${register.p50.toFixed(1)} ms, p95 ${register.p95.toFixed(1)} ms, p99 ${register.p99.toFixed(1)} ms`);
    console.log(`  the registration statement alone, from a bare pg pool: ${raw.perSecond.toFixed(0)}/s (the API also runs the fraud check after each registration)`);
    const after = await rebuild(bench, 'rebuildStats after the registrations');
    if (after.driftedUsers) throw new Error(`registration left drift: ${JSON.stringify(after.drift.slice(0, 10))}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
