import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { likePattern } from '../common/graphql/list.js';
import { parseReferralCode } from './referral-code.js';

/**
 * The admin panel's free-text search over people (`alias` is the users table): username and
 * names contain the text (a leading @ ignored), the referral code equals it (with or without
 * ref_), or the Telegram id starts with it.
 */
export function searchUsers<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, q: string | undefined): void {
  const text = q?.trim();
  if (!text) return;
  const matches = [`${alias}.username ILIKE :searchName`, `${alias}.first_name ILIKE :searchName`, `${alias}.last_name ILIKE :searchName`];
  const code = parseReferralCode(text);
  if (code) matches.push(`${alias}.referral_code = :searchCode`);
  if (/^\d{1,20}$/.test(text)) matches.push(`${alias}.telegram_id::text LIKE :searchDigits`);
  query.andWhere(`(${matches.join(' OR ')})`, { searchName: likePattern(text.replace(/^@/, '')), searchCode: code, searchDigits: `${text}%` });
}
