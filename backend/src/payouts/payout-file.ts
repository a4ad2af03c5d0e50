import { paiseToRupees } from '../payments/rupees.js';
import { PAYOUT_NARRATION, payoutKeyOf } from './razorpayx.client.js';

/** RazorpayX's bulk UPI payout template, in its column order (INTEGRATIONS.md). */
export const PAYOUT_FILE_COLUMNS = [
  'Beneficiary Name',
  "Beneficiary's UPI ID",
  'Payout Amount (in rupees)',
  'Payout Narration',
  'Notes',
  'Phone Number',
  'Email ID',
  'Contact Reference ID',
  'Payout Reference ID',
] as const;

export interface PayoutFileRow {
  id: number;
  userId: number;
  amount: number;
  upiId: string;
  contactName: string;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. A
 * field a spreadsheet would run as a formula (= + - @ tab or CR first: a user-typed name such as
 * =HYPERLINK(…)) is prefixed with ' (CSV injection), as the panel's own exports do.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV for a bulk upload: header, then one line per withdrawal, CRLF line ends; amounts in rupees from paise exactly. */
export function payoutFileCsv(rows: PayoutFileRow[]): string {
  const lines = [PAYOUT_FILE_COLUMNS.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(
      [row.contactName, row.upiId, paiseToRupees(Number(row.amount)), PAYOUT_NARRATION, `Withdrawal ${row.id}`, '', '', `user_${row.userId}`, payoutKeyOf(row.id)]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
