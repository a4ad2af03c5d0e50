/** Longest profile text the bot may send; anything longer is refused as bad input, not cut. */
export const PROFILE_TEXT_LIMIT = 1000;
export const USERNAME_MAX_LENGTH = 64;
export const NAME_MAX_LENGTH = 128;

// C0/C1 control characters: PostgreSQL refuses NUL, and none belongs in a name.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A name or username as stored: control characters removed, trimmed, cut to `maxLength`
 * characters (whole code points, so an emoji is never split), and empty becomes null.
 * `undefined` (not sent) stays undefined so a repeat registration leaves the field alone.
 */
export function cleanProfileText(value: string | null | undefined, maxLength: number): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.replace(CONTROL_CHARACTERS, '').trim();
  if (!trimmed) return null;
  const characters = Array.from(trimmed);
  return characters.length > maxLength ? characters.slice(0, maxLength).join('').trimEnd() : trimmed;
}

/** A Telegram username without the `@` people often type in front of it. */
export function cleanUsername(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  return cleanProfileText(value.replace(CONTROL_CHARACTERS, '').trim().replace(/^@+/, ''), USERNAME_MAX_LENGTH);
}
