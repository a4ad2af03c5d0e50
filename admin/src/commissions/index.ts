import PercentIcon from '@mui/icons-material/Percent';
import { formatMoney } from '../money';
import type { Commission } from '../types';
import { CommissionList } from './CommissionList';

export default {
  list: CommissionList,
  icon: PercentIcon,
  recordRepresentation: (commission: Commission) =>
    `#${commission.id} · L${commission.level} · ${formatMoney(commission.amount)}`,
};
