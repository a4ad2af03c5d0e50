import { formatRupees } from '../money';
import type { Money } from '../types';
import { bucketLabel, currentReportingTimeZone } from './timeZone';
import type { PeriodStats, ReportInterval } from './types';

export type Trend = 'up' | 'down' | 'flat' | 'new';

export interface Change {
  trend: Trend;
  /** Percent change from the earlier figure, rounded to one decimal; null when that was 0. */
  percent: number | null;
}

/** How `current` compares with `previous`: +25%, -10%, unchanged, or new (from nothing). */
export function change(current: number, previous: number): Change {
  if (current === previous) return { trend: 'flat', percent: 0 };
  // From nothing there is no percentage: "new", or down without a figure (a loss from zero).
  if (previous === 0) return { trend: current > 0 ? 'new' : 'down', percent: null };
  const percent = Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
  return { trend: current > previous ? 'up' : 'down', percent };
}

/** What the business keeps of a period's sales after paying the referrers. */
export function netAfterCommissions(stats: Pick<PeriodStats, 'profit' | 'commissions'>): Money {
  return stats.profit - stats.commissions;
}

/** The figures the today-vs-yesterday cards compare, in the order they show. */
export const COMPARED_FIGURES = [
  { key: 'newUsers', money: false },
  { key: 'paidOrders', money: false },
  { key: 'revenue', money: true },
  { key: 'profit', money: true },
  { key: 'commissions', money: true },
  { key: 'net', money: true },
] as const;

export type ComparedFigure = (typeof COMPARED_FIGURES)[number]['key'];

export function figure(stats: PeriodStats, key: ComparedFigure): number {
  return key === 'net' ? netAfterCommissions(stats) : stats[key];
}

/** The report's columns, in table and file order; money columns are in paise in the API. */
export const REPORT_COLUMNS = [
  { key: 'newUsers', money: false },
  { key: 'referredUsers', money: false },
  { key: 'paidOrders', money: false },
  { key: 'revenue', money: true },
  { key: 'profit', money: true },
  { key: 'commissions', money: true },
  { key: 'net', money: true },
  { key: 'refundedOrders', money: false },
  { key: 'refundedAmount', money: true },
  { key: 'failedPayments', money: false },
  { key: 'withdrawalsPaid', money: true },
] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number]['key'];

export function columnValue(stats: PeriodStats, key: ReportColumn): number {
  return key === 'net' ? netAfterCommissions(stats) : stats[key];
}

/** Sums a series into one row spanning it (the table's total line). */
export function totalOf(series: PeriodStats[]): PeriodStats | null {
  if (series.length === 0) return null;
  const total = { ...series[0], to: series[series.length - 1].to };
  for (const row of series.slice(1)) {
    for (const { key } of REPORT_COLUMNS) {
      if (key !== 'net') total[key] += row[key];
    }
  }
  return total;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: (string | number)[]): string {
  return fields.map(csvField).join(',');
}

/**
 * The report as a CSV file: one row per bucket with its start, end and label in the reporting
 * time zone, counts as integers and money in rupees with two decimals (13500 paise → 135.00).
 * `headers` names the columns (translated), in REPORT_COLUMNS order.
 */
export function reportCsv(
  series: PeriodStats[],
  interval: ReportInterval,
  headers: { period: string; from: string; to: string; columns: Record<ReportColumn, string> },
  timeZone = currentReportingTimeZone(),
): string {
  const lines = [
    csvLine([headers.period, headers.from, headers.to, ...REPORT_COLUMNS.map(({ key }) => headers.columns[key])]),
    ...series.map((row) =>
      csvLine([
        bucketLabel(row.from, interval, timeZone),
        row.from,
        row.to,
        ...REPORT_COLUMNS.map(({ key, money }) => {
          const value = columnValue(row, key);
          return money ? formatRupees(value) : value;
        }),
      ]),
    ),
  ];
  // CRLF as RFC 4180 says; spreadsheets read either.
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name (react-admin's downloadCSV adds ".csv"): report-day-2026-11-01-to-2026-11-30. */
export function reportFileName(interval: ReportInterval, fromDay: string, toDay: string): string {
  return `report-${interval.toLowerCase()}-${fromDay}-to-${toDay}`;
}

/** The API answers at most this many buckets (CONTRACT.md). */
export const MAX_BUCKETS = 1000;

const BUCKET_HOURS: Record<ReportInterval, number> = { HOUR: 1, DAY: 24, WEEK: 24 * 7, MONTH: 24 * 28 };

/** At most how many buckets a range cut by an interval makes (partial ones at both ends count). */
export function maxBuckets({ from, to }: { from: string; to: string }, interval: ReportInterval): number {
  const hours = (Date.parse(to) - Date.parse(from)) / 3_600_000;
  return Math.ceil(hours / BUCKET_HOURS[interval]) + 1;
}

/** "4 min 5 s", "2 h 3 min", "45 s" from seconds; null shows as a dash. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return total % 60 ? `${minutes} min ${total % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** A ratio (0.256) as a percentage with at most one decimal ("25.6%"). */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return '—';
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** "12 s ago", "3 min ago", "just now" — how old the figures on screen are. */
export function ageInWords(updatedAt: number, now: number): { key: string; count: number } {
  const seconds = Math.max(0, Math.floor((now - updatedAt) / 1000));
  if (seconds < 5) return { key: 'just_now', count: 0 };
  if (seconds < 60) return { key: 'seconds_ago', count: seconds };
  return { key: 'minutes_ago', count: Math.floor(seconds / 60) };
}

const compact = (style: 'decimal' | 'currency') =>
  new Intl.NumberFormat('en-IN', { style, currency: 'INR', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
const compactCount = compact('decimal');
const compactRupees = compact('currency');

/**
 * A chart axis tick, in Indian units (K, L for lakh, Cr for crore): full figures such as
 * 11,71,062 did not fit the axis and were cut to "1,1…". Exact figures show in the tooltip and
 * the table.
 */
export function axisCount(value: number | null): string {
  return value == null ? '' : compactCount.format(value);
}

/** axisCount for money in paise: ₹20Cr. */
export function axisMoney(paise: number | null): string {
  return paise == null ? '' : compactRupees.format(paise / 100);
}
