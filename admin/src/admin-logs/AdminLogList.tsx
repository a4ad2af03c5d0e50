import { DataTable, DateInput, List, SelectInput, TextInput } from 'react-admin';
import { DateCol } from '../common/columns';
import { endOfDay, startOfDay } from '../common/dateRange';
import type { AdminLog } from '../types';
import { ADMIN_LOG_ACTION_CHOICES } from './adminLogActions';
import { AdminLogActionField, AdminLogTargetField } from './AdminLogRecordFields';
import { actingAdminName, ADMIN_LOG_LIST_FIELDS } from './adminLogFields';
import { ListActions } from '../common/ListActions';

const adminLogFilters = [
  <SelectInput key="action" source="action" choices={ADMIN_LOG_ACTION_CHOICES} alwaysOn />,
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
      <DataTable.Col source="action" field={AdminLogActionField} />
      <DataTable.Col source="targetType" label="resources.AdminLog.fields.target" field={AdminLogTargetField} />
      <DataTable.Col source="ipAddress" disableSort />
    </DataTable>
  </List>
);
