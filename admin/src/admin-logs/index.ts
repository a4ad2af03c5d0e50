import HistoryIcon from '@mui/icons-material/History';
import type { AdminLog } from '../types';
import { AdminLogList } from './AdminLogList';
import { AdminLogShow } from './AdminLogShow';

export default {
  list: AdminLogList,
  show: AdminLogShow,
  icon: HistoryIcon,
  recordRepresentation: (log: AdminLog) => `${log.action} #${log.id}`,
};
