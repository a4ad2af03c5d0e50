/** "₹1,234.50" from integer paise, without floating point. */
export function formatRupees(paise: number): string {
  const sign = paise < 0 ? '-' : '';
  const absolute = BigInt(Math.abs(paise));
  const rupees = (absolute / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}₹${rupees}.${(absolute % 100n).toString().padStart(2, '0')}`;
}

/**
 * Integer paise from the digits of a decimal rupee amount ("134", "99" for 134.99; a one-digit
 * fraction is tenths), by string arithmetic: no float ever holds the amount.
 */
export function paiseFromRupeeDigits(whole: string, fraction = ''): number {
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
