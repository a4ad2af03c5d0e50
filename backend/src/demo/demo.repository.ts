import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';

/** Demo users take Telegram ids DEMO_TELEGRAM_BASE + 1 … + users, so a demo set is recognisable and never collides with real ids. */
export const DEMO_TELEGRAM_BASE = 8_000_000_000;
export const DEMO_MAX_USERS = 1_000_000;

/**
 * A pseudo-random number in [0, 1) from the seed ($1), a salt and a key: the same seed gives the
 * same data set whatever order PostgreSQL evaluates rows in (no random(), no parallel-plan surprises).
 */
function rnd(key: string, salt: string): string {
  return `(('x' || substr(md5($1::text || ':${salt}:' || (${key})::text), 1, 8))::bit(32)::bigint / 4294967296.0)`;
}

/** The demo users of a set of $2 users (in a statement whose $1 is the seed). */
const DEMO = `u.telegram_id > ${DEMO_TELEGRAM_BASE} AND u.telegram_id <= ${DEMO_TELEGRAM_BASE} + $2`;
/** The same, in a statement without the seed, whose $1 is the number of users. */
const DEMO_USERS_1 = `u.telegram_id > ${DEMO_TELEGRAM_BASE} AND u.telegram_id <= ${DEMO_TELEGRAM_BASE} + $1`;
/** The user's number in the set (1 … users). */
const G = `(u.telegram_id - ${DEMO_TELEGRAM_BASE})`;
const FIRST_NAMES = ['Aarav', 'Vivaan', 'Aditya', 'Vihaan', 'Arjun', 'Sai', 'Reyansh', 'Ayaan', 'Krishna', 'Ishaan', 'Ananya', 'Diya', 'Priya', 'Saanvi', 'Aadhya', 'Kavya', 'Meera', 'Riya', 'Neha', 'Pooja'];
const LAST_NAMES = ['Sharma', 'Verma', 'Patel', 'Reddy', 'Nair', 'Iyer', 'Gupta', 'Singh', 'Kumar', 'Das', 'Joshi', 'Mehta', 'Rao', 'Khan', 'Pillai', 'Bose'];

const COUNT_DEMO_USERS = defineStatement('demo', 'countDemoUsers', [], `
  SELECT count(*)::int AS existing FROM users WHERE telegram_id > ${DEMO_TELEGRAM_BASE} AND telegram_id <= ${DEMO_TELEGRAM_BASE + DEMO_MAX_USERS}
`);

// A bulk load in one transaction: no parallel workers (the seeded data must not depend on a
// plan), and no wait for the WAL flush at commit (a demo set can be seeded again).
const NO_PARALLEL_WORKERS = defineStatement('demo', 'noParallelWorkers', [], `
  SET LOCAL max_parallel_workers_per_gather = 0
`);

const ASYNCHRONOUS_COMMIT = defineStatement('demo', 'asynchronousCommit', [], `
  SET LOCAL synchronous_commit = off
`);

// Fresh statistics after each bulk load, or the planner guesses nested loops over thousands of rows.
const ANALYZE = {
  users: defineStatement('demo', 'analyzeUsers', [], `ANALYZE users, referrals`),
  orders: defineStatement('demo', 'analyzeOrders', [], `ANALYZE orders`),
  commissions: defineStatement('demo', 'analyzeCommissions', [], `ANALYZE commissions, wallet_transactions`),
  withdrawals: defineStatement('demo', 'analyzeWithdrawals', [], `ANALYZE withdrawals, wallet_transactions`),
};

