// The reporting types of CONTRACT.md ("Reporting"), generated from backend/schema.gql
// (`npm run codegen -w admin`).
import type { MonitoredOrderFieldsFragment, PaymentMonitoringPageQuery } from '../graphql/generated';

export type {
  DashboardStats,
  Kpis,
  Liabilities,
  PaymentMonitoring,
  PeriodStats,
  ReportInterval,
} from '../graphql/schema-types';

/** An order as the payment monitoring lists show it. */
export type MonitoredOrder = MonitoredOrderFieldsFragment;

export type PaymentMonitoringData = PaymentMonitoringPageQuery;

/** A time span [from, to) as the API takes it, ISO instants (the panel's own, not the schema's). */
export interface TimeRange {
  from: string;
  to: string;
}
