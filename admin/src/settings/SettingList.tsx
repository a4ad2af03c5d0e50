import { DataTable, EditButton, List } from 'react-admin';
import { DateCol } from '../common/columns';
import type { Setting } from '../types';
import { formatSettingValue } from './settingValue';

export const SettingList = () => (
  <List sort={{ field: 'key', order: 'ASC' }} perPage={50} exporter={false}>
    <DataTable<Setting> bulkActionButtons={false}>
      <DataTable.Col source="key" />
      <DataTable.Col source="value" render={formatSettingValue} disableSort />
      <DataTable.Col source="description" disableSort />
      <DateCol source="updatedAt" />
      {/* Shown to super admins only: authProvider.canAccess refuses 'edit' to others. */}
      <DataTable.Col>
        <EditButton />
      </DataTable.Col>
    </DataTable>
  </List>
);