const INSERT_USERS = defineStatement('demo', 'insertUsers', ['seed: text', 'users: int'], `
  INSERT INTO users (telegram_id, username, first_name, last_name, referral_code, status, blocked_reason, blocked_at,
                     device_id, ip_address, created_at, updated_at)
  SELECT ${DEMO_TELEGRAM_BASE} + g,
         'demo_' || g,
         (ARRAY[${FIRST_NAMES.map((name) => `'${name}'`).join(',')}])[1 + floor(${rnd('g', 'first')} * ${FIRST_NAMES.length})::int],
         (ARRAY[${LAST_NAMES.map((name) => `'${name}'`).join(',')}])[1 + floor(${rnd('g', 'last')} * ${LAST_NAMES.length})::int],
         'DEMO' || lpad(g::text, 8, '0'),
         CASE WHEN ${rnd('g', 'blocked')} < 0.01 THEN 'BLOCKED' ELSE 'ACTIVE' END,
         CASE WHEN ${rnd('g', 'blocked')} < 0.01 THEN 'Demo: repeated chargebacks' END,
         CASE WHEN ${rnd('g', 'blocked')} < 0.01 THEN t.signed_up + (now() - t.signed_up) / 2 END,
         -- every 47th user shares the previous user's phone: a duplicate device
         'demo-device-' || CASE WHEN g % 47 = 0 THEN g - 1 ELSE g END,
         '10.' || (g / 65536 % 256) || '.' || (g / 256 % 256) || '.' || (g % 256),
         t.signed_up, t.signed_up
  FROM generate_series(1, $2::int) g
  CROSS JOIN LATERAL (SELECT now() - interval '120 days' * (1 - g::float8 / $2) - interval '5 minutes' AS signed_up) t
`);

const ASSIGN_REFERRERS = defineStatement('demo', 'assignReferrers', ['seed: text', 'users: int'], `
  UPDATE users u SET referred_by_id = p.id, referral_code_used = 'ref_' || p.referral_code
  FROM users p
  WHERE ${DEMO} AND ${G} > 10 AND ${rnd(G, 'root')} >= 0.05
    AND p.telegram_id = ${DEMO_TELEGRAM_BASE} + 1 + floor((${G} - 1) * power(${rnd(G, 'parent')}, 2))::bigint
`);

const INSERT_REFERRALS = defineStatement('demo', 'insertReferrals', ['users: int'], `
  INSERT INTO referrals (referrer_id, referred_id, code_used, created_at)
  SELECT u.referred_by_id, u.id, u.referral_code_used, u.created_at FROM users u WHERE ${DEMO_USERS_1} AND u.referred_by_id IS NOT NULL
`);

const INSERT_REFERRAL_CLICKS = defineStatement('demo', 'insertReferralClicks', ['seed: text', 'users: int'], `
  INSERT INTO referral_clicks (referrer_id, user_id, code_used, created_at)
  SELECT p.id, u.id, 'ref_' || p.referral_code, u.created_at + (now() - u.created_at) * ${rnd(G, 'click-at')}
  FROM users u JOIN users p ON p.telegram_id = ${DEMO_TELEGRAM_BASE} + 1 + floor((${G} - 1) * ${rnd(G, 'click-to')})::bigint
  WHERE ${DEMO} AND ${G} > 1 AND ${rnd(G, 'click')} < 0.12 AND p.id <> u.id
`);

const FLAG_SHARED_DEVICES = defineStatement('demo', 'flagSharedDevices', ['seed: text', 'users: int'], `
  INSERT INTO fraud_flags (user_id, type, severity, status, reason, evidence_key, evidence, resolution_note, resolved_at, created_at)
  SELECT u.id, 'DUPLICATE_DEVICE', 'HIGH', f.status,
         'Device ' || u.device_id || ' is shared by 2 accounts', 'device:' || u.device_id, jsonb_build_object('deviceId', u.device_id, 'demo', true),
         CASE f.status WHEN 'RESOLVED' THEN 'Demo: same family, verified by phone' WHEN 'DISMISSED' THEN 'Demo: shared office phone' END,
         CASE WHEN f.status <> 'OPEN' THEN greatest(u.created_at, now() - interval '1 day') END,
         greatest(u.created_at, now() - interval '3 days')
  FROM users u
  CROSS JOIN LATERAL (SELECT CASE WHEN ${rnd(`(${G} + 1) / 47`, 'device-flag')} < 0.5 THEN 'OPEN'
                                  WHEN ${rnd(`(${G} + 1) / 47`, 'device-flag')} < 0.75 THEN 'RESOLVED' ELSE 'DISMISSED' END AS status) f
  -- both users of each pair (g - 1, g) with g a multiple of 47
  WHERE ${DEMO} AND (${G} % 47 = 0 OR ((${G} + 1) % 47 = 0 AND ${G} + 1 <= $2))
`);

