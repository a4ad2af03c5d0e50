import { FraudFlagType, FraudSeverity } from './fraud-flag.entity.js';

/**
 * The automatic fraud rules, as SQL. Each check is one statement: it reads its thresholds from
 * system_settings, finds what the rules see through indexed lookups only, inserts the flags
 * that are new (INSERT … ON CONFLICT DO NOTHING on the one-open-flag-per-evidence index) and
 * marks every newly flagged user SUSPICIOUS unless BLOCKED.
 *
 * Evidence is the shared value and the other accounts. A lookup stops after
 * max(threshold, EVIDENCE_ACCOUNTS) accounts so that a busy shared IP costs the same as a
 * quiet one; every account in a window still gets flagged, because each registration that
 * crosses the threshold flags the newest accounts of that window, itself included.
 *
 * A resolved or dismissed flag clears what it saw: the same rule flags the same user for the
 * same evidence again only when the evidence has grown (more accounts on the shared value,
 * another fraud_low_conversion_min_referrals referrals still under the rate, or a fresh burst
 * of signups after the flag was closed), so an admin's decision is not undone by the next run.
 */

/** Accounts listed (and flagged) per shared value at least, whatever the threshold. */
export const EVIDENCE_ACCOUNTS = 20;

export const RULE_SEVERITY: Record<Exclude<FraudFlagType, FraudFlagType.MANUAL>, FraudSeverity> = {
  [FraudFlagType.DUPLICATE_UPI]: FraudSeverity.HIGH,
  [FraudFlagType.DUPLICATE_DEVICE]: FraudSeverity.HIGH,
  [FraudFlagType.DUPLICATE_IP]: FraudSeverity.MEDIUM,
  [FraudFlagType.RAPID_SIGNUPS]: FraudSeverity.MEDIUM,
  [FraudFlagType.LOW_CONVERSION]: FraudSeverity.LOW,
};

/** Evidence keys of the rules whose evidence is not a shared value: one open flag per user. */
export const RAPID_SIGNUPS_KEY = 'signups';
export const LOW_CONVERSION_KEY = 'conversion';

/** The thresholds, one row, read in the statement itself so every instance sees a change at once. */
const CONFIG = `cfg AS MATERIALIZED (
  SELECT s.*, make_interval(hours => s.ip_window_hours) AS ip_window, make_interval(mins => s.rapid_window_minutes) AS rapid_window
  FROM (
    SELECT fraud_checks_enabled AS enabled,
           fraud_duplicate_ip_min_accounts AS ip_accounts,
           fraud_duplicate_ip_window_hours AS ip_window_hours,
           fraud_low_conversion_min_referrals AS low_conversion_referrals,
           fraud_low_conversion_max_rate_percent AS low_conversion_rate,
           fraud_rapid_signups_count AS rapid_count,
           fraud_rapid_signups_window_minutes AS rapid_window_minutes
    FROM current_settings
  ) s
)`;

/** The user a check is about ($1); no row (so no rule runs) when exempt, or when automatic checks are off. */
function subject(automatic: boolean): string {
  return `subject AS MATERIALIZED (
  SELECT u.id, u.device_id, u.ip_address, u.referred_by_id, u.created_at
  FROM users u CROSS JOIN cfg
  WHERE u.id = $1 AND NOT u.fraud_exempt${automatic ? ' AND cfg.enabled' : ''}
)`;
}

/*
 * Shared-value rules produce groups: (type, severity, evidence_key, evidence, ids, threshold,
 * reason), `ids` being every account on the value, the subject first. A group with at least
 * `threshold` accounts flags each of them.
 */

