import { Card, CardContent, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  DataTable,
  List,
  RecordContextProvider,
  ReferenceField,
  SearchInput,
  useListContext,
} from 'react-admin';
import { WITHDRAWAL_STATUSES } from '../common/choices';
import { DateCol, MoneyCol, StatusCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { ListActions } from '../common/ListActions';
import { MoneyField } from '../common/MoneyField';
import { StatusChip } from '../common/StatusChip';
import { StatusTabs } from '../common/StatusTabs';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { Withdrawal } from '../types';
import { WithdrawalActionButtons } from './WithdrawalActionButtons';
import { DownloadPayoutFileButton, SendPayoutsButton } from './PayoutBulkActions';
import { BulkMarkPaidButton, WithdrawalBulkActions } from './WithdrawalBulkActions';
import { WithdrawalRiskField } from './WithdrawalRiskField';

const withdrawalFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <UserReferenceInput key="userId" source="userId" />,
  ...createdAtRangeFilters(),
];

// The queue: pending requests, oldest first, so the longest-waiting is handled first.
const QUEUE_FILTER = { status: 'PENDING' };
const OLDEST_FIRST = { field: 'createdAt', order: 'ASC' } as const;

/** On a phone: one card per request, its risk and its buttons in reach. */
const WithdrawalCards = () => {
  const { data } = useListContext<Withdrawal>();
  return (
    <Stack spacing={1} sx={{ p: 1 }}>
      {data?.map((withdrawal) => (
        <RecordContextProvider key={withdrawal.id} value={withdrawal}>
          <Card variant="outlined" data-withdrawal={withdrawal.id}>
            <CardContent sx={{ '&:last-child': { pb: 1 } }}>
              <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
                <Typography variant="subtitle1">
                  #{withdrawal.id} · <MoneyField source="amount" />
                </Typography>
                <StatusChip source="status" />
              </Stack>
              <ReferenceField source="userId" reference="User" link="show" />
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                {withdrawal.upiId}
              </Typography>
              <WithdrawalRiskField />
              <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
                <WithdrawalActionButtons />
              </Stack>
            </CardContent>
          </Card>
        </RecordContextProvider>
      ))}
    </Stack>
  );
};

/** Approved withdrawals are paid out in bulk (through RazorpayX, or its upload file); earlier ones approved or rejected. */
const BulkActions = () => {
  const { filterValues } = useListContext();
  if (filterValues.status === 'APPROVED') {
    return (
      <>
        <SendPayoutsButton />
        <DownloadPayoutFileButton />
        <WithdrawalBulkActions />
      </>
    );
  }
  return <WithdrawalBulkActions />;
};

const WithdrawalTable = () => (
  <DataTable<Withdrawal> rowClick="show" bulkActionButtons={<BulkActions />}>
    <DataTable.Col source="id" />
    <DateCol source="createdAt" />
    <DataTable.Col source="userId" label="resources.Withdrawal.fields.user">
      <ReferenceField source="userId" reference="User" link="show" />
    </DataTable.Col>
    <MoneyCol source="amount" />
    <DataTable.Col source="upiId" disableSort />
    <DataTable.Col source="risk" label="resources.Withdrawal.fields.risk" disableSort>
      <WithdrawalRiskField />
    </DataTable.Col>
    <StatusCol source="status" />
    <DataTable.Col label="app.actions.title" disableSort>
      <WithdrawalActionButtons />
    </DataTable.Col>
  </DataTable>
);

export const WithdrawalList = () => {
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      filters={withdrawalFilters}
      filterDefaultValues={QUEUE_FILTER}
      sort={OLDEST_FIRST}
      actions={
        <ListActions>
          <BulkMarkPaidButton />
        </ListActions>
      }
    >
      <StatusTabs statuses={WITHDRAWAL_STATUSES} />
      {phone ? <WithdrawalCards /> : <WithdrawalTable />}
    </List>
  );
};
