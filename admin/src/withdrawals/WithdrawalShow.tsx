import {
  DataTable,
  DateField,
  Labeled,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { LEDGER_TYPE_WORDS } from '../common/choices';
import { BucketMoveCol, DateCol, MoneyCol, StatusCol, WordsCol } from '../common/columns';
import { MoneyField } from '../common/MoneyField';
import { useRecordHas } from '../common/presence';
import { StatusChip } from '../common/StatusChip';
import { NOTE_COLUMN, PAYOUT_EVENT_LIST_FIELDS } from '../payout-events/payoutEventFields';
import type { PayoutEvent, WalletTransaction, Withdrawal } from '../types';
import { WalletCard } from '../wallet-transactions/WalletCard';
import { WithdrawalActionButtons } from './WithdrawalActionButtons';

const WithdrawalShowActions = () => (
  <TopToolbar>
    <WithdrawalActionButtons variant="outlined" />
  </TopToolbar>
);

export const WithdrawalShow = () => (
  <Show actions={<WithdrawalShowActions />}>
    <WithdrawalDetails />
  </Show>
);

/** The request, then only the stages it has reached: a pending one lists no payout or rejection. */
const WithdrawalDetails = () => {
  const has = useRecordHas<Withdrawal>();
  return (
    <SimpleShowLayout>
      <TextField source="id" />
      <ReferenceField source="userId" reference="User" link="show" label="resources.Withdrawal.fields.user" />
      <MoneyField source="amount" />
      <TextField source="upiId" />
      <StatusChip source="status" />
      <DateField source="createdAt" showTime />
      {has('approvedAt') && <DateField source="approvedAt" showTime />}
      {has('sentAt') && <DateField source="sentAt" showTime />}
      {has('providerPayoutId') && <TextField source="providerPayoutId" />}
      {has('providerStatus') && <TextField source="providerStatus" />}
      {has('paidAt') && <DateField source="paidAt" showTime />}
      {has('payoutReference') && <TextField source="payoutReference" />}
      {has('failedAt') && <DateField source="failedAt" showTime />}
      {has('failureReason') && <TextField source="failureReason" />}
      {has('reversedAt') && <DateField source="reversedAt" showTime />}
      {has('rejectedAt') && <DateField source="rejectedAt" showTime />}
      {has('rejectReason') && <TextField source="rejectReason" />}
      {has('decidedById') && <ReferenceField source="decidedById" reference="User" link="show" />}
      {/* What RazorpayX reported about its payout, and what each report changed; none before a payout. */}
      <ReferenceManyField
        reference="PayoutEvent"
        target="withdrawalId"
        label={false}
        sort={{ field: 'createdAt', order: 'ASC' }}
        queryOptions={{ meta: { sparseFields: PAYOUT_EVENT_LIST_FIELDS } }}
        empty={null}
      >
        <Labeled label="resources.Withdrawal.fields.payoutEvents" fullWidth>
          <DataTable<PayoutEvent> bulkActionButtons={false} rowClick="show">
            <DateCol source="createdAt" />
            <DataTable.Col source="type" />
            <StatusCol source="outcome" />
            <DataTable.Col source="note" disableSort sx={NOTE_COLUMN} />
          </DataTable>
        </Labeled>
      </ReferenceManyField>
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
  );
};