const DEVICE_GROUP = `device_group AS (
  SELECT '${FraudFlagType.DUPLICATE_DEVICE}' AS type, '${RULE_SEVERITY.DUPLICATE_DEVICE}' AS severity, 'device:' || d.value AS evidence_key,
         jsonb_build_object('deviceId', d.value) AS evidence, d.ids, 2 AS threshold,
         format('Device %s is used by %s accounts', d.value, cardinality(d.ids)) AS reason
  FROM (
    SELECT s.device_id AS value,
           s.id || array(SELECT p.id FROM users p WHERE p.device_id = s.device_id AND p.id <> s.id ORDER BY p.id DESC LIMIT ${EVIDENCE_ACCOUNTS - 1}) AS ids
    FROM subject s WHERE s.device_id IS NOT NULL
  ) d
)`;

/**
 * N accounts from one IP within the window. At registration, the window ending at the account's
 * registration (so a returning user's /start re-checks the same window, finding nothing new);
 * on demand, the windows ending and starting at it, whichever holds more accounts.
 */
function ipGroup(windows: 'registration' | 'around'): string {
  const bounds =
    windows === 'registration'
      ? `(s.created_at - cfg.ip_window, s.created_at)`
      : `(s.created_at - cfg.ip_window, s.created_at), (s.created_at, s.created_at + cfg.ip_window)`;
  return `ip_group AS (
  SELECT '${FraudFlagType.DUPLICATE_IP}' AS type, '${RULE_SEVERITY.DUPLICATE_IP}' AS severity, 'ip:' || w.value AS evidence_key,
         jsonb_build_object('ipAddress', w.value, 'windowHours', cfg.ip_window_hours) AS evidence, w.ids, cfg.ip_accounts AS threshold,
         format('%s accounts registered from IP %s within %s hours', cardinality(w.ids), w.value, cfg.ip_window_hours) AS reason
  FROM cfg, (
    SELECT found.value, found.ids FROM (
      SELECT s.ip_address AS value,
             s.id || array(SELECT p.id FROM users p
                           WHERE p.ip_address = s.ip_address AND p.id <> s.id AND p.created_at >= win.from_at AND p.created_at <= win.to_at
                           ORDER BY p.created_at DESC LIMIT greatest(cfg.ip_accounts, ${EVIDENCE_ACCOUNTS}) - 1) AS ids
      FROM subject s CROSS JOIN cfg CROSS JOIN LATERAL (VALUES ${bounds}) AS win (from_at, to_at)
      WHERE s.ip_address IS NOT NULL
    ) found
    ORDER BY cardinality(found.ids) DESC LIMIT 1
  ) w
)`;
}

/**
 * One UPI id on orders or withdrawals of two or more users, compared case-insensitively
 * (orders_upi_user_idx, withdrawals_upi_user_idx). The values are the one just used ($2), or
 * on demand every UPI id the user ever gave.
 */
function upiGroup(values: 'given' | 'all'): string {
  const source =
    values === 'given'
      ? `(SELECT lower($2::text) WHERE $2::text IS NOT NULL)`
      : `LATERAL (SELECT lower(o.upi_id) FROM orders o WHERE o.user_id = s.id AND o.upi_id IS NOT NULL
                  UNION SELECT lower(w.upi_id) FROM withdrawals w WHERE w.user_id = s.id)`;
  return `upi_group AS (
  SELECT '${FraudFlagType.DUPLICATE_UPI}' AS type, '${RULE_SEVERITY.DUPLICATE_UPI}' AS severity, 'upi:' || u.value AS evidence_key,
         jsonb_build_object('upiId', u.value) AS evidence, u.ids, 2 AS threshold,
         format('UPI id %s is used by %s accounts', u.value, cardinality(u.ids)) AS reason
  FROM (
    SELECT v.value,
           s.id || array(SELECT x.user_id FROM (
                           (SELECT DISTINCT o.user_id FROM orders o WHERE lower(o.upi_id) = v.value AND o.user_id <> s.id ORDER BY o.user_id DESC LIMIT ${EVIDENCE_ACCOUNTS - 1})
                           UNION
                           (SELECT DISTINCT w.user_id FROM withdrawals w WHERE lower(w.upi_id) = v.value AND w.user_id <> s.id ORDER BY w.user_id DESC LIMIT ${EVIDENCE_ACCOUNTS - 1})
                         ) x ORDER BY x.user_id DESC LIMIT ${EVIDENCE_ACCOUNTS - 1}) AS ids
    FROM subject s CROSS JOIN ${source} AS v (value)
  ) u
)`;
}

