import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import { formatMoney } from '../money';
import type { Withdrawal } from '../types';
import { WithdrawalList } from './WithdrawalList';
import { WithdrawalShow } from './WithdrawalShow';

export default {
  list: WithdrawalList,
  show: WithdrawalShow,
  icon: AccountBalanceWalletIcon,
  recordRepresentation: (withdrawal: Withdrawal) =>
    `#${withdrawal.id} · ${formatMoney(withdrawal.amount)}`,
};
