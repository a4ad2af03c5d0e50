import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import CodeIcon from '@mui/icons-material/Code';
import FlagIcon from '@mui/icons-material/Flag';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import PaidIcon from '@mui/icons-material/Paid';
import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import { Alert, Box, Button as MuiButton, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, useGetIdentity, useTranslate } from 'react-admin';
import { todayStart } from '../common/dateRange';
import type { AppDataProvider } from '../dataProvider';
import { formatMoney } from '../money';
import type { DashboardData } from '../types';
import { LedgerCheckCard } from '../wallet-transactions/LedgerCheckCard';
import { filteredListPath, summarizePendingWithdrawals } from './dashboardSummary';
import { LatestPaidOrders } from './LatestPaidOrders';
import { StatCard } from './StatCard';

/** What needs an admin now, from one request; the ledger check runs on demand. */
export const Dashboard = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const { data, error } = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => dataProvider.dashboard().then(({ data }) => data),
  });

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="app.dashboard.title" />
      <Welcome />
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {data && <Widgets data={data} />}
      <LedgerCheckCard />
    </Stack>
  );
};

const Widgets = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const pending = summarizePendingWithdrawals(data);
  const amount = `${pending.partial ? '≥ ' : ''}${formatMoney(pending.amount)}`;
  return (
    <>
      <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
        <StatCard
          icon={<AccountBalanceWalletIcon />}
          title={translate('app.dashboard.pending_withdrawals')}
          value={pending.count}
          detail={
            pending.count
              ? translate('app.dashboard.pending_withdrawals_detail', {
                  amount,
                  since: new Date(pending.oldestAt!).toLocaleString(),
                })
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
        <StatCard
          icon={<ShoppingCartIcon />}
          title={translate('app.dashboard.paid_orders_today')}
          value={data.paidOrdersToday.count}
          to={filteredListPath('Order', { status: 'PAID', createdAtGte: todayStart(new Date()) })}
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
      <Box sx={{ display: 'flex' }}>
        <LatestPaidOrders orders={data.latestPaidOrders} />
      </Box>
    </>
  );
};

const Welcome = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  return (
    <Card>
      <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h6" component="h2">
            {translate('app.dashboard.signed_in_as', { name: identity.fullName })}
          </Typography>
          <Typography color="text.secondary">
            {translate('app.dashboard.telegram_id', { telegramId: identity.telegramId })}
            {' · '}
            {translate(`app.roles.${identity.role}`)}
          </Typography>
        </Box>
        {/* Not a panel route: the backend serves the playground at /graphql. */}
        <MuiButton href="/graphql" target="_blank" variant="outlined" startIcon={<CodeIcon />}>
          {translate('app.dashboard.playground')}
        </MuiButton>
      </CardContent>
    </Card>
  );
};
