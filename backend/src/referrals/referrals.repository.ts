import { Inject, Injectable } from '@nestjs/common';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from '../users/user.entity.js';
import { AttributionNote } from './attribution-note.js';
import { ReferralStatsRow } from './referral-stats.entity.js';

/**
 * Registration as one statement (one round trip, one transaction):
 *  - the code's owner is looked up and the attribution decided (or the reason it is refused);
 *  - the user is inserted, or, when the Telegram id is known, only the names are updated
 *    (ON CONFLICT: concurrent registrations of one id meet on the unique index, never twice);
 *  - a new user gets a wallet, a stats row and, when attributed, a referrals row;
 *  - a known user's /start with someone else's code is a click for that code's owner;
 *  - the referrer's direct_referrals, their referrer's level2_referrals and the clicked
 *    owner's clicks are incremented, their stats rows locked in ascending user id order.
 * A known, unattributed user who gives an unknown or their own code for the first time has
 * it noted; attribution itself never changes.
 */
export const REGISTER_USER = defineStatement(
  'referrals',
  'registerUser',
  [
    'telegramId: bigint',
    'username: varchar',
    'firstName: varchar',
    'lastName: varchar',
    'referralCode: varchar (the code read from what was typed, or null)',
    'codeTyped: varchar (as typed, cut to 64; null when none was given)',
    'deviceId: varchar',
    'ipAddress: varchar',
    'setUsername: boolean (a known user\'s username is replaced)',
    'setFirstName: boolean',
    'setLastName: boolean',
    'newReferralCode: varchar (a fresh code for a new user)',
  ],
  `
  WITH owner AS (
    SELECT id, telegram_id, referred_by_id, status FROM users WHERE referral_code = $5::varchar
  ), decision AS (
    SELECT o.id AS owner_id, o.referred_by_id AS owner_referrer_id,
           CASE
             WHEN $6::varchar IS NULL THEN NULL
             WHEN o.id IS NULL THEN '${AttributionNote.UNKNOWN_CODE}'
             WHEN o.telegram_id = $1::bigint THEN '${AttributionNote.OWN_CODE}'
             WHEN o.status = 'BLOCKED' THEN '${AttributionNote.REFERRER_BLOCKED}'
             WHEN coalesce((SELECT value FROM system_settings WHERE key = 'referrals_enabled'), 'true'::jsonb) <> 'true'::jsonb
               THEN '${AttributionNote.REFERRALS_DISABLED}'
           END AS note
    FROM (VALUES (1)) AS one (x) LEFT JOIN owner o ON true
  ), upserted AS (
    INSERT INTO users AS u (telegram_id, username, first_name, last_name, referral_code, referred_by_id,
                            referral_code_used, attribution_note, device_id, ip_address)
    SELECT $1::bigint, $2::varchar, $3::varchar, $4::varchar, $12::varchar, CASE WHEN d.note IS NULL THEN d.owner_id END,
           $6::varchar, d.note, $7::varchar, $8::varchar
    FROM decision d
    ON CONFLICT (telegram_id) DO UPDATE SET
      username = CASE WHEN $9::boolean THEN excluded.username ELSE u.username END,
      first_name = CASE WHEN $10::boolean THEN excluded.first_name ELSE u.first_name END,
      last_name = CASE WHEN $11::boolean THEN excluded.last_name ELSE u.last_name END,
      referral_code_used = CASE WHEN u.referred_by_id IS NULL AND u.referral_code_used IS NULL
                                  AND excluded.attribution_note IN ('${AttributionNote.UNKNOWN_CODE}', '${AttributionNote.OWN_CODE}')
                                THEN excluded.referral_code_used ELSE u.referral_code_used END,
      attribution_note = CASE WHEN u.referred_by_id IS NULL AND u.referral_code_used IS NULL
                                AND excluded.attribution_note IN ('${AttributionNote.UNKNOWN_CODE}', '${AttributionNote.OWN_CODE}')
                              THEN excluded.attribution_note ELSE u.attribution_note END,
      updated_at = now()
    RETURNING u.*, (u.xmax = 0) AS inserted
  ), created AS (
    SELECT id, referred_by_id FROM upserted WHERE inserted
  ), wallet AS (
    INSERT INTO wallets (user_id) SELECT id FROM created
  ), stats AS (
    INSERT INTO referral_stats (user_id) SELECT id FROM created
  ), referral AS (
    INSERT INTO referrals (referrer_id, referred_id, code_used) SELECT referred_by_id, id, $5::varchar FROM created WHERE referred_by_id IS NOT NULL
  ), click AS (
    INSERT INTO referral_clicks (referrer_id, user_id, code_used)
    SELECT d.owner_id, u.id, $5::varchar FROM upserted u CROSS JOIN decision d
    WHERE NOT u.inserted AND d.owner_id IS NOT NULL AND d.owner_id <> u.id
    RETURNING referrer_id
  ), increments (user_id, direct_referrals, level2_referrals, clicks) AS (
    SELECT referred_by_id, 1, 0, 0 FROM created WHERE referred_by_id IS NOT NULL
    UNION ALL
    SELECT d.owner_referrer_id, 0, 1, 0 FROM created c CROSS JOIN decision d WHERE c.referred_by_id IS NOT NULL AND d.owner_referrer_id IS NOT NULL
    UNION ALL
    SELECT referrer_id, 0, 0, 1 FROM click
  ), locked AS MATERIALIZED (
    SELECT s.user_id FROM referral_stats s WHERE s.user_id IN (SELECT user_id FROM increments) ORDER BY s.user_id FOR UPDATE
  ), bumped AS (
    UPDATE referral_stats s
    SET direct_referrals = s.direct_referrals + i.direct_referrals,
        level2_referrals = s.level2_referrals + i.level2_referrals,
        clicks = s.clicks + i.clicks,
        updated_at = now()
    FROM (SELECT user_id, sum(direct_referrals)::int AS direct_referrals, sum(level2_referrals)::int AS level2_referrals, sum(clicks)::int AS clicks
          FROM increments GROUP BY user_id) i
    JOIN locked l ON l.user_id = i.user_id
    WHERE s.user_id = i.user_id
  )
  SELECT ${selectColumns(User, 'upserted')} FROM upserted
`,
);

