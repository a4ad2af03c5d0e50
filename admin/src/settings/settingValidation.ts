import { formatMoney, parseRupees } from '../money';
import type { Setting } from '../types';

/** The API's limit on any money amount, in paise (backend MONEY_LIMIT). */
const MONEY_SANITY_LIMIT = 1_000_000_000_000_000;

/** A react-admin validation message: a translation key and its arguments. */
export type ValidationMessage = string | { message: string; args: Record<string, unknown> };

/** How a bound reads for this setting: ₹5.00 for money, else the number. */
export function formatBound(valueType: Setting['valueType'], bound: number): string {
  return valueType === 'MONEY' ? formatMoney(bound) : String(bound);
}

/**
 * Checks a value (already in the stored unit: paise, hours, percent, count) against the bounds
 * the API reports for the setting, so the form says what is wrong before saving.
 */
export function checkSettingBounds(
  value: unknown,
  { valueType, min, max }: Pick<Setting, 'valueType' | 'min' | 'max'>,
): ValidationMessage | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return undefined;
  const hasMin = typeof min === 'number';
  // Money's ceiling is the API's sanity limit (₹10^13), not a business rule: not worth saying.
  const hasMax = typeof max === 'number' && !(valueType === 'MONEY' && max >= MONEY_SANITY_LIMIT);
  if ((hasMin && value < min) || (hasMax && value > max)) {
    const args = {
      min: hasMin ? formatBound(valueType, min) : '',
      max: hasMax ? formatBound(valueType, max) : '',
    };
    const message = hasMin && hasMax ? 'app.settings.between' : hasMin ? 'app.settings.at_least' : 'app.settings.at_most';
    return { message, args };
  }
  return undefined;
}

/** The form's value for a money setting: paise when the text reads as rupees, else the text. */
export function rupeesToFormValue(text: string): number | string {
  return parseRupees(text) ?? text;
}

/** Refuses text that is not an amount in rupees (parse left it a string). */
export function checkRupees(value: unknown): ValidationMessage | undefined {
  return typeof value === 'string' && value.trim() !== '' ? 'app.settings.not_rupees' : undefined;
}
