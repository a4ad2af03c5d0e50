import { formatMoney } from '../money';
import type { Setting } from '../types';

/** A setting's value as a person reads it: ₹135.00, 30%, 24 h, On. */
export function formatSettingValue({ value, valueType }: Pick<Setting, 'value' | 'valueType'>): string {
  switch (valueType) {
    case 'MONEY':
      return typeof value === 'number' && Number.isSafeInteger(value) ? formatMoney(value) : String(value);
    case 'PERCENT':
      return `${value}%`;
    case 'HOURS':
      return `${value} h`;
    case 'BOOLEAN':
      return value ? 'On' : 'Off';
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
