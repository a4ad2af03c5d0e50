import UndoIcon from '@mui/icons-material/Undo';
import { useRecordContext } from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import type { Order } from '../types';
import { canRefundOrder } from './orderActions';

/** PAID → REFUNDED, with the reason asked for; its commissions are reversed by the API. */
export const RefundOrderButton = () => {
  const order = useRecordContext<Order>();
  if (!canRefundOrder(order?.status)) return null;
  return (
    <ActionButton<Order>
      label="app.orders.refund"
      action="refund"
      icon={<UndoIcon />}
      color="error"
      variant="outlined"
      prompt={{
        title: 'app.orders.refund_title',
        content: 'app.orders.refund_content',
        inputLabel: 'app.actions.reason',
        minLength: 3,
      }}
      run={(dataProvider, record, reason) => dataProvider.refundOrder(record.id, reason)}
      successMessage="app.orders.refunded"
    />
  );
};
