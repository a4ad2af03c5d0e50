import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import CodeIcon from '@mui/icons-material/Code';
import FlagIcon from '@mui/icons-material/Flag';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import PaidIcon from '@mui/icons-material/Paid';
import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import { Alert, Box, Button as MuiButton, Card, CardContent, Stack, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, useGetIdentity, useStore, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { formatMoney } from '../money';
import { REPORTING_PAGE_SX } from '../reports/pageLayout';
import { choiceKey, rangeOf, type RangeChoice } from '../reports/rangeChoice';
import { useReportingTimeZone } from '../reports/useReportingTimeZone';
import type { DashboardData } from '../types';
import { LedgerCheckCard } from '../wallet-transactions/LedgerCheckCard';
import { DEFAULT_CHART_DAYS, intervalFor } from './dashboardRanges';
import { filteredListPath, summarizePendingWithdrawals } from './dashboardSummary';
import { LatestPaidOrders } from './LatestPaidOrders';
import { ChartCard, KpiCard, LiabilitiesCard, OverallCard, PaymentsCard, TodayCards } from './ReportingWidgets';
import { StatCard } from './StatCard';
import { UpdatedAgo } from './UpdatedAgo';

/** The figures refresh on their own this often. */
export const DASHBOARD_REFRESH_MS = 30_000;

/**
 * The business at a glance and what needs an admin now, from one request (refreshed every
 * 30 s; changing the chart's range asks again); the ledger check runs on demand.
 */
export const Dashboard = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const [chartRange, setChartRange] = useStore<RangeChoice>('dashboard.chartRange', { days: DEFAULT_CHART_DAYS });
  const timeZone = useReportingTimeZone();
  const { data, error, dataUpdatedAt, isFetching, refetch } = useQuery({
    queryKey: ['dashboard', timeZone, choiceKey(chartRange)],
    enabled: timeZone !== undefined,
    queryFn: () => {
      const now = new Date();
      const range = rangeOf(chartRange, now);
      return dataProvider.dashboard(now, { range, interval: intervalFor(range) }).then(({ data }) => data);
    },
    refetchInterval: DASHBOARD_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  return (
    <Stack spacing={2} sx={REPORTING_PAGE_SX}>
      <Title title="app.dashboard.title" />
      <Welcome>
        <UpdatedAgo
          updatedAt={dataUpdatedAt}
          asOf={data?.stats.asOf}
          fetching={isFetching}
          onRefresh={() => void refetch()}
        />
      </Welcome>
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {data && (
        <Widgets
          data={data}
          chartRange={chartRange}
          chartInterval={intervalFor(rangeOf(chartRange, new Date(dataUpdatedAt || Date.now())))}
          onChartRangeChange={setChartRange}
        />
      )}
      <LedgerCheckCard />
    </Stack>
  );
};

const Widgets = ({
  data,
  chartRange,
  chartInterval,
  onChartRangeChange,
}: {
  data: DashboardData;
  chartRange: RangeChoice;
  chartInterval: ReturnType<typeof intervalFor>;
  onChartRangeChange: (range: RangeChoice) => void;
}) => (
  <>
    <TodayCards stats={data.stats} />
    <ActionQueues data={data} />
    <ChartCard data={data} interval={chartInterval} range={chartRange} onRangeChange={onChartRangeChange} />
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', alignItems: 'start' }}>
      <PaymentsCard payments={data.payments} failedToday={data.stats.today.failedPayments} />
      <KpiCard kpis={data.kpis} />
      <Stack spacing={2}>
        <LiabilitiesCard liabilities={data.stats.liabilities} />
        <OverallCard overall={data.stats.overall} />
      </Stack>
    </Box>
    <Box sx={{ display: 'flex' }}>
      <LatestPaidOrders orders={data.latestPaidOrders} />
    </Box>
  </>
);

/** The queues waiting for an admin, each opening its list. */
const ActionQueues = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const pending = summarizePendingWithdrawals(data);
  const amount = `${pending.partial ? '≥ ' : ''}${formatMoney(pending.amount)}`;
  return (
    <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
      <StatCard
        icon={<AccountBalanceWalletIcon />}
        title={translate('app.dashboard.pending_withdrawals')}
        value={pending.count}
        detail={
          // the count and the rows are two reads: a withdrawal handled between them can leave a
          // count with no row to name (oldestAt null)
          pending.oldestAt
            ? translate('app.dashboard.pending_withdrawals_detail', {
                amount,
                since: new Date(pending.oldestAt).toLocaleString(),
              })
            : pending.count
              ? undefined
              : translate('app.dashboard.queue_empty')
        }
        to={filteredListPath('Withdrawal', { status: 'PENDING' })}
        highlight={pending.count > 0}
      />
      <StatCard
        icon={<PaidIcon />}
        title={translate('app.dashboard.approved_withdrawals')}
        value={data.approvedWithdrawals.count}
        detail={translate('app.dashboard.approved_withdrawals_detail')}
        to={filteredListPath('Withdrawal', { status: 'APPROVED' })}
        highlight={data.approvedWithdrawals.count > 0}
      />
      {(data.failedWithdrawals?.count ?? 0) > 0 && (
        <StatCard
          icon={<PaidIcon />}
          title={translate('app.dashboard.failed_withdrawals')}
          value={data.failedWithdrawals!.count}
          detail={translate('app.dashboard.failed_withdrawals_detail')}
          to={filteredListPath('Withdrawal', { status: 'FAILED' })}
          highlight
        />
      )}
      <StatCard
        icon={<ShoppingCartIcon />}
        title={translate('app.dashboard.paid_orders_today')}
        // Orders whose payment landed today (refunded since or not), from the reporting figures.
        value={data.stats.today.paidOrders}
        detail={translate('app.dashboard.paid_orders_today_detail', { amount: formatMoney(data.stats.today.revenue) })}
        to={`${filteredListPath('Order', { status: 'PAID' })}&sort=paidAt&order=DESC`}
      />
      <StatCard
        icon={<FlagIcon />}
        title={translate('app.dashboard.open_fraud_flags')}
        value={data.openFraudFlags.count}
        detail={translate('app.dashboard.open_fraud_flags_detail', {
          high: data.highSeverityOpenFraudFlags.count,
        })}
        to={filteredListPath('FraudFlag', { status: 'OPEN' })}
        highlight={data.openFraudFlags.count > 0}
      />
      <StatCard
        icon={<HourglassTopIcon />}
        title={translate('app.dashboard.pending_commissions')}
        value={data.pendingCommissions.count}
        detail={translate('app.dashboard.pending_commissions_detail')}
        to={filteredListPath('Commission', { status: 'PENDING' })}
      />
    </Stack>
  );
};

const Welcome = ({ children }: { children: React.ReactNode }) => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  return (
    <Card>
      <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="h6" component="h2">
            {translate('app.dashboard.signed_in_as', { name: identity.fullName })}
          </Typography>
          <Typography color="text.secondary">
            {translate('app.dashboard.telegram_id', { telegramId: identity.telegramId })}
            {' · '}
            {translate(`app.roles.${identity.role}`)}
          </Typography>
        </Box>
        {children}
        {/* Not a panel route: the backend serves the playground at /graphql. */}
        <MuiButton href="/graphql" target="_blank" variant="outlined" startIcon={<CodeIcon />}>
          {translate('app.dashboard.playground')}
        </MuiButton>
      </CardContent>
    </Card>
  );
};
