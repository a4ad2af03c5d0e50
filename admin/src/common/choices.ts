/** SelectInput / SelectField choices for an enum, each labelled by its words under `prefix`. */
export function wordedChoices(values: readonly string[], prefix: string) {
  return values.map((value) => ({ id: value, name: `${prefix}.${value}` }));
}

/** A value in its words under `prefix`, or the value itself when it has none (one added later). */
export function inWords(translate: (key: string, options?: Record<string, unknown>) => string, prefix: string, value: string): string {
  return translate(`${prefix}.${value}`, { _: value });
}

/** SelectInput choices for an enum, labelled by `app.status.<VALUE>` like the status chips. */
export function statusChoices(values: readonly string[]) {
  return wordedChoices(values, 'app.status');
}

/** SelectInput choices labelled by the enum value itself (gateway names and event kinds, as the providers write them). */
export function enumChoices(values: readonly string[]) {
  return values.map((value) => ({ id: value, name: value }));
}

export const ORDER_STATUSES = ['PENDING', 'PAID', 'FAILED', 'REFUNDED'] as const;
export const COMMISSION_STATUSES = ['PENDING', 'AVAILABLE', 'REVERSED'] as const;
export const WITHDRAWAL_STATUSES = [
  'PENDING',
  'APPROVED',
  'PROCESSING',
  'PAID',
  'FAILED',
  'REVERSED',
  'REJECTED',
] as const;
export const USER_STATUSES = ['ACTIVE', 'SUSPICIOUS', 'BLOCKED'] as const;
export const USER_TYPES = ['CUSTOMER', 'REFERRER', 'ADMIN'] as const;
export const BALANCE_BUCKETS = ['PENDING', 'AVAILABLE', 'LOCKED', 'WITHDRAWN'] as const;
export const WALLET_TRANSACTION_TYPES = [
  'COMMISSION_CREDIT',
  'COMMISSION_RELEASE',
  'COMMISSION_REVERSAL',
  'CLAWBACK',
  'WITHDRAWAL_LOCK',
  'WITHDRAWAL_UNLOCK',
  'WITHDRAWAL_PAYOUT',
  'WITHDRAWAL_REVERSAL',
] as const;
export const FRAUD_FLAG_STATUSES = ['OPEN', 'RESOLVED', 'DISMISSED'] as const;
export const FRAUD_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export const FRAUD_FLAG_TYPES = [
  'DUPLICATE_UPI',
  'DUPLICATE_DEVICE',
  'DUPLICATE_IP',
  'LOW_CONVERSION',
  'RAPID_SIGNUPS',
  'MANUAL',
] as const;

/** Where the words of the enums shown in words (not as status chips) live. */
export const FRAUD_FLAG_TYPE_WORDS = 'app.fraud.types';
export const LEDGER_TYPE_WORDS = 'app.ledger.types';
export const BALANCE_BUCKET_WORDS = 'app.ledger.buckets';
