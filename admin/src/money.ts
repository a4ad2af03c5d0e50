/**
 * Formats an integer number of paise as rupees with Indian digit grouping:
 * 123450 → "₹1,234.50", 12345050 → "₹1,23,450.50".
 * Works on the decimal digits, so paise never go through a float division.
 */
export function formatMoney(paise: number): string {
  if (!Number.isSafeInteger(paise)) {
    throw new RangeError(`Money must be a whole number of paise, got ${paise}`);
  }
  const digits = String(Math.abs(paise)).padStart(3, '0');
  const sign = paise < 0 ? '-' : '';
  return `${sign}₹${groupIndian(digits.slice(0, -2))}.${digits.slice(-2)}`;
}

// Indian grouping: the last three digits, then pairs (1,23,45,678).
function groupIndian(rupees: string): string {
  if (rupees.length <= 3) return rupees;
  const pairs = rupees.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ',');
  return `${pairs},${rupees.slice(-3)}`;
}

/** Paise as plain rupees with two decimals and no symbol or grouping, for files: 123450 → "1234.50". */
export function formatRupees(paise: number): string {
  return formatMoney(paise).replace(/[₹,]/g, '');
}
