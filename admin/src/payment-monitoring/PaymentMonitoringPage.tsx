import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  InputAdornment,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useCreatePath, useDataProvider, useStore, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { personName } from '../common/format';
import { FigureList } from '../dashboard/FigureList';
import type { AppDataProvider } from '../dataProvider';
import { formatMoney } from '../money';
import { REPORTING_PAGE_SX } from '../reports/pageLayout';
import { RangePicker } from '../reports/RangePicker';
import { choiceKey, rangeOf, type RangeChoice } from '../reports/rangeChoice';
import { MONITORED_ORDERS_LISTED, STALE_AFTER_MINUTES } from '../reports/reportingApi';
import type { MonitoredOrder } from '../reports/types';
import { useReportingTimeZone } from '../reports/useReportingTimeZone';
import { paymentFigures } from './paymentFigures';

const PRESETS = [1, 7, 30, 90] as const;
const REFRESH_MS = 30_000;
/** The API's limit on staleAfterMinutes (a year). */
const MAX_STALE_MINUTES = 525_600;

/**
 * How payments go over a range: the contract's figures, the orders still waiting for a
 * payment past the stale limit, and the latest failed ones with the gateway's transaction id.
 */
export const PaymentMonitoringPage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [choice, setChoice] = useStore<RangeChoice>('paymentMonitoring.range', { days: 1 });
  const [staleAfterMinutes, setStaleAfterMinutes] = useState(STALE_AFTER_MINUTES);
  const timeZone = useReportingTimeZone();
  const { data, error, isPending } = useQuery({
    queryKey: ['paymentMonitoring', timeZone, choiceKey(choice), staleAfterMinutes],
    enabled: timeZone !== undefined,
    queryFn: () => {
      const now = new Date();
      return dataProvider
        .paymentMonitoring(rangeOf(choice, now), staleAfterMinutes)
        .then(({ data }) => data);
    },
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  return (
    <Stack spacing={2} sx={REPORTING_PAGE_SX}>
      <Title title={translate('app.reporting.payments.page_title')} />
      <Card>
        <CardContent>
          <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <RangePicker value={choice} onChange={setChoice} presets={PRESETS} />
            <TextField
              size="small"
              type="number"
              label={translate('app.reporting.payments.stale_after')}
              value={staleAfterMinutes}
              onChange={(event) => {
                const minutes = Number(event.target.value);
                if (Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_STALE_MINUTES) setStaleAfterMinutes(minutes);
              }}
              fullWidth={false}
              sx={{ width: 170 }}
              slotProps={{
                htmlInput: { min: 0, max: MAX_STALE_MINUTES, step: 1, name: 'staleAfterMinutes' },
                input: { endAdornment: <InputAdornment position="end">{translate('app.reporting.minutes')}</InputAdornment> },
              }}
            />
          </Stack>
        </CardContent>
      </Card>
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {isPending && <Loading />}
      {data && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'minmax(280px, 1fr) 2fr' }, alignItems: 'start' }}>
          <FigureList
            title={translate('app.reporting.payments.title')}
            subheader={translate('app.reporting.payments.range_subheader')}
            figures={paymentFigures(data.monitoring, translate, 'monitoring')}
          />
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <OrderTable
              name="stale"
              title={translate('app.reporting.payments.stale_orders', { minutes: staleAfterMinutes })}
              empty={translate('app.reporting.payments.no_stale_orders')}
              subheader={translate('app.reporting.payments.stale_orders_subheader')}
              orders={data.stalePendingOrders}
            />
            <OrderTable
              name="failed"
              title={translate('app.reporting.payments.failed_orders')}
              empty={translate('app.reporting.payments.no_failed_orders')}
              subheader={translate('app.reporting.payments.failed_orders_subheader')}
              orders={data.failedOrders}
              failed
            />
          </Stack>
        </Box>
      )}
    </Stack>
  );
};

const OrderTable = ({
  name,
  title,
  subheader,
  empty,
  orders,
  failed = false,
}: {
  name: string;
  title: string;
  subheader: string;
  empty: string;
  orders: MonitoredOrder[];
  failed?: boolean;
}) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const more = orders.length === MONITORED_ORDERS_LISTED;
  return (
    <Card data-testid={`${name}-orders`}>
      <CardHeader
        title={title}
        subheader={more ? `${subheader} · ${translate('app.reporting.payments.showing', { shown: orders.length })}` : subheader}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
      />
      {orders.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          {empty}
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.reporting.payments.order')}</TableCell>
                <TableCell>{translate('app.reporting.payments.user')}</TableCell>
                <TableCell align="right">{translate('app.reporting.payments.amount')}</TableCell>
                <TableCell>{translate(failed ? 'app.reporting.payments.failed_at' : 'app.reporting.payments.created_at')}</TableCell>
                {failed && <TableCell>{translate('app.reporting.payments.failed_transaction')}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {orders.map((order) => (
                <TableRow key={order.id} hover data-order={order.id}>
                  <TableCell>
                    <MuiLink component={Link} to={createPath({ resource: 'Order', id: order.id, type: 'show' })}>
                      #{order.id}
                    </MuiLink>
                  </TableCell>
                  <TableCell>{personName(order.user)}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {formatMoney(order.amount)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {new Date((failed && order.failedAt) || order.createdAt).toLocaleString()}
                  </TableCell>
                  {failed && (
                    <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} data-column="failedTransactionId">
                      {order.failedTransactionId ?? '—'}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Card>
  );
};