/*
 * Single-user rules produce candidates directly: (user_id, type, severity, evidence_key,
 * evidence, reason, measure_key, measure, regrow). A closed flag with the same evidence key
 * suppresses the candidate while evidence->>measure_key + regrow > measure.
 */

const CLOSED_RAPID_SIGNUPS = (userColumn: string) =>
  `coalesce((SELECT max(f.resolved_at) FROM fraud_flags f
             WHERE f.user_id = ${userColumn} AND f.type = '${FraudFlagType.RAPID_SIGNUPS}' AND f.status <> 'OPEN'), '-infinity'::timestamptz)`;

function rapidSignupsCandidate(referrer: string, ids: string): string {
  return `SELECT ${referrer} AS user_id, '${FraudFlagType.RAPID_SIGNUPS}' AS type, '${RULE_SEVERITY.RAPID_SIGNUPS}' AS severity,
         '${RAPID_SIGNUPS_KEY}' AS evidence_key,
         jsonb_build_object('signupCount', cardinality(${ids}), 'windowMinutes', cfg.rapid_window_minutes, 'referredAccountIds', to_jsonb(${ids}::text[])) AS evidence,
         format('%s referrals registered within %s minutes', cardinality(${ids}), cfg.rapid_window_minutes) AS reason,
         NULL::text AS measure_key, NULL::numeric AS measure, NULL::numeric AS regrow`;
}

/**
 * K referrals within W minutes, flagged on the referrer. At registration: the window ending at
 * the new referral; referrals before the referrer's last closed RAPID_SIGNUPS flag don't count.
 */
const RAPID_SIGNUPS_OF_REFERRER = `rapid_signups AS (
  ${rapidSignupsCandidate('r.referrer_id', 'r.ids')}
  FROM cfg, (
    SELECT s.referred_by_id AS referrer_id,
           array(SELECT p.id FROM users p
                 WHERE p.referred_by_id = s.referred_by_id
                   AND p.created_at >= s.created_at - cfg.rapid_window AND p.created_at <= s.created_at
                   AND p.created_at > ${CLOSED_RAPID_SIGNUPS('s.referred_by_id')}
                 ORDER BY p.created_at DESC LIMIT greatest(cfg.rapid_count, ${EVIDENCE_ACCOUNTS})) AS ids
    FROM subject s CROSS JOIN cfg JOIN users referrer ON referrer.id = s.referred_by_id AND NOT referrer.fraud_exempt
  ) r
  WHERE cardinality(r.ids) >= cfg.rapid_count
)`;

/** On demand, the user as a referrer: the busiest W-minute window of all their referrals (since the last closed flag). */
const RAPID_SIGNUPS_OF_SUBJECT = `rapid_signups AS (
  ${rapidSignupsCandidate('s.id', 'r.ids')}
  FROM subject s CROSS JOIN cfg
  CROSS JOIN LATERAL (SELECT ${CLOSED_RAPID_SIGNUPS('s.id')} AS at) closed
  CROSS JOIN LATERAL (
    SELECT x.created_at AS window_end, x.signups FROM (
      SELECT p.created_at,
             count(*) OVER (ORDER BY p.created_at RANGE BETWEEN (SELECT rapid_window FROM cfg) PRECEDING AND CURRENT ROW) AS signups
      FROM users p WHERE p.referred_by_id = s.id AND p.created_at > closed.at
    ) x ORDER BY x.signups DESC, x.created_at DESC LIMIT 1
  ) w
  CROSS JOIN LATERAL (
    SELECT array(SELECT p.id FROM users p
                 WHERE p.referred_by_id = s.id AND p.created_at > closed.at
                   AND p.created_at >= w.window_end - cfg.rapid_window AND p.created_at <= w.window_end
                 ORDER BY p.created_at DESC LIMIT greatest(cfg.rapid_count, ${EVIDENCE_ACCOUNTS})) AS ids
  ) r
  WHERE w.signups >= cfg.rapid_count
)`;

