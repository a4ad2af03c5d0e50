import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import type { Admin } from '../types';
import { AdminCreate } from './AdminCreate';
import { AdminList } from './AdminList';

export default {
  list: AdminList,
  create: AdminCreate,
  icon: AdminPanelSettingsIcon,
  recordRepresentation: (admin: Admin) => admin.username || admin.telegramId,
};