const INSERT_MANUAL_FLAGS = defineStatement('demo', 'insertManualFlags', ['seed: text', 'users: int'], `
  INSERT INTO fraud_flags (user_id, type, severity, status, reason, evidence_key, evidence, resolution_note, resolved_at, created_at)
  SELECT u.id, 'MANUAL', 'MEDIUM', CASE WHEN ${rnd(G, 'manual-state')} < 0.6 THEN 'OPEN' ELSE 'RESOLVED' END,
         'Demo: reported to support for spamming referral links', 'manual:demo: reported to support for spamming referral links', '{"demo": true}'::jsonb,
         CASE WHEN ${rnd(G, 'manual-state')} >= 0.6 THEN 'Demo: warned, behaviour stopped' END,
         CASE WHEN ${rnd(G, 'manual-state')} >= 0.6 THEN now() - interval '2 hours' END,
         greatest(u.created_at, now() - interval '5 days')
  FROM users u WHERE ${DEMO} AND ${rnd(G, 'manual')} < 0.004
`);

const HOLD_FLAGGED_USERS = defineStatement('demo', 'holdFlaggedUsers', ['users: int'], `
  UPDATE users u SET status = 'SUSPICIOUS', updated_at = now()
  WHERE ${DEMO_USERS_1} AND u.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM fraud_flags f WHERE f.user_id = u.id AND f.status = 'OPEN')
`);

const INSERT_ORDERS = defineStatement('demo', 'insertOrders', ['seed: text', 'users: int'], `
  INSERT INTO orders (user_id, status, payment_method, upi_id, product_name, amount, cost, level1_rate_bps, level2_rate_bps,
                      commission_rounding, commission_hold_hours, transaction_id, failed_transaction_id, paid_at, failed_at,
                      refunded_at, refund_reason, created_at, updated_at)
  SELECT o.user_id, o.status, 'UPI', 'demo' || o.g || '@okaxis', 'Combo OTT Plan', 13500, 4200, 3000, 1000, 'RUPEE', 24,
         CASE WHEN o.status IN ('PAID', 'REFUNDED') THEN 'DEMO-' || $1 || '-' || o.g || '-' || o.n END,
         CASE WHEN o.status = 'FAILED' THEN 'DEMO-FAIL-' || $1 || '-' || o.g || '-' || o.n END,
         CASE WHEN o.status IN ('PAID', 'REFUNDED') THEN o.created + interval '1 minute' * (1 + 9 * o.r) END,
         CASE WHEN o.status = 'FAILED' THEN o.created + interval '2 minutes' END,
         CASE WHEN o.status = 'REFUNDED' THEN o.created + interval '10 minutes' + (now() - o.created - interval '10 minutes') * o.r END,
         CASE WHEN o.status = 'REFUNDED' THEN 'Demo: customer asked for a refund' END,
         o.created, o.created
  FROM (
    SELECT u.id AS user_id, ${G} AS g, n, ${rnd(`${G} * 4 + n`, 'order-at')} AS r,
           CASE s.status WHEN 'PENDING' THEN now() - interval '6 hours' * ${rnd(`${G} * 4 + n`, 'order-at')} - interval '1 minute'
                ELSE greatest(u.created_at, now() - interval '90 days')
                     + (now() - interval '1 hour' - greatest(u.created_at, now() - interval '90 days')) * ${rnd(`${G} * 4 + n`, 'order-at')} END AS created,
           s.status
    FROM users u
    CROSS JOIN LATERAL generate_series(1, CASE WHEN ${rnd(G, 'orders')} < 0.4 THEN 0 WHEN ${rnd(G, 'orders')} < 0.6 THEN 1
                                               WHEN ${rnd(G, 'orders')} < 0.75 THEN 2 ELSE 3 END) n
    CROSS JOIN LATERAL (SELECT CASE WHEN ${rnd(`${G} * 4 + n`, 'order-state')} < 0.74 THEN 'PAID'
                                    WHEN ${rnd(`${G} * 4 + n`, 'order-state')} < 0.82 THEN 'FAILED'
                                    WHEN ${rnd(`${G} * 4 + n`, 'order-state')} < 0.88 THEN 'REFUNDED' ELSE 'PENDING' END AS status) s
    WHERE ${DEMO} AND u.created_at < now() - interval '1 hour'
  ) o
  ORDER BY o.created
`);

