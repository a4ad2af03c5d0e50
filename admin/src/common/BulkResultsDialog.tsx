import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import type { BulkResult } from './bulk';

/** Each record's outcome of a bulk action: done, or the server's reason for refusing it. */
export const BulkResultsDialog = ({
  results,
  onClose,
}: {
  results: BulkResult[] | null;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const succeeded = results?.filter(({ ok }) => ok).length ?? 0;
  return (
    <Dialog open={results !== null} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="bulk-results-title">
      <DialogTitle id="bulk-results-title">
        {translate('app.bulk.results', { done: succeeded, total: results?.length ?? 0 })}
      </DialogTitle>
      <DialogContent dividers>
        <List dense data-testid="bulk-results">
          {results?.map((result) => (
            <ListItem key={String(result.id)} data-result={result.ok ? 'ok' : 'refused'}>
              <ListItemIcon>
                {result.ok ? <CheckCircleIcon color="success" /> : <ErrorIcon color="error" />}
              </ListItemIcon>
              <ListItemText
                primary={`#${result.id}`}
                secondary={result.ok ? translate('app.bulk.done') : result.message}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
