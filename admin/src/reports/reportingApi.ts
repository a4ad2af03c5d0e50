import { graphqlRequest } from '../graphql/request';
import { PAYMENT_MONITORING_PAGE, REPORT_SERIES } from './reportingOperations';
import type { PaymentMonitoringData, PeriodStats, ReportInterval, TimeRange } from './types';

/** How many stale or failed orders the payment monitoring page lists. */
export const MONITORED_ORDERS_LISTED = 50;
/** The contract's default: a pending order is stale after 30 minutes. */
export const STALE_AFTER_MINUTES = 30;

export interface ReportingDataProvider {
  reportSeries(range: TimeRange, interval: ReportInterval): Promise<{ data: PeriodStats[] }>;
  paymentMonitoring(
    range: TimeRange,
    options?: { staleAfterMinutes?: number; now?: Date },
  ): Promise<{ data: PaymentMonitoringData }>;
}

export const reportingDataProvider: ReportingDataProvider = {
  async reportSeries(range, interval) {
    const { reportSeries } = await graphqlRequest<{ reportSeries: PeriodStats[] }>(REPORT_SERIES, {
      ...range,
      interval,
    });
    return { data: reportSeries };
  },
  async paymentMonitoring(range, { staleAfterMinutes = STALE_AFTER_MINUTES, now = new Date() } = {}) {
    // Stale: still pending and created more than staleAfterMinutes ago (and inside the range).
    const staleBefore = Math.min(Date.parse(range.to), now.getTime() - staleAfterMinutes * 60_000);
    const data = await graphqlRequest<PaymentMonitoringData>(PAYMENT_MONITORING_PAGE, {
      ...range,
      staleAfterMinutes,
      staleBefore: new Date(staleBefore).toISOString(),
      listed: MONITORED_ORDERS_LISTED,
    });
    return { data };
  },
};