const INSERT_COMMISSIONS = defineStatement('demo', 'insertCommissions', ['users: int'], `
  INSERT INTO commissions (order_id, beneficiary_id, source_user_id, level, amount, status, release_at, released_at, reversed_at, created_at)
  SELECT c.order_id, c.beneficiary_id, c.source_user_id, c.level, c.amount,
         CASE WHEN c.refunded_at IS NOT NULL THEN 'REVERSED' WHEN c.released_at IS NOT NULL THEN 'AVAILABLE' ELSE 'PENDING' END,
         c.release_at, c.released_at, c.refunded_at, c.paid_at
  FROM (
    SELECT o.id AS order_id, b.id AS beneficiary_id, o.user_id AS source_user_id, l.level, o.paid_at, o.refunded_at,
           commission_amount(o.profit, CASE l.level WHEN 1 THEN o.level1_rate_bps ELSE o.level2_rate_bps END, o.commission_rounding) AS amount,
           o.paid_at + make_interval(hours => o.commission_hold_hours) AS release_at,
           CASE WHEN b.status = 'ACTIVE' AND date_trunc('hour', o.paid_at) + make_interval(hours => o.commission_hold_hours + 1) <= coalesce(o.refunded_at, now())
                THEN date_trunc('hour', o.paid_at) + make_interval(hours => o.commission_hold_hours + 1) END AS released_at
    FROM orders o
    JOIN users buyer ON buyer.id = o.user_id
    JOIN users l1 ON l1.id = buyer.referred_by_id
    CROSS JOIN LATERAL (VALUES (1, l1.id), (2, l1.referred_by_id)) AS l(level, user_id)
    JOIN users b ON b.id = l.user_id
    WHERE o.status IN ('PAID', 'REFUNDED') AND buyer.telegram_id > ${DEMO_TELEGRAM_BASE} AND buyer.telegram_id <= ${DEMO_TELEGRAM_BASE} + $1
      AND (b.blocked_at IS NULL OR b.blocked_at > o.paid_at)
  ) c
  WHERE c.amount > 0
  ORDER BY c.paid_at, c.order_id, c.level
`);

const MARK_CONVERSIONS = defineStatement('demo', 'markConversions', ['users: int'], `
  UPDATE referrals r SET converted_at = f.paid_at, first_order_id = f.id
  FROM (SELECT DISTINCT ON (o.user_id) o.user_id, o.id, o.paid_at FROM orders o JOIN users u ON u.id = o.user_id
        WHERE ${DEMO_USERS_1} AND o.paid_at IS NOT NULL ORDER BY o.user_id, o.paid_at, o.id) f
  WHERE r.referred_id = f.user_id
`);

const INSERT_COMMISSION_LEDGER = defineStatement('demo', 'insertCommissionLedger', ['users: int'], `
  INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, order_id, commission_id, actor, created_at)
  SELECT e.user_id, e.type, e.from_bucket, e.bucket, e.amount, e.order_id, e.commission_id, e.actor, e.at
  FROM commissions c
  JOIN users u ON u.id = c.source_user_id
  CROSS JOIN LATERAL (VALUES
    (c.beneficiary_id, 'COMMISSION_CREDIT', NULL, 'PENDING', c.amount, c.order_id, c.id, 'bot', c.created_at, true),
    (c.beneficiary_id, 'COMMISSION_RELEASE', 'PENDING', 'AVAILABLE', c.amount, NULL, c.id, 'system', c.released_at, c.released_at IS NOT NULL),
    (c.beneficiary_id, CASE WHEN c.released_at IS NULL THEN 'COMMISSION_REVERSAL' ELSE 'CLAWBACK' END, NULL,
     CASE WHEN c.released_at IS NULL THEN 'PENDING' ELSE 'AVAILABLE' END, -c.amount, c.order_id, c.id, 'admin:demo', c.reversed_at, c.status = 'REVERSED')
  ) AS e(user_id, type, from_bucket, bucket, amount, order_id, commission_id, actor, at, happened)
  WHERE ${DEMO_USERS_1} AND e.happened
  ORDER BY e.at
`);

