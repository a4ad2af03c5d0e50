import { Card, CardContent, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import {
  maxLength,
  required,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useTranslate,
} from 'react-admin';
import { authStorage } from '../authStorage';
import type { AppDataProvider } from '../dataProvider';

/** The name the panel shows for you ("Signed in as …"); the super admin starts with none. */
export const DisplayNameCard = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const stored = authStorage.admin();
  const save = async (values: { firstName?: string; lastName?: string }) => {
    try {
      const { data } = await dataProvider.updateMyName(values.firstName ?? '', values.lastName);
      authStorage.updateAdmin({ firstName: data.firstName });
      await queryClient.invalidateQueries({ queryKey: ['auth', 'getIdentity'] });
      notify('app.account.name_saved', { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Card sx={{ mt: 2, maxWidth: 480 }}>
      <CardContent sx={{ pb: 0 }}>
        <Typography variant="h6" component="h2">
          {translate('app.account.name_title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.account.name_help', { name: identity?.fullName ?? '' })}
        </Typography>
      </CardContent>
      <SimpleForm
        onSubmit={save}
        defaultValues={{ firstName: stored?.firstName ?? '' }}
        toolbar={
          <Toolbar>
            <SaveButton label="app.account.save_name" />
          </Toolbar>
        }
      >
        <TextInput source="firstName" label="app.account.first_name" validate={[required(), maxLength(128)]} />
        <TextInput source="lastName" label="app.account.last_name" validate={maxLength(128)} />
      </SimpleForm>
    </Card>
  );
};
