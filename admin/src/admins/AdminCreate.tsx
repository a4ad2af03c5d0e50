import {
  Create,
  PasswordInput,
  regex,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { newPasswordRules } from '../account/passwordRules';
import { ADMIN_ROLE_CHOICES } from './adminRoles';

export const AdminCreate = () => (
  <Create redirect="list" title="app.admins.create_title">
    <SimpleForm defaultValues={{ role: 'ADMIN' }}>
      <TextInput
        source="telegramId"
        validate={[required(), regex(/^\d+$/, 'app.validation.digits')]}
      />
      <TextInput source="username" />
      <PasswordInput
        source="password"
        autoComplete="new-password"
        validate={[required(), ...newPasswordRules.validate]}
        helperText={newPasswordRules.helperText}
      />
      <SelectInput source="role" choices={ADMIN_ROLE_CHOICES} validate={required()} />
    </SimpleForm>
  </Create>
);
