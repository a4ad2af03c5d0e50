// The reporting queries (CONTRACT.md "Reporting"), written by hand like graphql/operations.ts;
// test/schemaContract.test.ts validates the requests built from them against the schema.

export const PERIOD_STATS_FIELDS =
  'from to newUsers referredUsers paidOrders revenue profit commissions refundedOrders refundedAmount failedPayments withdrawalsPaid';

export const KPI_FIELDS =
  'from to conversionRate referralConversionRate averageOrderValue commissionToProfitRatio activeReferrers refundRate withdrawalMedianHours withdrawalP90Hours';

export const PAYMENT_MONITORING_FIELDS =
  'from to created paid failed pending stalePending successRate medianSecondsToPay';

const MONITORED_ORDER_FIELDS =
  'id status amount createdAt failedAt failedTransactionId user { id telegramId username firstName lastName }';

export const REPORT_SERIES = `
  query ReportSeries($from: DateTime!, $to: DateTime!, $interval: ReportInterval) {
    reportSeries(from: $from, to: $to, interval: $interval) { ${PERIOD_STATS_FIELDS} }
  }
`;

/**
 * The payment monitoring page: the contract's figures for the range, every order still waiting
 * for a payment past the stale limit (oldest first), and the payments that failed in the range
 * (latest first, with the gateway's failed transaction id).
 */
export const PAYMENT_MONITORING_PAGE = `
  query PaymentMonitoringPage($from: DateTime!, $to: DateTime!, $staleAfterMinutes: Int!, $listed: Int!) {
    monitoring: paymentMonitoring(from: $from, to: $to, staleAfterMinutes: $staleAfterMinutes) {
      ${PAYMENT_MONITORING_FIELDS}
    }
    stalePendingOrders(staleAfterMinutes: $staleAfterMinutes, limit: $listed) { ${MONITORED_ORDER_FIELDS} }
    failedOrders: recentFailedPayments(from: $from, to: $to, limit: $listed) { ${MONITORED_ORDER_FIELDS} }
  }
`;

export const REPORTING_TIME_ZONE_QUERY = `
  query ReportingTimeZone {
    reportingTimeZone
  }
`;
