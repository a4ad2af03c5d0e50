import {
  DataTable,
  List,
  ReferenceField,
  SelectInput,
  TextInput,
} from 'react-admin';
import {
  BALANCE_BUCKET_WORDS,
  BALANCE_BUCKETS,
  LEDGER_TYPE_WORDS,
  WALLET_TRANSACTION_TYPES,
  wordedChoices,
} from '../common/choices';
import { BucketMoveCol, DateCol, MoneyCol, WordsCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { WalletTransaction } from '../types';
import { ListActions } from '../common/ListActions';

const walletTransactionFilters = [
  <UserReferenceInput key="userId" source="userId" alwaysOn />,
  <SelectInput key="type" source="type" choices={wordedChoices(WALLET_TRANSACTION_TYPES, LEDGER_TYPE_WORDS)} alwaysOn />,
  <SelectInput key="bucket" source="bucket" choices={wordedChoices(BALANCE_BUCKETS, BALANCE_BUCKET_WORDS)} />,
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
      <WordsCol source="type" prefix={LEDGER_TYPE_WORDS} />
      <MoneyCol source="amount" />
      <MoneyCol source="walletChange" signed disableSort />
      <BucketMoveCol />
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
