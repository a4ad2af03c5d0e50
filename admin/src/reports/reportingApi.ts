import type { ApolloClient } from '@apollo/client';
import { sendOperation } from '../graphql/client';
import {
  PaymentMonitoringPageDocument,
  ReportingTimeZoneDocument,
  ReportSeriesDocument,
  type PaymentMonitoringPageQuery,
  type ReportSeriesQuery,
} from '../graphql/generated';
import type { ReportInterval, TimeRange } from './types';

/** How many stale or failed orders the payment monitoring page lists. */
export const MONITORED_ORDERS_LISTED = 50;
/** The contract's default: a pending order is stale after 30 minutes. */
export const STALE_AFTER_MINUTES = 30;

export interface ReportingDataProvider {
  reportSeries(range: TimeRange, interval: ReportInterval): Promise<{ data: ReportSeriesQuery['reportSeries'] }>;
  paymentMonitoring(range: TimeRange, staleAfterMinutes?: number): Promise<{ data: PaymentMonitoringPageQuery }>;
  /** The IANA zone whose midnights bound the reports (the backend's REPORTING_TIME_ZONE). */
  reportingTimeZone(): Promise<{ data: string }>;
}

/** The reporting queries (CONTRACT.md "Reporting"), sent through the data provider's client. */
export function buildReportingDataProvider(client: ApolloClient<unknown>): ReportingDataProvider {
  return {
    async reportSeries(range, interval) {
      const { reportSeries } = await sendOperation(client, ReportSeriesDocument, { ...range, interval });
      return { data: reportSeries };
    },
    async paymentMonitoring(range, staleAfterMinutes = STALE_AFTER_MINUTES) {
      const data = await sendOperation(client, PaymentMonitoringPageDocument, {
        ...range,
        staleAfterMinutes,
        listed: MONITORED_ORDERS_LISTED,
      });
      return { data };
    },
    async reportingTimeZone() {
      const { reportingTimeZone } = await sendOperation(client, ReportingTimeZoneDocument);
      return { data: reportingTimeZone };
    },
  };
}
