import HistoryIcon from '@mui/icons-material/History';
import { i18nProvider } from '../i18n/i18nProvider';
import type { AdminLog } from '../types';
import { adminLogActionWords } from './adminLogActions';
import { AdminLogList } from './AdminLogList';
import { AdminLogShow } from './AdminLogShow';

export default {
  list: AdminLogList,
  show: AdminLogShow,
  icon: HistoryIcon,
  recordRepresentation: (log: AdminLog) => `${adminLogActionWords(i18nProvider.translate, log.action)} #${log.id}`,
};
