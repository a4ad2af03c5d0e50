import { Box, useMediaQuery, type Theme } from '@mui/material';
import {
  DataTable,
  DateField,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
} from 'react-admin';
import { statusChoices } from '../common/choices';
import { DateCol, StatusCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { StatusChip } from '../common/StatusChip';
import type { PayoutEvent } from '../types';
import { NOTE_COLUMN, PAYOUT_EVENT_LIST_FIELDS, PAYOUT_EVENT_OUTCOMES } from './payoutEventFields';

const payoutEventFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="outcome" source="outcome" choices={statusChoices(PAYOUT_EVENT_OUTCOMES)} alwaysOn />,
  <TextInput key="type" source="type" />,
  <TextInput key="withdrawalId" source="withdrawalId" />,
  ...createdAtRangeFilters(),
];

const PayoutEventTable = () => (
  <DataTable<PayoutEvent> rowClick="show" bulkActionButtons={false}>
    <DateCol source="createdAt" />
    <DataTable.Col source="type" />
    <StatusCol source="outcome" />
    <DataTable.Col source="withdrawalId">
      <ReferenceField source="withdrawalId" reference="Withdrawal" link="show" emptyText="—" />
    </DataTable.Col>
    <DataTable.Col source="providerPayoutId" disableSort />
    <DataTable.Col source="note" disableSort sx={NOTE_COLUMN} />
  </DataTable>
);

/** On a phone: one line an event, its outcome beside its type and the note below, in reach without scrolling sideways. */
const PayoutEventLines = () => (
  <SimpleList<PayoutEvent>
    rowClick="show"
    primaryText={<TextField source="type" />}
    tertiaryText={<StatusChip source="outcome" />}
    secondaryText={
      <>
        <DateField source="createdAt" showTime />
        <Box component="span" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
          <TextField source="note" />
        </Box>
      </>
    }
  />
);

export const PayoutEventList = () => {
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      filters={payoutEventFilters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      queryOptions={{ meta: { sparseFields: PAYOUT_EVENT_LIST_FIELDS } }}
      exporter={false}
    >
      {phone ? <PayoutEventLines /> : <PayoutEventTable />}
    </List>
  );
};
