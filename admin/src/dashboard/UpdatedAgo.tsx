import RefreshIcon from '@mui/icons-material/Refresh';
import { CircularProgress, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ageInWords } from '../reports/reportMath';

/** "Updated 12 s ago", ticking, with a button to refresh now. */
export const UpdatedAgo = ({
  updatedAt,
  asOf,
  fetching,
  onRefresh,
}: {
  updatedAt: number;
  asOf?: string;
  fetching: boolean;
  onRefresh: () => void;
}) => {
  const translate = useTranslate();
  const now = useNow(1000);
  const age = ageInWords(updatedAt, now);
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Tooltip title={asOf ? translate('app.reporting.as_of', { time: new Date(asOf).toLocaleString() }) : ''}>
        <Typography variant="body2" color="text.secondary" data-testid="updated-ago" aria-live="polite">
          {updatedAt ? translate(`app.reporting.updated.${age.key}`, { smart_count: age.count }) : ''}
        </Typography>
      </Tooltip>
      <IconButton size="small" onClick={onRefresh} disabled={fetching} aria-label={translate('ra.action.refresh')}>
        {fetching ? <CircularProgress size={18} /> : <RefreshIcon fontSize="small" />}
      </IconButton>
    </Stack>
  );
};

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
