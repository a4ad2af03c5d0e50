import { Stack } from '@mui/material';
import {
  DateField,
  FunctionField,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import type { AdminLog } from '../types';
import { actingAdminName, ADMIN_LOG_SHOW_FIELDS } from './adminLogFields';
import { JsonField } from './JsonField';

export const AdminLogShow = () => (
  <Show queryOptions={{ meta: { sparseFields: ADMIN_LOG_SHOW_FIELDS } }}>
    <SimpleShowLayout>
      <DateField source="createdAt" showTime />
      <FunctionField<AdminLog> source="admin" render={actingAdminName} />
      <TextField source="action" />
      <TextField source="targetType" />
      <TextField source="targetId" />
      <TextField source="ipAddress" />
      <TextField source="userAgent" />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <Labeled source="before" sx={{ flex: 1, minWidth: 0 }}>
          <JsonField source="before" />
        </Labeled>
        <Labeled source="after" sx={{ flex: 1, minWidth: 0 }}>
          <JsonField source="after" />
        </Labeled>
      </Stack>
    </SimpleShowLayout>
  </Show>
);
