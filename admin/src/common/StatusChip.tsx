import { Chip } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { statusColor } from './statusColors';

/** A status word as a coloured chip; the label comes from `app.status.<STATUS>`. */
export const StatusChip = (props: FieldProps) => {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (value == null || value === '') return null;
  const status = String(value);
  return (
    <Chip
      size="small"
      color={statusColor(status)}
      label={translate(`app.status.${status}`, { _: status })}
    />
  );
};
