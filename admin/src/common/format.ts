import { formatMoney } from '../money';
import type { BalanceBucket, Money } from '../types';

/** A ledger amount with its sign always shown: +₹28.00, -₹9.00, ₹0.00. */
export function formatSignedMoney(paise: Money): string {
  return paise > 0 ? `+${formatMoney(paise)}` : formatMoney(paise);
}

/**
 * Where a ledger entry's money went: "PENDING → AVAILABLE" for a transfer, else the bucket,
 * each bucket as `word` names it.
 */
export function formatBucketMove(
  {
    bucket,
    fromBucket,
  }: {
    bucket: BalanceBucket;
    fromBucket?: BalanceBucket | null;
  },
  word: (bucket: BalanceBucket) => string = (name) => name,
): string {
  return fromBucket ? `${word(fromBucket)} → ${word(bucket)}` : word(bucket);
}

/**
 * A percentage with at most one decimal: 33.333 → "33.3%", 50 → "50%" (a configured rate).
 * `{ fixed: true }` always shows the decimal, 49 → "49.0%", so a column of measured rates lines up.
 */
export function formatPercent(value: number | null | undefined, { fixed = false } = {}): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const rounded = Math.round(value * 10) / 10;
  return `${fixed ? rounded.toFixed(1) : rounded}%`;
}

/** A rate in basis points as a percentage: 3000 → "30%". */
export function formatBasisPoints(bps: number): string {
  return formatPercent(bps / 100);
}

interface Person {
  telegramId?: string | null;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** How a person is named in lists: @username, else their name, else the Telegram ID. */
export function personName(person: Person | null | undefined): string {
  if (!person) return '—';
  if (person.username) return `@${person.username}`;
  const name = fullName(person);
  return name || person.telegramId || '—';
}

export function fullName({ firstName, lastName }: Person): string {
  return [firstName, lastName].filter(Boolean).join(' ');
}

/** Sums paise exactly (integers stay exact below 2^53, far above any real total). */
export function sumMoney(amounts: Money[]): Money {
  return amounts.reduce((total, amount) => total + amount, 0);
}

/**
 * The font size at which `text` fits a box `100cqi` wide (the CSS container's width), at most
 * `max`: digits and separators of the panel's font are about 0.55 em wide, so n characters need
 * about 0.55·n em (0.58·n leaves a margin). For a dashboard figure whose length is not known in
 * advance (₹15,81,05,564.00 overflowed a sixth of a 1440 px screen at 1.5rem).
 */
export function fittedFontSize(text: string, max = '1.5rem'): string {
  return `min(${max}, calc(100cqi / ${(0.58 * Math.max(text.length, 1)).toFixed(2)}))`;
}
