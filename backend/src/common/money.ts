/** "₹1,234.50" from integer paise, without floating point. */
export function formatRupees(paise: number): string {
  const sign = paise < 0 ? '-' : '';
  const absolute = BigInt(Math.abs(paise));
  const rupees = (absolute / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}₹${rupees}.${(absolute % 100n).toString().padStart(2, '0')}`;
}
