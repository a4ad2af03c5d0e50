import { Box, Typography, useTheme } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslate } from 'react-admin';
import { formatMoney } from '../money';
import { chartColors } from './chartColors';
import { axisCount, axisMoney, netAfterCommissions } from './reportMath';
import { axisLabel, bucketLabel } from './timeZone';
import type { PeriodStats, ReportInterval } from './types';

export interface ReportChartProps {
  series: PeriodStats[];
  interval: ReportInterval;
  /** Adds "net after commissions" to the money chart. */
  showNet?: boolean;
  height?: number;
}

const tooltipMoney = (paise: number | null) => (paise == null ? '—' : formatMoney(paise));

/**
 * Money (revenue, profit, commissions) as lines and counts (new users, paid orders) as bars,
 * one point per bucket. MUI X Charts takes its fonts and axes from the MUI theme, the series
 * their colours from chartColors (the theme's where they differ enough). Loaded lazily: this
 * module is its own chunk.
 */
const ReportChart = ({ series, interval, showNet = false, height = 260 }: ReportChartProps) => {
  const translate = useTranslate();
  const colors = chartColors(useTheme().palette);
  const labels = series.map(({ from }) => axisLabel(from, interval));
  const fullLabels = series.map(({ from }) => bucketLabel(from, interval));
  // One tick mark per bucket drew 365 marks into a solid bar under a year of days: at most ~40.
  const tickStep = Math.max(1, Math.ceil(series.length / 40));
  const xAxis = [
    {
      scaleType: 'band' as const,
      data: labels.map((_, index) => index),
      tickInterval: (_value: number, index: number) => index % tickStep === 0,
      valueFormatter: (index: number, context: { location: string }) =>
        context.location === 'tooltip' ? fullLabels[index] : labels[index],
    },
  ];
  const moneySeries = [
    { key: 'revenue', color: colors.money.revenue, data: series.map(({ revenue }) => revenue) },
    { key: 'profit', color: colors.money.profit, data: series.map(({ profit }) => profit) },
    { key: 'commissions', color: colors.money.commissions, data: series.map(({ commissions }) => commissions) },
    ...(showNet ? [{ key: 'net', color: colors.money.net, data: series.map(netAfterCommissions) }] : []),
  ];

  // The last bucket's label is centred on the chart's right edge: half of "30 Nov" (~18 px) must
  // fit beside it, or MUI X Charts cuts it to "3…".
  const shared = { height, skipAnimation: true, xAxis, grid: { horizontal: true }, margin: { left: 4, right: 24 } };

  if (series.length === 0) {
    return <Typography color="text.secondary">{translate('app.reporting.no_data')}</Typography>;
  }
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' } }}>
      <Box role="figure" aria-label={translate('app.reporting.chart.money')}>
        <Typography variant="subtitle2" color="text.secondary">
          {translate('app.reporting.chart.money')}
        </Typography>
        <LineChart
          {...shared}
          yAxis={[{ valueFormatter: axisMoney, width: 64 }]}
          series={moneySeries.map(({ key, color, data }) => ({
            id: key,
            label: translate(`app.reporting.columns.${key}`),
            color,
            data,
            showMark: series.length <= 31,
            valueFormatter: tooltipMoney,
          }))}
        />
      </Box>
      <Box role="figure" aria-label={translate('app.reporting.chart.counts')}>
        <Typography variant="subtitle2" color="text.secondary">
          {translate('app.reporting.chart.counts')}
        </Typography>
        <BarChart
          {...shared}
          yAxis={[{ tickMinStep: 1, width: 44, valueFormatter: axisCount }]}
          series={[
            {
              id: 'newUsers',
              label: translate('app.reporting.columns.newUsers'),
              color: colors.counts.newUsers,
              data: series.map(({ newUsers }) => newUsers),
            },
            {
              id: 'paidOrders',
              label: translate('app.reporting.columns.paidOrders'),
              color: colors.counts.paidOrders,
              data: series.map(({ paidOrders }) => paidOrders),
            },
          ]}
        />
      </Box>
    </Box>
  );
};

export default ReportChart;
