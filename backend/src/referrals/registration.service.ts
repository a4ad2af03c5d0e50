import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseTelegramId } from '../common/graphql/ids.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import { generateReferralCode, parseReferralCode } from '../users/referral-code.js';
import { userColumns, userFromRow } from '../users/user-columns.js';
import { cleanProfileText, cleanUsername, NAME_MAX_LENGTH } from '../users/user-profile.js';
import type { User } from '../users/user.entity.js';
import type { RegisterUserInput } from './dto/register-user.input.js';

/** Why a referral code given at registration attributed nobody (users.attribution_note). */
export enum AttributionNote {
  UNKNOWN_CODE = 'UNKNOWN_CODE',
  OWN_CODE = 'OWN_CODE',
  REFERRER_BLOCKED = 'REFERRER_BLOCKED',
  REFERRALS_DISABLED = 'REFERRALS_DISABLED',
}

/** users.referral_code_used and referrals.code_used hold at most this much of what was typed. */
const CODE_USED_MAX_LENGTH = 64;
const CODE_ATTEMPTS = 5;

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
export const REGISTER_USER_SQL = `
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
SELECT ${userColumns('upserted')} FROM upserted`;

/**
 * REGISTER_USER_SQL's parameters $1-$11 from the bot's input, cleaned (names trimmed and cut,
 * the code read); the caller appends $12, a fresh referral code for a new user.
 */
export function registrationParameters(input: RegisterUserInput): unknown[] {
  const typedCode = cleanProfileText(input.referralCode, CODE_USED_MAX_LENGTH) ?? null;
  const username = cleanUsername(input.username);
  const firstName = cleanProfileText(input.firstName, NAME_MAX_LENGTH);
  const lastName = cleanProfileText(input.lastName, NAME_MAX_LENGTH);
  return [
    input.telegramId,
    username ?? null,
    firstName ?? null,
    lastName ?? null,
    typedCode === null ? null : parseReferralCode(typedCode),
    typedCode,
    input.deviceId?.trim() || null,
    input.ipAddress?.trim() || null,
    username !== undefined,
    firstName !== undefined,
    lastName !== undefined,
  ];
}

/** The bot's /start: creates the user once, with their attribution, or refreshes their names. */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
  ) {}

  async register(input: RegisterUserInput): Promise<User> {
    parseTelegramId(input.telegramId);
    const parameters = registrationParameters(input);

    for (let attempt = 1; ; attempt++) {
      try {
        // one statement is one transaction; inside a caller's transaction it joins that one
        const result = await this.transactions.statement('register_user', REGISTER_USER_SQL, [...parameters, generateReferralCode()]);
        const user = userFromRow(result.rows[0]);
        // After the commit, not inside: the referrer's stats row stays locked no longer, and a failing check cannot undo the registration.
        await this.fraudChecks.afterRegistration(user);
        return user;
      } catch (error) {
        // A fresh random code met an existing one (about 1 in 10^6 at a million users): draw again.
        const collided = (error as { constraint?: string }).constraint === 'users_referral_code_unique';
        if (!collided || attempt >= CODE_ATTEMPTS || this.transactions.inTransaction) throw error;
        this.logger.warn(`referral code collision on registration, attempt ${attempt}`);
      }
    }
  }
}
