import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import type { PaymentEvent } from '../types';
import { PaymentEventList } from './PaymentEventList';
import { PaymentEventShow } from './PaymentEventShow';

export default {
  list: PaymentEventList,
  show: PaymentEventShow,
  icon: ReceiptLongIcon,
  recordRepresentation: (event: PaymentEvent) => `${event.gateway} ${event.type} #${event.id}`,
};
