import {
  Card,
  CardHeader,
  List as MuiList,
  ListItemButton,
  ListItemText,
  Typography,
} from '@mui/material';
import { useCreatePath, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { personName } from '../common/format';
import { formatMoney } from '../money';
import type { DashboardData } from '../types';

/** The last few paid orders: who paid, how much, when. */
export const LatestPaidOrders = ({ orders }: { orders: DashboardData['latestPaidOrders'] }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <Card sx={{ flex: '1 1 360px' }}>
      <CardHeader title={translate('app.dashboard.latest_paid_orders')} />
      {orders.length === 0 ? (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          {translate('app.dashboard.no_paid_orders')}
        </Typography>
      ) : (
        <MuiList dense disablePadding>
          {orders.map((order) => (
            <ListItemButton
              key={order.id}
              component={Link}
              to={createPath({ resource: 'Order', id: order.id, type: 'show' })}
            >
              <ListItemText
                primary={`#${order.id} · ${personName(order.user)}`}
                secondary={order.paidAt ? new Date(order.paidAt).toLocaleString() : null}
              />
              <Typography sx={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(order.amount)}</Typography>
            </ListItemButton>
          ))}
        </MuiList>
      )}
    </Card>
  );
};
