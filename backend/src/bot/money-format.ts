import { paiseFromRupeeDigits } from '../common/money.js';

/**
 * Rupees for people: ₹ with Indian digit grouping (lakh, crore) and two decimals, from integer
 * paise, without floating point: 10000000 → ₹1,00,000.00; -2800 → -₹28.00.
 */
export function formatRupees(paise: number | bigint): string {
  const value = BigInt(paise);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const rupees = (absolute / 100n).toString();
  const fraction = (absolute % 100n).toString().padStart(2, '0');
  const lastThree = rupees.slice(-3);
  const rest = rupees.slice(0, -3);
  const grouped = rest ? `${rest.replace(/\B(?=(\d{2})+(?!\d))/g, ',')},${lastThree}` : lastThree;
  return `${negative ? '-' : ''}₹${grouped}.${fraction}`;
}

/**
 * An amount a person typed, in rupees, as integer paise: "500", "500.5", "₹1,000.25", "1 000".
 * null when it is not a plain positive amount with at most two decimals.
 */
export function parseRupees(text: string): number | null {
  const cleaned = text.trim().replace(/^(₹|rs\.?|inr)\s*/i, '').replace(/[,\s]/g, '').replace(/\/-$/, '');
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const paise = paiseFromRupeeDigits(match[1], match[2]);
  return paise > 0 ? paise : null;
}
