import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import {
  DateField,
  EditButton,
  List,
  RecordContextProvider,
  useListContext,
  useTranslate,
} from 'react-admin';
import type { Setting } from '../types';
import { groupSettings, settingPresentation } from './settingCatalog';
import { formatSettingValue } from './settingValue';

/** One setting: its name, value and what it does in plain words; Edit for super admins. */
const SettingRow = ({ setting }: { setting: Setting }) => {
  const translate = useTranslate();
  const presentation = settingPresentation(setting.key);
  return (
    <RecordContextProvider value={setting}>
      <Box
        data-setting={setting.key}
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 1,
          py: 1.5,
          borderBottom: 1,
          borderColor: 'divider',
          '&:last-child': { borderBottom: 0 },
        }}
      >
        <Box sx={{ flex: '1 1 16rem', minWidth: 0 }}>
          <Typography variant="subtitle2">{translate(presentation.label)}</Typography>
          <Typography variant="body2" color="text.secondary">
            {presentation.known ? translate(`${presentation.label}_help`) : setting.description}
          </Typography>
          <Typography variant="caption" color="text.disabled" sx={{ wordBreak: 'break-all' }}>
            {setting.key} · <DateField source="updatedAt" showTime variant="caption" />
          </Typography>
        </Box>
        <Typography variant="body1" sx={{ fontWeight: 500, minWidth: '6rem', textAlign: 'right' }}>
          {setting.valueType === 'BOOLEAN'
            ? translate(setting.value ? 'app.settings.on' : 'app.settings.off')
            : formatSettingValue(setting)}
        </Typography>
        {/* Shown to super admins only: authProvider.canAccess refuses 'edit' to others. */}
        <EditButton />
      </Box>
    </RecordContextProvider>
  );
};

const GroupedSettings = () => {
  const translate = useTranslate();
  const { data } = useListContext<Setting>();
  if (!data) return null;
  return (
    <Stack spacing={2} sx={{ p: { xs: 1, sm: 2 } }}>
      {groupSettings(data).map(({ group, settings }) => (
        <Card key={group} variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate(`app.settings.groups.${group}`)}
            </Typography>
            {settings.map((setting) => (
              <SettingRow key={setting.id} setting={setting} />
            ))}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
};

// Every setting on one page (there are fewer than a hundred), grouped by what they govern.
export const SettingList = () => (
  <List sort={{ field: 'key', order: 'ASC' }} perPage={100} exporter={false} pagination={false}>
    <GroupedSettings />
  </List>
);
