import {
  AutocompleteInput,
  Create,
  minLength,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { FRAUD_FLAG_TYPE_WORDS, FRAUD_FLAG_TYPES, FRAUD_SEVERITIES, statusChoices, wordedChoices } from '../common/choices';

// A flag raised by hand is MANUAL unless the admin spotted one of the rules' patterns.
const DEFAULTS = { type: 'MANUAL', severity: 'MEDIUM' };

export const FraudFlagCreate = () => (
  <Create redirect="show" title="app.fraud.create_title">
    <SimpleForm defaultValues={DEFAULTS}>
      <ReferenceInput source="userId" reference="User">
        <AutocompleteInput filterToQuery={(q) => ({ q })} validate={required()} />
      </ReferenceInput>
      <SelectInput source="type" choices={wordedChoices(FRAUD_FLAG_TYPES, FRAUD_FLAG_TYPE_WORDS)} validate={required()} />
      <SelectInput source="severity" choices={statusChoices(FRAUD_SEVERITIES)} validate={required()} />
      <TextInput source="reason" multiline minRows={3} fullWidth validate={[required(), minLength(3)]} />
    </SimpleForm>
  </Create>
);
