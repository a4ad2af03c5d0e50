import {
  DataTable,
  DateField,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
} from 'react-admin';
import { ORDER_STATUSES, statusChoices } from '../common/choices';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { MoneyField } from '../common/MoneyField';
import { StatusChip } from '../common/StatusChip';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { Order } from '../types';

const orderFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices(ORDER_STATUSES)} alwaysOn />,
  <UserReferenceInput key="userId" source="userId" />,
  ...createdAtRangeFilters(),
];

export const OrderList = () => (
  <List filters={orderFilters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
    <DataTable<Order> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="userId" label="resources.Order.fields.user">
        <ReferenceField source="userId" reference="User" link="show" />
      </DataTable.Col>
      <DataTable.Col source="amount" align="right">
        <MoneyField source="amount" />
      </DataTable.Col>
      <DataTable.Col source="status">
        <StatusChip source="status" />
      </DataTable.Col>
      <DataTable.Col source="transactionId" disableSort />
      <DataTable.Col source="paidAt">
        <DateField source="paidAt" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
