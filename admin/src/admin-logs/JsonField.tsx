import { Box, Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';

/** A JSON value pretty-printed, for the before/after snapshots of a change. */
export const JsonField = (props: FieldProps) => {
  const value = useFieldValue(props);
  if (value == null) {
    return <Typography variant="body2">—</Typography>;
  }
  return (
    <Box
      component="pre"
      sx={{
        m: 0,
        p: 1.5,
        borderRadius: 1,
        bgcolor: 'action.hover',
        fontFamily: 'monospace',
        fontSize: 13,
        overflowX: 'auto',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
};