/** At least M direct referrals converting under R% (referral_stats); `scope` picks whose. */
function lowConversion(scope: 'subject' | 'everyone'): string {
  const rate = `round(100.0 * st.conversions / st.direct_referrals, 2)`;
  return `low_conversion AS (
  SELECT st.user_id, '${FraudFlagType.LOW_CONVERSION}' AS type, '${RULE_SEVERITY.LOW_CONVERSION}' AS severity, '${LOW_CONVERSION_KEY}' AS evidence_key,
         jsonb_build_object('directReferrals', st.direct_referrals, 'conversions', st.conversions, 'conversionRatePercent', ${rate},
                            'maxRatePercent', cfg.low_conversion_rate, 'minReferrals', cfg.low_conversion_referrals) AS evidence,
         format('%s of %s referrals converted (%s%%), under %s%%', st.conversions, st.direct_referrals, ${rate}, cfg.low_conversion_rate) AS reason,
         'directReferrals'::text AS measure_key, st.direct_referrals::numeric AS measure, cfg.low_conversion_referrals::numeric AS regrow
  FROM referral_stats st CROSS JOIN cfg
  WHERE ${scope === 'subject' ? 'st.user_id = (SELECT id FROM subject)' : 'cfg.enabled'}
    AND st.direct_referrals > 0 AND st.direct_referrals >= cfg.low_conversion_referrals
    AND st.conversions * 100 < cfg.low_conversion_rate * st.direct_referrals
)`;
}

interface CheckParts {
  /** The `subject` CTE for checks about one user ($1), automatic (honours fraud_checks_enabled) or on demand. */
  subject?: 'automatic' | 'on-demand';
  groups?: { name: string; sql: string }[];
  singles?: { name: string; sql: string }[];
}

/**
 * One check statement: the rules' candidates, minus exempt users and evidence already flagged
 * (open) or cleared (closed, not grown); the new flags inserted in a fixed order, so two
 * checks racing on the same evidence wait for each other instead of deadlocking; then every
 * newly flagged user locked in id order and marked SUSPICIOUS unless BLOCKED. The update
 * writes even a user already SUSPICIOUS: taking that row lock is what stops an admin who is
 * resolving the user's last other flag at the same moment from returning them to ACTIVE.
 * Answers how many flags were created and which users are now SUSPICIOUS because of them.
 */