const STATS_BY_TELEGRAM_ID = defineStatement('referrals', 'statsByTelegramId', ['telegramId: bigint'], `
  SELECT coalesce(s.direct_referrals, 0) AS "directReferrals", coalesce(s.level2_referrals, 0) AS "level2Referrals",
         coalesce(s.clicks, 0) AS clicks, coalesce(s.conversions, 0) AS conversions,
         coalesce(s.level1_earned, 0) AS "level1Earned", coalesce(s.level2_earned, 0) AS "level2Earned"
  FROM users u LEFT JOIN referral_stats s ON s.user_id = u.id
  WHERE u.telegram_id = $1::bigint
`);

const STATS_BY_USER_IDS = defineStatement('referrals', 'statsByUserIds', ['userIds: bigint[]'], `
  SELECT ${selectColumns(ReferralStatsRow, 's')}
  FROM referral_stats s
  WHERE s.user_id = ANY($1::bigint[])
`);

/**
 * One query for the whole tree, breadth first: each node's newest children come from the
 * (referred_by_id, created_at, id) index, LIMITed per node, and each node's total from its stats
 * counter, so a referrer with 100,000 referrals costs the same as one with ten.
 */
const REFERRAL_TREE = defineStatement(
  'referrals',
  'tree',
  ['telegramId: bigint', 'depth: int', 'rootChildrenOffset: int', 'childrenPerNode: int', 'maxNodes: int'],
  `
  WITH RECURSIVE tree AS (
    SELECT u.id, 0 AS level, NULL::bigint AS parent_id FROM users u WHERE u.telegram_id = $1::bigint
    UNION ALL
    SELECT child.id, tree.level + 1, tree.id
    FROM tree CROSS JOIN LATERAL (
      SELECT c.id FROM users c
      WHERE c.referred_by_id = tree.id
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT $4::int OFFSET CASE WHEN tree.level = 0 THEN $3::int ELSE 0 END
    ) child
    WHERE tree.level < $2::int
  ), nodes AS (
    SELECT * FROM tree LIMIT $5::int
  )
  SELECT nodes.level, nodes.parent_id AS "parentId", coalesce(s.direct_referrals, 0) AS "childrenCount",
         r.converted_at IS NOT NULL AS converted, ${selectColumns(User, 'u')}
  FROM nodes
  JOIN users u ON u.id = nodes.id
  LEFT JOIN referral_stats s ON s.user_id = nodes.id
  LEFT JOIN referrals r ON r.referred_id = nodes.id
`,
);