const INSERT_WITHDRAWALS = defineStatement('demo', 'insertWithdrawals', ['seed: text', 'users: int'], `
  INSERT INTO withdrawals (user_id, amount, upi_id, status, reject_reason, payout_reference, approved_at, rejected_at, paid_at, created_at, updated_at)
  SELECT w.user_id, w.amount, 'demo' || w.g || '@okaxis', w.status,
         CASE WHEN w.status = 'REJECTED' THEN 'Demo: the UPI id did not match the account holder' END,
         CASE WHEN w.status = 'PAID' THEN 'DEMOUTR' || $1 || 'X' || w.g END,
         CASE WHEN w.status IN ('APPROVED', 'PAID') THEN w.at + interval '3 hours' END,
         CASE WHEN w.status = 'REJECTED' THEN w.at + interval '5 hours' END,
         CASE WHEN w.status = 'PAID' THEN w.at + interval '26 hours' END,
         w.at, w.at
  FROM (
    SELECT u.id AS user_id, ${G} AS g,
           greatest(50000, floor(a.available * (0.5 + 0.5 * ${rnd(G, 'withdraw-amount')}) / 100) * 100)::bigint AS amount,
           -- in turn, so that even a small set has every state: paid most often
           (ARRAY['PAID', 'PENDING', 'APPROVED', 'REJECTED', 'PAID', 'PAID'])[1 + (row_number() OVER (ORDER BY u.id))::int % 6] AS status,
           now() - interval '2 days' - interval '8 days' * ${rnd(G, 'withdraw-at')} AS at
    FROM users u
    JOIN (SELECT user_id, sum(CASE WHEN bucket = 'AVAILABLE' THEN amount WHEN from_bucket = 'AVAILABLE' THEN -amount ELSE 0 END) AS available
          FROM wallet_transactions GROUP BY user_id) a ON a.user_id = u.id
    WHERE ${DEMO} AND u.status = 'ACTIVE' AND a.available >= 50000
  ) w
  ORDER BY w.at
`);

const INSERT_WITHDRAWAL_LEDGER = defineStatement('demo', 'insertWithdrawalLedger', ['users: int'], `
  INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, withdrawal_id, actor, created_at)
  SELECT e.user_id, e.type, e.from_bucket, e.bucket, e.amount, e.withdrawal_id, e.actor, e.at
  FROM withdrawals w
  JOIN users u ON u.id = w.user_id
  CROSS JOIN LATERAL (VALUES
    (w.user_id, 'WITHDRAWAL_LOCK', 'AVAILABLE', 'LOCKED', w.amount, w.id, 'bot', w.created_at, true),
    (w.user_id, 'WITHDRAWAL_UNLOCK', 'LOCKED', 'AVAILABLE', w.amount, w.id, 'admin:demo', w.rejected_at, w.status = 'REJECTED'),
    (w.user_id, 'WITHDRAWAL_PAYOUT', 'LOCKED', 'WITHDRAWN', w.amount, w.id, 'admin:demo', w.paid_at, w.status = 'PAID')
  ) AS e(user_id, type, from_bucket, bucket, amount, withdrawal_id, actor, at, happened)
  WHERE ${DEMO_USERS_1} AND e.happened
  ORDER BY e.at
`);

const INSERT_WALLETS = defineStatement('demo', 'insertWallets', ['users: int'], `
  INSERT INTO wallets (user_id, pending, available, locked, withdrawn, total_earned, updated_at)
  SELECT u.id, coalesce(l.pending, 0), coalesce(l.available, 0), coalesce(l.locked, 0), coalesce(l.withdrawn, 0), coalesce(l.earned, 0), now()
  FROM users u
  LEFT JOIN (
    SELECT user_id,
           sum(CASE WHEN bucket = 'PENDING' THEN amount WHEN from_bucket = 'PENDING' THEN -amount ELSE 0 END) AS pending,
           sum(CASE WHEN bucket = 'AVAILABLE' THEN amount WHEN from_bucket = 'AVAILABLE' THEN -amount ELSE 0 END) AS available,
           sum(CASE WHEN bucket = 'LOCKED' THEN amount WHEN from_bucket = 'LOCKED' THEN -amount ELSE 0 END) AS locked,
           sum(CASE WHEN bucket = 'WITHDRAWN' THEN amount WHEN from_bucket = 'WITHDRAWN' THEN -amount ELSE 0 END) AS withdrawn,
           sum(amount) FILTER (WHERE type IN ('COMMISSION_CREDIT', 'COMMISSION_REVERSAL', 'CLAWBACK')) AS earned
    FROM wallet_transactions GROUP BY user_id
  ) l ON l.user_id = u.id
  WHERE ${DEMO_USERS_1}
`);

