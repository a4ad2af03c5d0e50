import { graphqlRequest } from '../graphql/request';
import { PAYMENT_MONITORING_PAGE, REPORT_SERIES, REPORTING_TIME_ZONE_QUERY } from './reportingOperations';
import type { PaymentMonitoringData, PeriodStats, ReportInterval, TimeRange } from './types';

/** How many stale or failed orders the payment monitoring page lists. */
export const MONITORED_ORDERS_LISTED = 50;
/** The contract's default: a pending order is stale after 30 minutes. */
export const STALE_AFTER_MINUTES = 30;

export interface ReportingDataProvider {
  reportSeries(range: TimeRange, interval: ReportInterval): Promise<{ data: PeriodStats[] }>;
  paymentMonitoring(range: TimeRange, staleAfterMinutes?: number): Promise<{ data: PaymentMonitoringData }>;
  /** The IANA zone whose midnights bound the reports (the backend's REPORTING_TIME_ZONE). */
  reportingTimeZone(): Promise<{ data: string }>;
}

export const reportingDataProvider: ReportingDataProvider = {
  async reportSeries(range, interval) {
    const { reportSeries } = await graphqlRequest<{ reportSeries: PeriodStats[] }>(REPORT_SERIES, {
      ...range,
      interval,
    });
    return { data: reportSeries };
  },
  async paymentMonitoring(range, staleAfterMinutes = STALE_AFTER_MINUTES) {
    const data = await graphqlRequest<PaymentMonitoringData>(PAYMENT_MONITORING_PAGE, {
      ...range,
      staleAfterMinutes,
      listed: MONITORED_ORDERS_LISTED,
    });
    return { data };
  },
  async reportingTimeZone() {
    const { reportingTimeZone } = await graphqlRequest<{ reportingTimeZone: string }>(REPORTING_TIME_ZONE_QUERY);
    return { data: reportingTimeZone };
  },
};
