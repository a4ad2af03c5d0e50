import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
} from '@mui/material';
import { useState, type ComponentType, type ReactElement } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useListContext,
  useRefresh,
  useTranslate,
  useUnselectAll,
  type Identifier,
} from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { runForEach, type BulkResult } from './bulk';
import { BulkResultsDialog } from './BulkResultsDialog';

interface BulkOperationButtonProps {
  /** Translation key of the label; `<label>_title` / `<label>_content` word the dialog. */
  label: string;
  icon: ReactElement;
  /** The canAccess action on the list's resource; hidden when refused. */
  action: string;
  color?: 'primary' | 'error' | 'success';
  /**
   * The form inside the dialog (a reason, references), if the operation needs input; it
   * reports what it holds through `onChange` and whether that is ready.
   */
  form?: ComponentType<{ onChange: (value: string, ready: boolean) => void }>;
  /** The operation on one selected record, given the dialog's input. */
  run: (dataProvider: AppDataProvider, id: Identifier, input: string) => Promise<unknown>;
  /** The ids to act on, from the selection and the input (mark paid takes them from a CSV). */
  targets?: (selectedIds: Identifier[], input: string) => Identifier[];
}

/**
 * A bulk action on the selected rows: confirm (with input when needed), run on each record a few
 * at a time with a progress bar, then show each record's result; refusals never stop the rest.
 */
export const BulkOperationButton = ({
  label,
  icon,
  action,
  color = 'primary',
  form,
  run,
  targets = (selectedIds) => selectedIds,
}: BulkOperationButtonProps) => {
  const { resource, selectedIds } = useListContext();
  const { canAccess } = useCanAccess({ resource, action });
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState({ value: '', ready: !form });
  const [done, setDone] = useState<number | null>(null);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  if (!canAccess) return null;
  const Form = form;
  const ids = targets(selectedIds, input.value);
  const start = async () => {
    setDone(0);
    const outcome = await runForEach(
      ids.map((id) => ({ id })),
      ({ id }) => run(dataProvider, id, input.value),
      { onProgress: setDone },
    );
    setDone(null);
    setOpen(false);
    setResults(outcome);
    unselectAll();
    refresh();
  };
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} color={color}>
        {icon}
      </Button>
      <Dialog open={open} onClose={() => done === null && setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate(`${label}_title`, { smart_count: ids.length })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(`${label}_content`)}</DialogContentText>
          {Form && <Form onChange={(value, ready) => setInput({ value, ready })} />}
          {done !== null && (
            <LinearProgress variant="determinate" value={(100 * done) / Math.max(ids.length, 1)} sx={{ mt: 2 }} />
          )}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)} disabled={done !== null}>
            {translate('ra.action.cancel')}
          </MuiButton>
          <MuiButton
            variant="contained"
            color={color}
            onClick={start}
            disabled={done !== null || !input.ready || ids.length === 0}
          >
            {translate(label)}
          </MuiButton>
        </DialogActions>
      </Dialog>
      <BulkResultsDialog results={results} onClose={() => setResults(null)} />
    </>
  );
};
