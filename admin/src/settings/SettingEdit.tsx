import { Edit, Labeled, SaveButton, SimpleForm, TextField, Toolbar } from 'react-admin';
import { SettingValueInput } from './SettingValueInput';

// Settings are changed, never created or deleted.
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const SettingEdit = () => (
  // Pessimistic: the server validates the value, and a refused change must not show as saved.
  <Edit mutationMode="pessimistic">
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <Labeled>
        <TextField source="key" />
      </Labeled>
      <Labeled>
        <TextField source="description" />
      </Labeled>
      <SettingValueInput />
    </SimpleForm>
  </Edit>
);
