import { addDays, lastDays, currentReportingTimeZone, zonedDay, zonedMidnight } from '../reports/timeZone';
import type { ReportInterval, TimeRange } from '../reports/types';

export interface ChartSeries {
  range: TimeRange;
  interval: ReportInterval;
}

/** The KPIs on the dashboard cover the last 30 days. */
export const KPI_DAYS = 30;
export const CHART_PRESET_DAYS = [7, 30, 90] as const;
export const DEFAULT_CHART_DAYS = 30;

export function defaultChartSeries(now: Date): ChartSeries {
  return { range: lastDays(DEFAULT_CHART_DAYS, now), interval: 'DAY' };
}

/** The finest interval that keeps a range readable (and under the API's 1,000 buckets). */
export function intervalFor({ from, to }: TimeRange): ReportInterval {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days <= 3) return 'HOUR';
  if (days <= 120) return 'DAY';
  if (days <= 730) return 'WEEK';
  return 'MONTH';
}

/** The dashboard query's variables: "today" starts at midnight in the reporting time zone. */
export function dashboardVariables(now: Date, series: ChartSeries, timeZone = currentReportingTimeZone()) {
  const today = zonedDay(now, timeZone);
  return {
    seriesFrom: series.range.from,
    seriesTo: series.range.to,
    seriesInterval: series.interval,
    kpisFrom: zonedMidnight(addDays(today, 1 - KPI_DAYS), timeZone).toISOString(),
    todayFrom: zonedMidnight(today, timeZone).toISOString(),
    now: now.toISOString(),
  };
}
