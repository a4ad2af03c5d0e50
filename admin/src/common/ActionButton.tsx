import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactElement, type SyntheticEvent } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { isStaleRecordError } from '../graphql/errors';
import { countMessage } from '../i18n/countMessage';
import { confirmKeys } from './confirmKeys';

interface ActionButtonProps<RecordType extends RaRecord, Result> {
  /** Translation key of the label. */
  label: string;
  icon: ReactElement;
  /** The `canAccess` action checked on the current resource; the button hides when refused. */
  action: string;
  run: (dataProvider: AppDataProvider, record: RecordType, text: string) => Promise<Result>;
  /** Translation key of the notification after success. */
  successMessage: string;
  /** A count from the result the message is about (how many flags are open): see countMessage. */
  successCount?: (result: Result) => number;
  /**
   * Asks "are you sure?" first: the base of two translation keys, `<base>_title` titling the
   * dialog and `<base>_content` wording it (see confirmKeys).
   */
  confirm?: string;
  /** Asks for a text (reason, note, payout reference) the operation needs. */
  prompt?: {
    title: string;
    content?: string;
    inputLabel: string;
    minLength?: number;
    maxLength?: number;
    /** A reason or note spans lines; a reference is one line, and Enter submits it. */
    multiline?: boolean;
    /** Translation key of the input's format, shown before anything is typed. */
    help?: string;
  };
  color?: 'primary' | 'error' | 'success' | 'warning' | 'inherit';
  variant?: 'text' | 'outlined' | 'contained';
  /** Translation key saying why the server would refuse now: the button shows disabled with it. */
  disabledReason?: string | null;
}

/**
 * One admin operation on the current record (approve, reject, refund, block...), confirmed or
 * prompted first, with the server's message shown when it refuses (a CONFLICT when the record
 * changed meanwhile), and the page refreshed after.
 */
export function ActionButton<RecordType extends RaRecord = RaRecord, Result = unknown>({
  label,
  icon,
  action,
  run,
  successMessage,
  successCount,
  confirm,
  prompt,
  color = 'primary',
  variant = 'text',
  disabledReason,
}: ActionButtonProps<RecordType, Result>) {
  const record = useRecordContext<RecordType>();
  const resource = useResourceContext();
  const { canAccess } = useCanAccess({ resource, action, record });
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: (text: string) => run(dataProvider, record as RecordType, text),
    onSuccess: (result) => {
      const { message, messageArgs } = successCount
        ? countMessage(successMessage, successCount(result))
        : { message: successMessage, messageArgs: undefined };
      notify(message, { type: 'success', messageArgs });
      setOpen(false);
      refresh();
    },
    onError: (error: Error) => {
      notify(error.message, { type: 'error' });
      // Someone else changed the record: show it as it is now. Any other refusal keeps the
      // dialog open, so the text typed is not lost.
      if (isStaleRecordError(error)) {
        setOpen(false);
        refresh();
      }
    },
  });
  if (!record || !canAccess) return null;

  const start = () => (confirm || prompt ? setOpen(true) : mutate(''));
  return (
    // Inside a list row, a click here must not also open the row.
    <span onClick={stopPropagation}>
      <Button
        label={label}
        onClick={start}
        disabled={isPending || !!disabledReason}
        color={color}
        variant={variant}
        title={disabledReason ? translate(disabledReason) : undefined}
      >
        {icon}
      </Button>
      {disabledReason && (
        <Typography component="span" variant="caption" color="warning.main" data-disabled-reason sx={{ mx: 0.5 }}>
          {translate(disabledReason)}
        </Typography>
      )}
      {prompt ? (
        <PromptDialog
          open={open}
          loading={isPending}
          label={label}
          {...prompt}
          onSubmit={(text) => mutate(text)}
          onClose={() => setOpen(false)}
        />
      ) : confirm ? (
        <Confirm
          isOpen={open}
          loading={isPending}
          title={confirmKeys(confirm).title}
          content={confirmKeys(confirm).content}
          translateOptions={{ id: String(record.id) }}
          titleTranslateOptions={{ id: String(record.id) }}
          contentTranslateOptions={{ id: String(record.id) }}
          onConfirm={() => mutate('')}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </span>
  );
}

const stopPropagation = (event: SyntheticEvent) => event.stopPropagation();

interface PromptDialogProps {
  open: boolean;
  loading: boolean;
  label: string;
  title: string;
  content?: string;
  inputLabel: string;
  minLength?: number;
  maxLength?: number;
  multiline?: boolean;
  help?: string;
  onSubmit: (text: string) => void;
  onClose: () => void;
}

const PromptDialog = ({
  open,
  loading,
  label,
  title,
  content,
  inputLabel,
  minLength = 1,
  maxLength = 500,
  multiline = true,
  help,
  onSubmit,
  onClose,
}: PromptDialogProps) => {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const tooShort = text.trim().length < minLength;
  const close = () => {
    if (!loading) onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onExited: () => setText('') } }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!tooShort && !loading) onSubmit(text.trim());
        }}
      >
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>
          {content && <DialogContentText sx={{ mb: 2 }}>{translate(content)}</DialogContentText>}
          <TextField
            autoFocus
            fullWidth
            multiline={multiline}
            minRows={multiline ? 2 : undefined}
            label={translate(inputLabel)}
            value={text}
            onChange={(event) => setText(event.target.value)}
            helperText={
              help
                ? translate(help)
                : minLength > 1
                  ? translate('app.actions.min_length', { count: minLength })
                  : undefined
            }
            slotProps={{ htmlInput: { maxLength } }}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={close} disabled={loading}>
            {translate('ra.action.cancel')}
          </MuiButton>
          <MuiButton type="submit" variant="contained" disabled={tooShort || loading}>
            {translate(label)}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