function checkStatement(parts: CheckParts): string {
  const groups = parts.groups ?? [];
  const singles = parts.singles ?? [];
  const ctes = [CONFIG];
  if (parts.subject) ctes.push(subject(parts.subject === 'automatic'));
  ctes.push(...groups.map((group) => group.sql), ...singles.map((single) => single.sql));
  const candidates = singles.map((single) => `SELECT * FROM ${single.name}`);
  if (groups.length) {
    ctes.push(`groups AS (${groups.map((group) => `SELECT * FROM ${group.name}`).join(' UNION ALL ')})`);
    candidates.unshift(`SELECT m.user_id, g.type, g.severity, g.evidence_key,
           g.evidence || jsonb_build_object('accountCount', cardinality(g.ids), 'otherAccountIds', to_jsonb(array_remove(g.ids, m.user_id)::text[])),
           g.reason, 'accountCount'::text, cardinality(g.ids)::numeric, 1::numeric
    FROM groups g CROSS JOIN LATERAL unnest(g.ids) AS m (user_id)
    WHERE cardinality(g.ids) >= g.threshold`);
  }
  ctes.push(
    `candidates (user_id, type, severity, evidence_key, evidence, reason, measure_key, measure, regrow) AS (
  ${candidates.join('\n  UNION ALL\n  ')}
)`,
    `fresh AS (
  SELECT DISTINCT ON (c.user_id, c.type, c.evidence_key) c.*
  FROM candidates c JOIN users u ON u.id = c.user_id
  WHERE NOT u.fraud_exempt
    AND NOT EXISTS (
      SELECT 1 FROM fraud_flags f
      WHERE f.user_id = c.user_id AND f.type = c.type AND f.evidence_key = c.evidence_key
        AND (f.status = 'OPEN' OR (f.evidence ->> c.measure_key)::numeric + c.regrow > c.measure))
  ORDER BY c.user_id, c.type, c.evidence_key, c.measure DESC NULLS LAST
)`,
    `inserted AS (
  INSERT INTO fraud_flags (user_id, type, severity, status, reason, evidence_key, evidence)
  SELECT user_id, type, severity, 'OPEN', reason, evidence_key, evidence FROM fresh ORDER BY user_id, type, evidence_key
  ON CONFLICT (user_id, type, evidence_key) WHERE status = 'OPEN' DO NOTHING
  RETURNING id, user_id
)`,
    `locked AS MATERIALIZED (
  SELECT u.id FROM users u WHERE u.id IN (SELECT user_id FROM inserted) ORDER BY u.id FOR NO KEY UPDATE
)`,
    `marked AS (
  UPDATE users u
  SET status = CASE WHEN u.status = 'ACTIVE' THEN 'SUSPICIOUS' ELSE u.status END,
      updated_at = CASE WHEN u.status = 'ACTIVE' THEN now() ELSE u.updated_at END
  FROM locked l WHERE u.id = l.id
  RETURNING u.id, u.status
)`,
  );
  return `WITH ${ctes.join(',\n')}
SELECT (SELECT count(*) FROM inserted)::int AS flagged,
       coalesce((SELECT array_agg(id ORDER BY id) FROM marked WHERE status = 'SUSPICIOUS'), '{}'::bigint[]) AS suspicious_user_ids`;
}

/** At registration ($1 = the new user): device, IP, and the referrer's rapid signups. */
export const REGISTRATION_CHECK_SQL = checkStatement({
  subject: 'automatic',
  groups: [
    { name: 'device_group', sql: DEVICE_GROUP },
    { name: 'ip_group', sql: ipGroup('registration') },
  ],
  singles: [{ name: 'rapid_signups', sql: RAPID_SIGNUPS_OF_REFERRER }],
});

/**
 * After the verification Mini App recorded a device id and IP on an existing user ($1): the
 * device rule, and the IP rule over the windows around their registration (as on demand).
 */
export const DEVICE_VERIFICATION_CHECK_SQL = checkStatement({
  subject: 'automatic',
  groups: [
    { name: 'device_group', sql: DEVICE_GROUP },
    { name: 'ip_group', sql: ipGroup('around') },
  ],
});

/** When a UPI id is given on an order or a withdrawal ($1 = the user, $2 = the UPI id). */
export const UPI_CHECK_SQL = checkStatement({ subject: 'automatic', groups: [{ name: 'upi_group', sql: upiGroup('given') }] });

/** Every rule about one user ($1), on an admin's demand: fraud_checks_enabled does not apply, the exemption does. */
export const USER_CHECK_SQL = checkStatement({
  subject: 'on-demand',
  groups: [
    { name: 'device_group', sql: DEVICE_GROUP },
    { name: 'ip_group', sql: ipGroup('around') },
    { name: 'upi_group', sql: upiGroup('all') },
  ],
  singles: [
    { name: 'rapid_signups', sql: RAPID_SIGNUPS_OF_SUBJECT },
    { name: 'low_conversion', sql: lowConversion('subject') },
  ],
});

/** The scheduled LOW_CONVERSION pass over every referrer, set-based (referral_stats_direct_idx). */
export const LOW_CONVERSION_SCAN_SQL = checkStatement({ singles: [{ name: 'low_conversion', sql: lowConversion('everyone') }] });
