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

/**
 * Reads an amount typed in rupees as integer paise: "500" → 50000, "₹1,23,450.5" → 12345050.
 * Null when it is not a non-negative amount with at most two decimals (no float on the way:
 * the digits are joined, not multiplied).
 */
export function parseRupees(text: string): number | null {
  const cleaned = text.replace(/[₹,\s]/g, '').replace(/^Rs\.?/i, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const paise = Number(`${match[1]}${(match[2] ?? '').padEnd(2, '0')}`);
  return Number.isSafeInteger(paise) ? paise : null;
}

/** Paise as an editable rupee amount, without symbol or grouping: 50050 → "500.50", 50000 → "500". */
export function rupeesInputText(paise: number): string {
  const digits = String(Math.abs(paise)).padStart(3, '0');
  const fraction = digits.slice(-2);
  return `${paise < 0 ? '-' : ''}${digits.slice(0, -2)}${fraction === '00' ? '' : `.${fraction}`}`;
}

/** Paise as plain rupees with two decimals and no symbol or grouping, for files: 123450 → "1234.50". */
export function formatRupees(paise: number): string {
  return formatMoney(paise).replace(/[₹,]/g, '');
}
