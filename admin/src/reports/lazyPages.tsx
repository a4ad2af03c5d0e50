import { lazy, Suspense } from 'react';
import { Loading } from 'react-admin';

// The reporting pages load when first opened, each its own chunk (the chart one is shared).
const LazyReports = lazy(() => import('./ReportsPage').then(({ ReportsPage }) => ({ default: ReportsPage })));
const LazyPaymentMonitoring = lazy(() =>
  import('../payment-monitoring/PaymentMonitoringPage').then(({ PaymentMonitoringPage }) => ({
    default: PaymentMonitoringPage,
  })),
);

export const ReportsPage = () => (
  <Suspense fallback={<Loading />}>
    <LazyReports />
  </Suspense>
);

export const PaymentMonitoringPage = () => (
  <Suspense fallback={<Loading />}>
    <LazyPaymentMonitoring />
  </Suspense>
);
