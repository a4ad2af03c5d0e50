import { Skeleton } from '@mui/material';
import { lazy, Suspense } from 'react';
import type { ReportChartProps } from './ReportChart';

// The chart library is a separate chunk, fetched when a chart first shows.
const ReportChart = lazy(() => import('./ReportChart'));

export const LazyReportChart = (props: ReportChartProps) => (
  <Suspense fallback={<Skeleton variant="rounded" height={(props.height ?? 260) + 24} />}>
    <ReportChart {...props} />
  </Suspense>
);
