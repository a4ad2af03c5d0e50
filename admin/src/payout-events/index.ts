import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import type { PayoutEvent } from '../types';
import { PayoutEventList } from './PayoutEventList';
import { PayoutEventShow } from './PayoutEventShow';

export default {
  list: PayoutEventList,
  show: PayoutEventShow,
  icon: RequestQuoteIcon,
  recordRepresentation: (event: PayoutEvent) => `${event.type} #${event.id}`,
};
