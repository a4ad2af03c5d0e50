import { Card } from '@mui/material';
import {
  PasswordInput,
  required,
  SaveButton,
  SimpleForm,
  Title,
  Toolbar,
  useAuthenticated,
  useDataProvider,
  useNotify,
  useRedirect,
} from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { DisplayNameCard } from './DisplayNameCard';
import { newPasswordRules } from './passwordRules';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  newPasswordAgain: string;
}

const matchesNewPassword = (value: string, values: ChangePasswordValues) =>
  value === values.newPassword ? undefined : 'app.change_password.mismatch';

export const ChangePasswordPage = () => {
  useAuthenticated();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();

  // Returning the promise keeps the save button busy until the server answers.
  const changePassword = async (values: Partial<ChangePasswordValues>) => {
    const { currentPassword = '', newPassword = '' } = values;
    try {
      await dataProvider.changePassword({ currentPassword, newPassword });
      notify('app.change_password.done', { type: 'success' });
      redirect('/');
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  return (
    <>
      <DisplayNameCard />
      <Card sx={{ mt: 2, maxWidth: 480 }}>
        {/* the page holds the name and the password: it is the account page */}
        <Title title="app.account.title" />
        <SimpleForm
          onSubmit={changePassword}
          toolbar={
            <Toolbar>
              <SaveButton label="app.change_password.title" />
            </Toolbar>
          }
        >
          <PasswordInput
            source="currentPassword"
            label="app.change_password.current"
            autoComplete="current-password"
            validate={required()}
          />
          <PasswordInput
            source="newPassword"
            label="app.change_password.new"
            autoComplete="new-password"
            validate={[required(), ...newPasswordRules.validate]}
            helperText={newPasswordRules.helperText}
          />
          <PasswordInput
            source="newPasswordAgain"
            label="app.change_password.confirm"
            autoComplete="new-password"
            validate={[required(), matchesNewPassword]}
          />
        </SimpleForm>
      </Card>
    </>
  );
};
