import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import SwapVertIcon from '@mui/icons-material/SwapVert';
import {
  BooleanField,
  DataTable,
  List,
  SelectField,
  useGetIdentity,
  useRecordContext,
} from 'react-admin';
import { DateCol } from '../common/columns';
import type { Admin } from '../types';
import { AdminAccountButton } from './AdminAccountButton';
import { ADMIN_ROLE_CHOICES } from './adminRoles';
import { ListActions } from '../common/ListActions';

const AccountButtons = () => {
  const admin = useRecordContext<Admin>();
  const { identity } = useGetIdentity();
  // Nobody may lock themselves out: one's own account has no buttons.
  if (!admin || admin.telegramId === identity?.telegramId) return null;

  const promote = admin.role === 'ADMIN';
  return (
    <>
      {admin.active ? (
        <AdminAccountButton
          label="app.admins.disable"
          successMessage="app.admins.disabled"
          icon={<BlockIcon />}
          run={(dataProvider, account) => dataProvider.disableAdmin(account.id)}
        />
      ) : (
        <AdminAccountButton
          label="app.admins.enable"
          successMessage="app.admins.enabled"
          icon={<CheckCircleIcon />}
          run={(dataProvider, account) => dataProvider.enableAdmin(account.id)}
        />
      )}
      <AdminAccountButton
        label={promote ? 'app.admins.make_super_admin' : 'app.admins.make_admin'}
        successMessage="app.admins.role_changed"
        icon={<SwapVertIcon />}
        run={(dataProvider, account) =>
          dataProvider.updateAdminRole(account.id, promote ? 'SUPER_ADMIN' : 'ADMIN')
        }
      />
    </>
  );
};

export const AdminList = () => (
  <List
    sort={{ field: 'createdAt', order: 'ASC' }}
    actions={<ListActions />}
  >
    <DataTable<Admin> rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="telegramId" />
      <DataTable.Col source="username" />
      <DataTable.Col source="role">
        <SelectField source="role" choices={ADMIN_ROLE_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="active">
        <BooleanField source="active" />
      </DataTable.Col>
      <DateCol source="lastLoginAt" />
      <DateCol source="createdAt" />
      <DataTable.Col>
        <AccountButtons />
      </DataTable.Col>
    </DataTable>
  </List>
);
