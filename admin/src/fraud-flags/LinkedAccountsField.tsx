import { Chip, Stack, Typography } from '@mui/material';
import { useCreatePath, useGetMany, useRecordContext } from 'react-admin';
import { Link } from 'react-router';
import { personName } from '../common/format';
import type { FraudFlag, User } from '../types';
import { linkedAccountIds } from './fraudFlagRules';

/** The other accounts the evidence names (same device, IP, UPI ID, or a burst of sign-ups). */
export const LinkedAccountsField = (_props: { label?: string }) => {
  const flag = useRecordContext<FraudFlag>();
  const createPath = useCreatePath();
  const ids = flag ? linkedAccountIds(flag) : [];
  const { data: users = [], isPending } = useGetMany<User>('User', { ids }, { enabled: ids.length > 0 });
  if (ids.length === 0) return <Typography variant="body2">—</Typography>;
  if (isPending) return null;
  const byId = new Map(users.map((user) => [String(user.id), user]));
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {ids.map((id) => {
        const user = byId.get(String(id));
        return (
          <Chip
            key={id}
            size="small"
            clickable
            component={Link}
            to={createPath({ resource: 'User', id, type: 'show' })}
            label={user ? `${personName(user)} · ${user.status}` : `#${id}`}
            color={user?.status === 'BLOCKED' ? 'error' : 'default'}
          />
        );
      })}
    </Stack>
  );
};
