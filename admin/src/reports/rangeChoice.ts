import { addDays, dayRange, lastDays, currentReportingTimeZone, zonedDay } from './timeZone';
import type { TimeRange } from './types';

/** A preset ("the last 7 days", today included) or whole days picked by hand. */
export type RangeChoice = { days: number } | { fromDay: string; toDay: string };

export function isCustom(choice: RangeChoice): choice is { fromDay: string; toDay: string } {
  return 'fromDay' in choice;
}

/** The instants a choice covers, evaluated now (a preset moves with the clock). */
export function rangeOf(choice: RangeChoice, now: Date, timeZone = currentReportingTimeZone()): TimeRange {
  return isCustom(choice) ? dayRange(choice.fromDay, choice.toDay, now, timeZone) : lastDays(choice.days, now, timeZone);
}

/** The calendar days a choice covers, for the custom fields and file names. */
export function daysOf(choice: RangeChoice, now: Date, timeZone = currentReportingTimeZone()) {
  if (isCustom(choice)) return { fromDay: choice.fromDay, toDay: choice.toDay };
  const toDay = zonedDay(now, timeZone);
  return { fromDay: addDays(toDay, 1 - choice.days), toDay };
}

/** A stable key for caching a choice's data. */
export function choiceKey(choice: RangeChoice): string {
  return isCustom(choice) ? `${choice.fromDay}..${choice.toDay}` : `last-${choice.days}`;
}