/** The rebuild's counters (referral_stats columns), in the order the report lists them. */
export const STATS_COUNTERS = ['direct_referrals', 'level2_referrals', 'clicks', 'conversions', 'level1_earned', 'level2_earned'] as const;
export type StatsCounter = (typeof STATS_COUNTERS)[number];

const LOCK_STATS = defineStatement('referrals', 'lockStatsForRebuild', [], `
  LOCK TABLE referral_stats IN EXCLUSIVE MODE
`);

// One big set-based pass: hash joins in memory instead of spilling in batches (about 3x faster at 1M users).
const REBUILD_SETTINGS = defineStatement('referrals', 'rebuildSettings', [], `
  SELECT set_config('work_mem', '128MB', true), set_config('jit', 'off', true)
`);

/**
 * referral_stats recomputed from the source tables in one statement: referrals (direct,
 * conversions), referrals joined to itself (level 2), referral_clicks, and commissions not
 * reversed (earned per level). Rows that differ are corrected, missing rows inserted, and the
 * first $1 drifted users returned with their old values.
 */
const REBUILD_STATS = defineStatement('referrals', 'rebuildStats', ['detailLimit: int'], `
  WITH direct AS (
    SELECT referrer_id AS user_id, count(*)::int AS direct_referrals, count(converted_at)::int AS conversions
    FROM referrals GROUP BY referrer_id
  ), level2 AS (
    SELECT parent.referrer_id AS user_id, count(*)::int AS level2_referrals
    FROM referrals child JOIN referrals parent ON parent.referred_id = child.referrer_id
    GROUP BY parent.referrer_id
  ), clicks AS (
    SELECT referrer_id AS user_id, count(*)::int AS clicks FROM referral_clicks GROUP BY referrer_id
  ), earned AS (
    SELECT beneficiary_id AS user_id,
           coalesce(sum(amount) FILTER (WHERE level = 1), 0)::bigint AS level1_earned,
           coalesce(sum(amount) FILTER (WHERE level = 2), 0)::bigint AS level2_earned
    FROM commissions WHERE status <> 'REVERSED' GROUP BY beneficiary_id
  ), expected AS (
    SELECT u.id AS user_id,
           coalesce(d.direct_referrals, 0) AS direct_referrals, coalesce(l.level2_referrals, 0) AS level2_referrals,
           coalesce(c.clicks, 0) AS clicks, coalesce(d.conversions, 0) AS conversions,
           coalesce(e.level1_earned, 0)::bigint AS level1_earned, coalesce(e.level2_earned, 0)::bigint AS level2_earned
    FROM users u
    LEFT JOIN direct d ON d.user_id = u.id
    LEFT JOIN level2 l ON l.user_id = u.id
    LEFT JOIN clicks c ON c.user_id = u.id
    LEFT JOIN earned e ON e.user_id = u.id
  ), drifted AS MATERIALIZED (
    SELECT e.*, s.user_id IS NULL AS missing,
           s.direct_referrals AS cached_direct_referrals, s.level2_referrals AS cached_level2_referrals,
           s.clicks AS cached_clicks, s.conversions AS cached_conversions,
           s.level1_earned AS cached_level1_earned, s.level2_earned AS cached_level2_earned
    FROM expected e LEFT JOIN referral_stats s ON s.user_id = e.user_id
    WHERE s.user_id IS NULL
       OR (s.direct_referrals, s.level2_referrals, s.clicks, s.conversions, s.level1_earned, s.level2_earned)
          IS DISTINCT FROM (e.direct_referrals, e.level2_referrals, e.clicks, e.conversions, e.level1_earned, e.level2_earned)
  ), inserted AS (
    INSERT INTO referral_stats (user_id, direct_referrals, level2_referrals, clicks, conversions, level1_earned, level2_earned)
    SELECT user_id, direct_referrals, level2_referrals, clicks, conversions, level1_earned, level2_earned
    FROM drifted d WHERE missing
  ), updated AS (
    UPDATE referral_stats s
    SET direct_referrals = d.direct_referrals, level2_referrals = d.level2_referrals, clicks = d.clicks,
        conversions = d.conversions, level1_earned = d.level1_earned, level2_earned = d.level2_earned, updated_at = now()
    FROM drifted d WHERE s.user_id = d.user_id AND NOT d.missing
  )
  SELECT (SELECT count(*)::int FROM users) AS checked,
         (SELECT count(*)::int FROM drifted) AS drifted,
         coalesce((SELECT json_agg(x ORDER BY x.user_id) FROM (SELECT * FROM drifted ORDER BY user_id LIMIT $1) x), '[]'::json) AS details
`);

