import { TextField } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The reason or note a bulk action records on each record: at least 3 characters. */
export const BulkReasonForm = ({ onChange }: { onChange: (value: string, ready: boolean) => void }) => {
  const translate = useTranslate();
  return (
    <TextField
      autoFocus
      fullWidth
      multiline
      minRows={2}
      name="reason"
      label={translate('app.actions.reason')}
      helperText={translate('app.actions.min_length', { count: 3 })}
      onChange={(event) => onChange(event.target.value.trim(), event.target.value.trim().length >= 3)}
    />
  );
};
