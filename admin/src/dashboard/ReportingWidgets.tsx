import { Box, Button, Card, CardContent, CardHeader, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { formatMoney } from '../money';
import { paymentFigures } from '../payment-monitoring/paymentFigures';
import { kpiFigures } from '../reports/kpiFigures';
import { LazyReportChart } from '../reports/LazyReportChart';
import { RangePicker } from '../reports/RangePicker';
import type { RangeChoice } from '../reports/rangeChoice';
import { COMPARED_FIGURES, figure, netAfterCommissions } from '../reports/reportMath';
import type { ReportInterval } from '../reports/types';
import type { DashboardData } from '../types';
import { ComparisonCard } from './ComparisonCard';
import { CHART_PRESET_DAYS, KPI_DAYS } from './dashboardRanges';
import { FigureList } from './FigureList';

const count = (value: number) => value.toLocaleString('en-IN');

/** Today against yesterday: six cards, as many per row as fit. */
export const TodayCards = ({ stats }: { stats: DashboardData['stats'] }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))' }}>
      {COMPARED_FIGURES.map(({ key, money }) => (
        <ComparisonCard
          key={key}
          name={key}
          title={translate(`app.reporting.today_figures.${key}`)}
          today={figure(stats.today, key)}
          yesterday={figure(stats.yesterday, key)}
          money={money}
        />
      ))}
    </Box>
  );
};

export const ChartCard = ({
  data,
  interval,
  range,
  onRangeChange,
}: {
  data: DashboardData;
  interval: ReportInterval;
  range: RangeChoice;
  onRangeChange: (range: RangeChoice) => void;
}) => {
  const translate = useTranslate();
  return (
    <Card>
      <CardHeader
        title={translate('app.reporting.chart.title')}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={
          <Button component={Link} to="/reports" size="small">
            {translate('app.reporting.open_reports')}
          </Button>
        }
      />
      <CardContent>
        <Stack spacing={2}>
          <RangePicker value={range} onChange={onRangeChange} presets={CHART_PRESET_DAYS} />
          <LazyReportChart series={data.series} interval={interval} />
        </Stack>
      </CardContent>
    </Card>
  );
};

export const PaymentsCard = ({ payments, failedToday }: { payments: DashboardData['payments']; failedToday: number }) => {
  const translate = useTranslate();
  const figures = paymentFigures(payments, translate, 'payments').filter(({ name }) =>
    ['payments.successRate', 'payments.stalePending', 'payments.medianSecondsToPay', 'payments.created'].includes(name),
  );
  figures.splice(1, 0, {
    name: 'today.failedPayments',
    label: translate('app.reporting.payments.failed_today'),
    hint: translate('app.reporting.payments.failed_today_hint'),
    value: count(failedToday),
  });
  return (
    <FigureList
      title={translate('app.reporting.payments.title')}
      subheader={translate('app.reporting.payments.today_subheader')}
      figures={figures}
      actions={
        <Button component={Link} to="/payment-monitoring" size="small">
          {translate('app.reporting.payments.open')}
        </Button>
      }
    />
  );
};

export const KpiCard = ({ kpis }: { kpis: DashboardData['kpis'] }) => {
  const translate = useTranslate();
  return (
    <FigureList
      title={translate('app.reporting.kpis.title')}
      subheader={translate('app.reporting.last_days', { smart_count: KPI_DAYS })}
      figures={kpiFigures(kpis, translate)}
    />
  );
};

export const LiabilitiesCard = ({ liabilities }: { liabilities: DashboardData['stats']['liabilities'] }) => {
  const translate = useTranslate();
  const label = (key: string) => translate(`app.reporting.liabilities.${key}`);
  return (
    <FigureList
      title={label('title')}
      subheader={label('subheader')}
      figures={[
        { name: 'liabilities.pending', label: label('pending'), hint: label('pending_hint'), value: formatMoney(liabilities.pending) },
        { name: 'liabilities.available', label: label('available'), hint: label('available_hint'), value: formatMoney(liabilities.available) },
        { name: 'liabilities.locked', label: label('locked'), hint: label('locked_hint'), value: formatMoney(liabilities.locked) },
        {
          name: 'liabilities.total',
          label: label('total'),
          value: formatMoney(liabilities.pending + liabilities.available + liabilities.locked),
        },
      ]}
    />
  );
};

export const OverallCard = ({ overall }: { overall: DashboardData['stats']['overall'] }) => {
  const translate = useTranslate();
  const label = (key: string) => translate(`app.reporting.columns.${key}`);
  return (
    <FigureList
      title={translate('app.reporting.overall')}
      subheader={translate('app.reporting.overall_subheader')}
      figures={[
        { name: 'overall.newUsers', label: translate('app.reporting.users'), value: count(overall.newUsers) },
        { name: 'overall.referredUsers', label: label('referredUsers'), value: count(overall.referredUsers) },
        { name: 'overall.paidOrders', label: label('paidOrders'), value: count(overall.paidOrders) },
        { name: 'overall.revenue', label: label('revenue'), value: formatMoney(overall.revenue) },
        { name: 'overall.profit', label: label('profit'), value: formatMoney(overall.profit) },
        { name: 'overall.commissions', label: label('commissions'), value: formatMoney(overall.commissions) },
        { name: 'overall.net', label: label('net'), value: formatMoney(netAfterCommissions(overall)) },
        { name: 'overall.refundedAmount', label: label('refundedAmount'), value: formatMoney(overall.refundedAmount) },
        { name: 'overall.withdrawalsPaid', label: label('withdrawalsPaid'), value: formatMoney(overall.withdrawalsPaid) },
      ]}
    />
  );
};