const INSERT_REFERRAL_STATS = defineStatement('demo', 'insertReferralStats', ['users: int'], `
  WITH direct AS (
    SELECT referrer_id AS user_id, count(*) AS direct_referrals, count(converted_at) AS conversions FROM referrals GROUP BY referrer_id
  ), level2 AS (
    SELECT parent.referrer_id AS user_id, count(*) AS level2_referrals
    FROM referrals child JOIN referrals parent ON parent.referred_id = child.referrer_id GROUP BY parent.referrer_id
  ), clicks AS (
    SELECT referrer_id AS user_id, count(*) AS clicks FROM referral_clicks GROUP BY referrer_id
  ), earned AS (
    SELECT beneficiary_id AS user_id, coalesce(sum(amount) FILTER (WHERE level = 1), 0) AS level1_earned,
           coalesce(sum(amount) FILTER (WHERE level = 2), 0) AS level2_earned
    FROM commissions WHERE status <> 'REVERSED' GROUP BY beneficiary_id
  )
  INSERT INTO referral_stats (user_id, direct_referrals, level2_referrals, clicks, conversions, level1_earned, level2_earned)
  SELECT u.id, coalesce(d.direct_referrals, 0), coalesce(l.level2_referrals, 0), coalesce(c.clicks, 0), coalesce(d.conversions, 0),
         coalesce(e.level1_earned, 0), coalesce(e.level2_earned, 0)
  FROM users u
  LEFT JOIN direct d ON d.user_id = u.id LEFT JOIN level2 l ON l.user_id = u.id
  LEFT JOIN clicks c ON c.user_id = u.id LEFT JOIN earned e ON e.user_id = u.id
  WHERE ${DEMO_USERS_1}
`);

const REPORT = defineStatement('demo', 'report', ['users: int'], `
  WITH demo AS (SELECT id FROM users u WHERE ${DEMO_USERS_1})
  SELECT (SELECT count(*)::int FROM demo) AS users,
         (SELECT count(*)::int FROM referrals WHERE referred_id IN (SELECT id FROM demo)) AS referrals,
         (WITH RECURSIVE tree AS (
            SELECT id, 1 AS depth FROM users u WHERE ${DEMO_USERS_1} AND u.referred_by_id IS NULL
            UNION ALL SELECT u.id, t.depth + 1 FROM users u JOIN tree t ON u.referred_by_id = t.id
          ) SELECT coalesce(max(depth), 0)::int FROM tree) AS "maxDepth",
         (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM orders WHERE user_id IN (SELECT id FROM demo) GROUP BY status) x) AS orders,
         (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM commissions WHERE source_user_id IN (SELECT id FROM demo) GROUP BY status) x) AS commissions,
         (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM withdrawals WHERE user_id IN (SELECT id FROM demo) GROUP BY status) x) AS withdrawals,
         (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM fraud_flags WHERE user_id IN (SELECT id FROM demo) GROUP BY status) x) AS "fraudFlags",
         (SELECT count(*)::int FROM wallet_transactions WHERE user_id IN (SELECT id FROM demo)) AS "ledgerEntries"
`);

/** What `seed-demo` reports of the demo set: counts, by status where there is one. */
export interface DemoCounts {
  users: number;
  referrals: number;
  /** The referral forest's depth (a root is depth 1). */
  maxDepth: number;
  orders: Record<string, number>;
  commissions: Record<string, number>;
  withdrawals: Record<string, number>;
  fraudFlags: Record<string, number>;
  ledgerEntries: number;
}

/**
 * The demo data set's bulk statements: each builds one table's rows for every demo user at once
 * (generate_series and joins, no loop), deterministic from the seed. A seeded statement takes
 * $1 the seed and $2 the number of users; the others $1 the number of users. They run in the
 * caller's transaction (`DemoSeedService` opens one for the whole set). Each returns the rows it
 * inserted or updated, for the seed's progress lines.
 */
