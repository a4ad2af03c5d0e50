import {
  DataTable,
  List,
  ReferenceField,
  SelectInput,
  TextInput,
} from 'react-admin';
import { BALANCE_BUCKETS, WALLET_TRANSACTION_TYPES, enumChoices } from '../common/choices';
import { DateCol, MoneyCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { formatBucketMove } from '../common/format';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { WalletTransaction } from '../types';
import { ListActions } from '../common/ListActions';

const walletTransactionFilters = [
  <UserReferenceInput key="userId" source="userId" alwaysOn />,
  <SelectInput key="type" source="type" choices={enumChoices(WALLET_TRANSACTION_TYPES)} alwaysOn />,
  <SelectInput key="bucket" source="bucket" choices={enumChoices(BALANCE_BUCKETS)} />,
  <TextInput key="orderId" source="orderId" />,
  <TextInput key="withdrawalId" source="withdrawalId" />,
  ...createdAtRangeFilters(),
];

/** The ledger: append-only, newest first. */
export const WalletTransactionList = () => (
  <List filters={walletTransactionFilters} sort={{ field: 'id', order: 'DESC' }} actions={<ListActions />}>
    <DataTable<WalletTransaction> rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DateCol source="createdAt" />
      <DataTable.Col source="userId" label="resources.WalletTransaction.fields.user">
        <ReferenceField source="userId" reference="User" link="show" />
      </DataTable.Col>
      <DataTable.Col source="type" />
      <MoneyCol source="amount" />
      <MoneyCol source="walletChange" signed disableSort />
      <DataTable.Col
        source="bucket"
        label="resources.WalletTransaction.fields.move"
        render={formatBucketMove}
        disableSort
      />
      <DataTable.Col source="orderId" disableSort>
        <ReferenceField source="orderId" reference="Order" link="show" emptyText="" />
      </DataTable.Col>
      <DataTable.Col source="withdrawalId" disableSort>
        <ReferenceField source="withdrawalId" reference="Withdrawal" link="show" emptyText="" />
      </DataTable.Col>
      <DataTable.Col source="actor" disableSort />
    </DataTable>
  </List>
);
