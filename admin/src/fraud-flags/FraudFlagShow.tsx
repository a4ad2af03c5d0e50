import {
  DateField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { JsonField } from '../admin-logs/JsonField';
import { FRAUD_FLAG_TYPE_WORDS } from '../common/choices';
import { StatusChip } from '../common/StatusChip';
import { WordsField } from '../common/WordsField';
import { BlockUserButton } from '../users/UserModerationButtons';
import { FraudFlagActionButtons } from './FraudFlagActionButtons';
import { LinkedAccountsField } from './LinkedAccountsField';

const FraudFlagShowActions = () => (
  <TopToolbar>
    <FraudFlagActionButtons variant="outlined" />
    {/* Block or unblock the flagged user from here, as their own page would. */}
    <ReferenceField source="userId" reference="User" link={false}>
      <BlockUserButton />
    </ReferenceField>
  </TopToolbar>
);

export const FraudFlagShow = () => (
  <Show actions={<FraudFlagShowActions />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <ReferenceField source="userId" reference="User" link="show" label="resources.FraudFlag.fields.user" />
      <WordsField source="type" prefix={FRAUD_FLAG_TYPE_WORDS} />
      <StatusChip source="severity" />
      <StatusChip source="status" />
      <TextField source="reason" />
      <LinkedAccountsField label="resources.FraudFlag.fields.linkedAccounts" />
      <JsonField source="evidence" />
      <TextField source="evidenceKey" />
      <DateField source="createdAt" showTime />
      <ReferenceField source="createdById" reference="User" link="show" emptyText="app.fraud.automatic" />
      <DateField source="resolvedAt" showTime emptyText="—" />
      <ReferenceField source="resolvedById" reference="User" link="show" emptyText="—" />
      <TextField source="resolutionNote" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
