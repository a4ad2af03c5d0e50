import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import CodeIcon from '@mui/icons-material/Code';
import HistoryIcon from '@mui/icons-material/History';
import PasswordIcon from '@mui/icons-material/Password';
import TuneIcon from '@mui/icons-material/Tune';
import { Button as MuiButton, Card, CardContent, Stack, Typography } from '@mui/material';
import {
  Button,
  Title,
  useCanAccess,
  useCreatePath,
  useGetIdentity,
  useGetResourceLabel,
  useTranslate,
} from 'react-admin';

/** Placeholder until the business widgets arrive: who is signed in, and where to go. */
export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const resourceLabel = useGetResourceLabel();
  const { canAccess: canManageAdmins } = useCanAccess({ resource: 'Admin', action: 'list' });
  const listPath = (resource: string) => createPath({ resource, type: 'list' });

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="app.dashboard.title" />
      <CardContent>
        {identity && (
          <>
            <Typography variant="h5" component="h2">
              {translate('app.dashboard.signed_in_as', { name: identity.fullName })}
            </Typography>
            <Typography color="text.secondary">
              {translate('app.dashboard.telegram_id', { telegramId: identity.telegramId })}
              {' · '}
              {translate(`app.roles.${identity.role}`)}
            </Typography>
          </>
        )}
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 2, flexWrap: 'wrap' }}>
          <Button label={resourceLabel('Setting')} to={listPath('Setting')} variant="outlined">
            <TuneIcon />
          </Button>
          <Button label={resourceLabel('AdminLog')} to={listPath('AdminLog')} variant="outlined">
            <HistoryIcon />
          </Button>
          {canManageAdmins && (
            <Button label={resourceLabel('Admin')} to={listPath('Admin')} variant="outlined">
              <AdminPanelSettingsIcon />
            </Button>
          )}
          <Button label="app.change_password.title" to="/change-password" variant="outlined">
            <PasswordIcon />
          </Button>
          {/* Not a panel route: the backend serves the playground at /graphql. */}
          <MuiButton href="/graphql" target="_blank" variant="outlined" startIcon={<CodeIcon />}>
            {translate('app.dashboard.playground')}
          </MuiButton>
        </Stack>
      </CardContent>
    </Card>
  );
};
