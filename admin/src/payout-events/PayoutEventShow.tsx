import { DateField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { RawBodyField } from '../common/RawBodyField';
import { StatusChip } from '../common/StatusChip';
import { PAYOUT_EVENT_SHOW_FIELDS } from './payoutEventFields';

export const PayoutEventShow = () => (
  <Show queryOptions={{ meta: { sparseFields: PAYOUT_EVENT_SHOW_FIELDS } }}>
    <SimpleShowLayout>
      <DateField source="createdAt" showTime />
      <TextField source="type" />
      <StatusChip source="outcome" />
      <TextField source="note" emptyText="—" />
      <ReferenceField source="withdrawalId" reference="Withdrawal" link="show" emptyText="—" />
      <TextField source="providerPayoutId" emptyText="—" />
      <TextField source="eventKey" />
      <RawBodyField source="body" />
    </SimpleShowLayout>
  </Show>
);
