import {
  DataTable,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
} from 'react-admin';
import { WITHDRAWAL_STATUSES, statusChoices } from '../common/choices';
import { DateCol, MoneyCol, StatusCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
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
      <DateCol source="createdAt" />
      <DataTable.Col source="userId" label="resources.Withdrawal.fields.user">
        <ReferenceField source="userId" reference="User" link="show" />
      </DataTable.Col>
      <MoneyCol source="amount" />
      <DataTable.Col source="upiId" disableSort />
      <StatusCol source="status" />
      <DataTable.Col label="app.actions.title" disableSort>
        <WithdrawalActionButtons />
      </DataTable.Col>
    </DataTable>
  </List>
);
