import type { Money } from '../types';

// The reporting queries of CONTRACT.md ("Reporting"): names and meanings fixed there.

export type ReportInterval = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

export interface PeriodStats {
  from: string;
  to: string;
  newUsers: number;
  referredUsers: number;
  paidOrders: number;
  revenue: Money;
  profit: Money;
  commissions: Money;
  refundedOrders: number;
  refundedAmount: Money;
  failedPayments: number;
  withdrawalsPaid: Money;
}

export interface Liabilities {
  pending: Money;
  available: Money;
  locked: Money;
}

export interface DashboardStats {
  asOf: string;
  today: PeriodStats;
  yesterday: PeriodStats;
  overall: PeriodStats;
  liabilities: Liabilities;
}

export interface Kpis {
  from: string;
  to: string;
  conversionRate: number;
  referralConversionRate: number;
  averageOrderValue: Money;
  commissionToProfitRatio: number;
  activeReferrers: number;
  refundRate: number;
  withdrawalMedianHours: number | null;
  withdrawalP90Hours: number | null;
}

export interface PaymentMonitoring {
  from: string;
  to: string;
  created: number;
  paid: number;
  failed: number;
  pending: number;
  stalePending: number;
  successRate: number;
  medianSecondsToPay: number | null;
}

/** An order as the payment monitoring lists show it. */
export interface MonitoredOrder {
  id: string;
  status: string;
  amount: Money;
  createdAt: string;
  failedAt?: string | null;
  failedTransactionId?: string | null;
  user: { id: string; telegramId: string; username?: string | null; firstName?: string | null; lastName?: string | null };
}

export interface PaymentMonitoringData {
  monitoring: PaymentMonitoring;
  stalePendingOrders: MonitoredOrder[];
  failedOrders: MonitoredOrder[];
}

/** A time span [from, to) as the API takes it, ISO instants. */
export interface TimeRange {
  from: string;
  to: string;
}
