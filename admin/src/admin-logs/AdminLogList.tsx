import { DataTable, DateInput, List, TextInput } from 'react-admin';
import { DateCol } from '../common/columns';
import { endOfDay, startOfDay } from '../common/dateRange';
import type { AdminLog } from '../types';
import { actingAdminName, ADMIN_LOG_LIST_FIELDS } from './adminLogFields';
import { ListActions } from '../common/ListActions';

const adminLogFilters = [
  <TextInput key="action" source="action" alwaysOn />,
  <DateInput key="createdAtGte" source="createdAtGte" parse={startOfDay} alwaysOn />,
  <DateInput key="createdAtLte" source="createdAtLte" parse={endOfDay} alwaysOn />,
  <TextInput key="adminId" source="adminId" />,
  <TextInput key="targetType" source="targetType" />,
  <TextInput key="targetId" source="targetId" />,
];

export const AdminLogList = () => (
  <List
    filters={adminLogFilters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    queryOptions={{ meta: { sparseFields: ADMIN_LOG_LIST_FIELDS } }}
    actions={<ListActions />}
  >
    <DataTable<AdminLog> rowClick="show" bulkActionButtons={false}>
      <DateCol source="createdAt" />
      <DataTable.Col source="admin" render={actingAdminName} disableSort />
      <DataTable.Col source="action" />
      <DataTable.Col source="targetType" />
      <DataTable.Col source="targetId" disableSort />
      <DataTable.Col source="ipAddress" disableSort />
    </DataTable>
  </List>
);
