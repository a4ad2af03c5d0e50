import { CommissionRounding } from '../orders/order.entity.js';

const BASIS_POINTS = 10_000n;

/**
 * One level's commission in paise, integers only: profit × rate (basis points) / 10,000, rounded
 * half-up to whole rupees (RUPEE) or to the paisa (PAISE). BigInt keeps profit × rate exact.
 * With the defaults: 9300 × 3000 → 2790 paise → 2800 (₹28); 9300 × 1000 → 930 → 900 (₹9).
 */
export function commissionAmount(profit: number, rateBasisPoints: number, rounding: CommissionRounding): number {
  if (!Number.isSafeInteger(profit) || profit < 0) throw new RangeError(`profit must be a non-negative integer, got ${profit}`);
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
    throw new RangeError(`rate must be 0..10000 basis points, got ${rateBasisPoints}`);
  }
  const scaled = BigInt(profit) * BigInt(rateBasisPoints);
  const unit = rounding === CommissionRounding.RUPEE ? BASIS_POINTS * 100n : BASIS_POINTS;
  const rounded = ((scaled + unit / 2n) / unit) * (unit / BASIS_POINTS);
  return Number(rounded);
}
