import { randomInt } from 'node:crypto';

/** Digits and capitals without the look-alikes 0/O and 1/I. */
export const REFERRAL_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const REFERRAL_CODE_LENGTH = 8;
/** The deep-link payload is `ref_<code>`: well inside Telegram's 64 characters of A-Za-z0-9_-. */
export const REFERRAL_PAYLOAD_PREFIX = 'ref_';
/** What the users table accepts as a code (users_referral_code_format). */
const STORED_CODE_FORMAT = /^[A-Z0-9]{6,16}$/;

/** A random code (32^8 ≈ 10^12 values), unrelated to the Telegram id. */
export function generateReferralCode(): string {
  let code = '';
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) code += REFERRAL_CODE_ALPHABET[randomInt(REFERRAL_CODE_ALPHABET.length)];
  return code;
}

/**
 * The code inside a `/start` payload as the bot passes it on: with or without the `ref_`
 * prefix, in any case. Returns the code as stored (capitals), or null when the text cannot be
 * any user's code, so the lookup is skipped.
 */
export function parseReferralCode(payload: string): string | null {
  let text = payload.trim();
  if (text.toLowerCase().startsWith(REFERRAL_PAYLOAD_PREFIX)) text = text.slice(REFERRAL_PAYLOAD_PREFIX.length);
  const code = text.toUpperCase();
  return STORED_CODE_FORMAT.test(code) ? code : null;
}

/** `https://t.me/<bot>?start=ref_<code>`, or null when the bot's username is not configured. */
export function referralLink(botUsername: string | undefined, code: string): string | null {
  return botUsername ? `https://t.me/${botUsername}?start=${REFERRAL_PAYLOAD_PREFIX}${code}` : null;
}