@Injectable()
export class DemoRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Demo users already in the database (any set). */
  async countDemoUsers(): Promise<number> {
    return (await this.transactions.row<{ existing: number }>(COUNT_DEMO_USERS, []))!.existing;
  }

  /** Settings for the bulk load, for the rest of the transaction. */
  async tuneForBulkLoad(): Promise<void> {
    await this.transactions.execute(NO_PARALLEL_WORKERS, []);
    await this.transactions.execute(ASYNCHRONOUS_COMMIT, []);
  }

  /** Refreshes the planner's statistics of the tables a stage just filled. */
  async analyze(stage: keyof typeof ANALYZE): Promise<void> {
    await this.transactions.execute(ANALYZE[stage], []);
  }

  /** Demo users with names, devices and IPs, signed up over 120 days in id order. */
  async insertUsers(seed: number, users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_USERS, [String(seed), users])).rowCount ?? 0;
  }

  /** Ten founders and about 5% more joined without a code; everyone else was referred by an earlier user, early users far more often. */
  async assignReferrers(seed: number, users: number): Promise<number> {
    return (await this.transactions.execute(ASSIGN_REFERRERS, [String(seed), users])).rowCount ?? 0;
  }

  /** A referrals row for every referred demo user. */
  async insertReferrals(users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_REFERRALS, [users])).rowCount ?? 0;
  }

  /** Registered users who later opened someone else's link: clicks for that link's owner. */
  async insertReferralClicks(seed: number, users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_REFERRAL_CLICKS, [String(seed), users])).rowCount ?? 0;
  }

  /** DUPLICATE_DEVICE flags on both users of each pair sharing a phone (every 47th user), open, resolved or dismissed. */
  async flagSharedDevices(seed: number, users: number): Promise<number> {
    return (await this.transactions.execute(FLAG_SHARED_DEVICES, [String(seed), users])).rowCount ?? 0;
  }

  /** MANUAL flags "from support" on about 0.4% of users, open or resolved. */
  async insertManualFlags(seed: number, users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_MANUAL_FLAGS, [String(seed), users])).rowCount ?? 0;
  }

  /** An open flag holds the user under review (SUSPICIOUS), as the rules do. */
  async holdFlaggedUsers(users: number): Promise<number> {
    return (await this.transactions.execute(HOLD_FLAGGED_USERS, [users])).rowCount ?? 0;
  }

  /** 0–3 orders a user over the last 90 days: about 74% paid, 8% failed, 6% refunded and 12% still pending. */
  async insertOrders(seed: number, users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_ORDERS, [String(seed), users])).rowCount ?? 0;
  }

  /** Level 1 and 2 commissions of the paid and refunded orders at the orders' rates: released after the hold to an ACTIVE beneficiary, reversed on a refund. */
  async insertCommissions(users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_COMMISSIONS, [users])).rowCount ?? 0;
  }

  /** Each referral's conversion: the referred user's first paid order. */
  async markConversions(users: number): Promise<number> {
    return (await this.transactions.execute(MARK_CONVERSIONS, [users])).rowCount ?? 0;
  }

  /** The ledger of every commission: its credit to pending, then its release or reversal. */
  async insertCommissionLedger(users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_COMMISSION_LEDGER, [users])).rowCount ?? 0;
  }

  /** Users with at least ₹500 available ask for part of it: waiting, approved, rejected or paid out. */
  async insertWithdrawals(seed: number, users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_WITHDRAWALS, [String(seed), users])).rowCount ?? 0;
  }

  /** The ledger of every withdrawal: its lock, then its unlock (rejected) or payout (paid). */
  async insertWithdrawalLedger(users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_WITHDRAWAL_LEDGER, [users])).rowCount ?? 0;
  }

  /** The demo users' wallets: the ledger's sums. */
  async insertWallets(users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_WALLETS, [users])).rowCount ?? 0;
  }

  /** referral_stats from the same rows rebuildReferralStats reads. */
  async insertReferralStats(users: number): Promise<number> {
    return (await this.transactions.execute(INSERT_REFERRAL_STATS, [users])).rowCount ?? 0;
  }

  async report(users: number): Promise<DemoCounts> {
    return (await this.transactions.row<DemoCounts>(REPORT, [users]))!;
  }
}
