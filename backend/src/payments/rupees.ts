import { PaymentError, PaymentException } from './payments.errors.js';
import { paiseFromRupeeDigits } from '../common/money.js';

/** Rupees with at most two decimals, no sign, no exponent: what gateways send (135.00, 135, 134.9). */
const RUPEES_PATTERN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Converts a rupee amount written in decimal ("135.00", "135", "134.99") to integer paise, with
 * string arithmetic only: no float ever holds the amount. Anything else is refused.
 */
export function rupeesToPaise(text: string): number {
  const match = RUPEES_PATTERN.exec(text);
  if (!match) throw new PaymentException(PaymentError.INVALID_AMOUNT, `"${text.slice(0, 40)}" is not a rupee amount with at most two decimals`);
  const paise = paiseFromRupeeDigits(match[1], match[2]);
  if (!Number.isSafeInteger(paise)) throw new PaymentException(PaymentError.INVALID_AMOUNT, 'The amount is out of range');
  return paise;
}

/** Integer paise as a decimal rupee string with two decimals: 13500 → "135.00", 13499 → "134.99". */
export function paiseToRupees(paise: number): string {
  if (!Number.isSafeInteger(paise) || paise < 0) throw new RangeError(`${paise} is not a whole number of paise`);
  const text = String(paise).padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}