export type StatsCounters = Pick<ReferralStatsRow, 'directReferrals' | 'level2Referrals' | 'clicks' | 'conversions' | 'level1Earned' | 'level2Earned'>;

/** One node of a tree answer: the user, where it hangs, and its counters. */
export interface TreeRow {
  user: User;
  level: number;
  parentId: number | null;
  childrenCount: number;
  converted: boolean;
}

/** A drifted user in a rebuild's report: the expected counters and the cached ones (null when the row was missing). */
export type DriftedRow = { user_id: number; missing: boolean } & Record<StatsCounter | `cached_${StatsCounter}`, number | null>;

export interface RebuildResult {
  checked: number;
  drifted: number;
  details: DriftedRow[];
}

/** The referral tables' statements: registration (the hot path), the bot's stats and tree, and the stats rebuild. */
@Injectable()
export class ReferralsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** REGISTER_USER with its twelve parameters; the registered (or refreshed) user. */
  async registerUser(parameters: readonly unknown[]): Promise<User> {
    return toEntity(User, (await this.transactions.row(REGISTER_USER, parameters))!);
  }

  /** The counters of the user with this Telegram id (zeros without a stats row), or undefined for an unknown id. */
  statsByTelegramId(telegramId: string): Promise<StatsCounters | undefined> {
    return this.transactions.row(STATS_BY_TELEGRAM_ID, [telegramId]);
  }

  /** The stats rows of these users (none for a user without one): one statement for a page of users. */
  async statsByUserIds(userIds: readonly number[]): Promise<ReferralStatsRow[]> {
    return (await this.transactions.rows(STATS_BY_USER_IDS, [userIds])).map((row) => toEntity(ReferralStatsRow, row));
  }

  /** The tree's nodes, breadth first (the root has no parent); empty for an unknown Telegram id. */
  async tree(telegramId: string, depth: number, rootChildrenOffset: number, childrenPerNode: number, maxNodes: number): Promise<TreeRow[]> {
    const rows = await this.transactions.rows(REFERRAL_TREE, [telegramId, depth, rootChildrenOffset, childrenPerNode, maxNodes]);
    return rows.map((row) => ({
      user: toEntity(User, row),
      level: row.level,
      parentId: row.parentId === null ? null : Number(row.parentId),
      childrenCount: row.childrenCount,
      converted: row.converted,
    }));
  }

  /** Inside the rebuild's transaction: writers to referral_stats wait until it commits (plain reads go on). */
  async lockStatsForRebuild(): Promise<void> {
    await this.transactions.execute(LOCK_STATS, []);
  }

  /** Inside the rebuild's transaction: memory for one in-memory pass, and no JIT compilation. */
  async useRebuildSettings(): Promise<void> {
    await this.transactions.execute(REBUILD_SETTINGS, []);
  }

  /** Fixes every drifted or missing stats row; the counts and the first `detailLimit` drifted users. */
  async rebuildStats(detailLimit: number): Promise<RebuildResult> {
    return (await this.transactions.row<RebuildResult & Record<string, unknown>>(REBUILD_STATS, [detailLimit]))!;
  }
}
