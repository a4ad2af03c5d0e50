import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { formatSignedMoney } from '../common/format';
import type { WalletTransaction } from '../types';
import { WalletTransactionList } from './WalletTransactionList';

export default {
  list: WalletTransactionList,
  icon: ReceiptLongIcon,
  recordRepresentation: (entry: WalletTransaction) =>
    `#${entry.id} · ${entry.type} ${formatSignedMoney(entry.amount)}`,
};
