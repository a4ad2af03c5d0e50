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
import { AdminLogActionField, AdminLogTargetField, AdminLogTitle } from './AdminLogRecordFields';
import { JsonField } from './JsonField';

export const AdminLogShow = () => (
  <Show title={<AdminLogTitle />} queryOptions={{ meta: { sparseFields: ADMIN_LOG_SHOW_FIELDS } }}>
    <SimpleShowLayout>
      <DateField source="createdAt" showTime />
      <FunctionField<AdminLog> source="admin" render={actingAdminName} />
      <Labeled source="action">
        <AdminLogActionField showName />
      </Labeled>
      <Labeled source="targetType" label="resources.AdminLog.fields.target">
        <AdminLogTargetField />
      </Labeled>
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
