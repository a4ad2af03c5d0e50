import { Box } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';

/** The raw body pretty-printed when it is JSON (it always is once signed), else as received. */
export function prettyBody(body: string | null | undefined): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A webhook's body as received (payment and payout events), in a scrolling monospace block. */
export const RawBodyField = (props: FieldProps) => {
  const body = useFieldValue(props);
  return (
    <Box component="pre" sx={{ m: 0, p: 1.5, borderRadius: 1, bgcolor: 'action.hover', fontFamily: 'monospace', fontSize: 13, overflowX: 'auto' }}>
      {prettyBody(typeof body === 'string' ? body : null)}
    </Box>
  );
};
