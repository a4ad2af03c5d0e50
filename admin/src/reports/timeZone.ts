import type { ReportInterval, TimeRange } from './types';

/** The backend's default REPORTING_TIME_ZONE, until the API has said which one it uses. */
export const DEFAULT_REPORTING_TIME_ZONE = 'Asia/Kolkata';

let reportingTimeZone = DEFAULT_REPORTING_TIME_ZONE;

/**
 * Days, weeks and months on the reports are the API's buckets, so the panel cuts ranges and
 * names buckets in the API's zone (see useReportingTimeZone), whatever the browser's.
 */
export function currentReportingTimeZone(): string {
  return reportingTimeZone;
}

export function setReportingTimeZone(timeZone: string): void {
  reportingTimeZone = timeZone;
}

const DAY_MS = 86_400_000;

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: Date, timeZone: string) {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    asUtc: Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second),
  };
}

/** The calendar day ("2026-12-01") an instant falls on in the time zone. */
export function zonedDay(instant: Date, timeZone = currentReportingTimeZone()): string {
  return wallClock(instant, timeZone).day;
}

/** The instant a day ("2026-12-01") starts in the time zone. */
export function zonedMidnight(day: string, timeZone = currentReportingTimeZone()): Date {
  const wanted = Date.parse(`${day}T00:00:00Z`);
  let guess = wanted;
  // Two corrections settle it, also across a daylight-saving change.
  for (let step = 0; step < 2; step += 1) {
    const offset = wallClock(new Date(guess), timeZone).asUtc - guess;
    guess = wanted - offset;
  }
  return new Date(guess);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days, today included (up to now). */
export function lastDays(days: number, now: Date, timeZone = currentReportingTimeZone()): TimeRange {
  const today = zonedDay(now, timeZone);
  return { from: zonedMidnight(addDays(today, 1 - days), timeZone).toISOString(), to: now.toISOString() };
}

/** Whole days `fromDay` to `toDay`, both included; a range reaching today stops at now. */
export function dayRange(fromDay: string, toDay: string, now: Date, timeZone = currentReportingTimeZone()): TimeRange {
  const from = zonedMidnight(fromDay, timeZone);
  const end = zonedMidnight(addDays(toDay, 1), timeZone);
  return { from: from.toISOString(), to: new Date(Math.min(end.getTime(), now.getTime())).toISOString() };
}

const labelFormats: Record<ReportInterval, Intl.DateTimeFormatOptions> = {
  HOUR: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  DAY: { day: 'numeric', month: 'short', year: 'numeric' },
  WEEK: { day: 'numeric', month: 'short', year: 'numeric' },
  MONTH: { month: 'short', year: 'numeric' },
};

/** A bucket's name, from its start: "1 Dec 2026, 14:00", "1 Dec 2026", "Dec 2026". */
export function bucketLabel(from: string, interval: ReportInterval, timeZone = currentReportingTimeZone()): string {
  return new Intl.DateTimeFormat('en-IN', { ...labelFormats[interval], timeZone }).format(new Date(from));
}

/** A shorter name for chart axes: "1 Dec", "14:00", "Dec 26". */
export function axisLabel(from: string, interval: ReportInterval, timeZone = currentReportingTimeZone()): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'HOUR'
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : interval === 'MONTH'
        ? { month: 'short', year: '2-digit' }
        : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat('en-IN', { ...options, timeZone }).format(new Date(from));
}
