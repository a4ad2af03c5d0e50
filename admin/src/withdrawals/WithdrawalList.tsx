import {
  DataTable,
  DateField,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
} from 'react-admin';
import { WITHDRAWAL_STATUSES, statusChoices } from '../common/choices';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { MoneyField } from '../common/MoneyField';
import { StatusChip } from '../common/StatusChip';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { Withdrawal } from '../types';
import { WithdrawalActionButtons } from './WithdrawalActionButtons';

const withdrawalFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices(WITHDRAWAL_STATUSES)} alwaysOn />,
  <UserReferenceInput key="userId" source="userId" />,
  ...createdAtRangeFilters(),
];

// The queue: pending requests, oldest first, so the longest-waiting is handled first.
const QUEUE_FILTER = { status: 'PENDING' };
const OLDEST_FIRST = { field: 'createdAt', order: 'ASC' } as const;

export const WithdrawalList = () => (
  <List filters={withdrawalFilters} filterDefaultValues={QUEUE_FILTER} sort={OLDEST_FIRST} exporter={false}>
    <DataTable<Withdrawal> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="userId" label="resources.Withdrawal.fields.user">
        <ReferenceField source="userId" reference="User" link="show" />
      </DataTable.Col>
      <DataTable.Col source="amount" align="right">
        <MoneyField source="amount" />
      </DataTable.Col>
      <DataTable.Col source="upiId" disableSort />
      <DataTable.Col source="status">
        <StatusChip source="status" />
      </DataTable.Col>
      <DataTable.Col label="app.actions.title" disableSort>
        <WithdrawalActionButtons />
      </DataTable.Col>
    </DataTable>
  </List>
);
