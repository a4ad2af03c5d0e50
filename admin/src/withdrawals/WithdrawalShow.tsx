import {
  DataTable,
  DateField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { LEDGER_TYPE_WORDS } from '../common/choices';
import { BucketMoveCol, DateCol, MoneyCol, WordsCol } from '../common/columns';
import { MoneyField } from '../common/MoneyField';
import { StatusChip } from '../common/StatusChip';
import type { WalletTransaction } from '../types';
import { WalletCard } from '../wallet-transactions/WalletCard';
import { WithdrawalActionButtons } from './WithdrawalActionButtons';

const WithdrawalShowActions = () => (
  <TopToolbar>
    <WithdrawalActionButtons variant="outlined" />
  </TopToolbar>
);

export const WithdrawalShow = () => (
  <Show actions={<WithdrawalShowActions />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <ReferenceField source="userId" reference="User" link="show" label="resources.Withdrawal.fields.user" />
      <MoneyField source="amount" />
      <TextField source="upiId" />
      <StatusChip source="status" />
      <DateField source="createdAt" showTime />
      <DateField source="approvedAt" showTime emptyText="—" />
      <DateField source="paidAt" showTime emptyText="—" />
      <TextField source="payoutReference" emptyText="—" />
      <DateField source="sentAt" showTime emptyText="—" />
      <TextField source="providerPayoutId" emptyText="—" />
      <TextField source="providerStatus" emptyText="—" />
      <TextField source="failureReason" emptyText="—" />
      <DateField source="failedAt" showTime emptyText="—" />
      <DateField source="reversedAt" showTime emptyText="—" />
      <DateField source="rejectedAt" showTime emptyText="—" />
      <TextField source="rejectReason" emptyText="—" />
      <ReferenceField source="decidedById" reference="User" link="show" emptyText="—" />
      {/* The requester's balances, to check the request against what they hold. */}
      <ReferenceField source="userId" reference="User" link={false} label={false}>
        <WalletCard />
      </ReferenceField>
      <ReferenceManyField
        reference="WalletTransaction"
        target="withdrawalId"
        label="app.wallet.ledger"
        sort={{ field: 'id', order: 'ASC' }}
      >
        <DataTable<WalletTransaction> bulkActionButtons={false} rowClick={false}>
          <DateCol source="createdAt" />
          <WordsCol source="type" prefix={LEDGER_TYPE_WORDS} />
          <MoneyCol source="amount" />
          <MoneyCol source="walletChange" signed disableSort />
          <BucketMoveCol />
          <DataTable.Col source="actor" disableSort />
        </DataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);
