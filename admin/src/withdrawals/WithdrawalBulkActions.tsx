import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import PaidIcon from '@mui/icons-material/Paid';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { parsePayoutReferences } from '../common/bulk';
import { BulkOperationButton } from '../common/BulkOperationButton';
import { BulkReasonForm } from '../common/BulkReasonForm';

/** Payout references pasted or read from a bank's CSV, checked line by line as typed. */
const ReferencesForm = ({ onChange }: { onChange: (value: string, ready: boolean) => void }) => {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const parsed = parsePayoutReferences(text);
  const update = (value: string) => {
    setText(value);
    const { rows } = parsePayoutReferences(value);
    onChange(value, rows.length > 0);
  };
  return (
    <Stack spacing={1}>
      <TextField
        autoFocus
        fullWidth
        multiline
        minRows={4}
        name="references"
        label={translate('app.bulk.references')}
        placeholder={'12,UTR000123\n13,UTR000124'}
        helperText={translate('app.bulk.references_help')}
        value={text}
        onChange={(event) => update(event.target.value)}
      />
      <Button component="label" startIcon={<UploadFileIcon />} sx={{ alignSelf: 'flex-start' }}>
        {translate('app.bulk.upload_csv')}
        <input
          hidden
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) update(await file.text());
          }}
        />
      </Button>
      {parsed.rows.length > 0 && (
        <Alert severity="info">{translate('app.bulk.references_read', { smart_count: parsed.rows.length })}</Alert>
      )}
      {parsed.errors.map(({ line, text: lineText, message }) => (
        <Alert key={line} severity="warning">
          {translate('app.bulk.line', { line })}: “{lineText}” — {translate(message)}
        </Alert>
      ))}
    </Stack>
  );
};

/**
 * Marks many approved withdrawals paid from the bank's references, matched by withdrawal id (no
 * selection needed: the list says which).
 */
export const BulkMarkPaidButton = () => (
  <BulkOperationButton
    label="app.withdrawals.bulk_mark_paid"
    action="markPaid"
    color="success"
    icon={<PaidIcon />}
    form={ReferencesForm}
    targets={(_, input) => parsePayoutReferences(input).rows.map(({ id }) => id)}
    run={(dataProvider, id, input) => {
      const row = parsePayoutReferences(input).rows.find((candidate) => candidate.id === String(id));
      return dataProvider.markWithdrawalPaid(id, row!.reference);
    }}
  />
);

/** Approve or reject the selected withdrawals, with each one's result. */
export const WithdrawalBulkActions = () => (
  <>
    <BulkOperationButton
      label="app.withdrawals.bulk_approve"
      action="approve"
      color="success"
      icon={<CheckIcon />}
      run={(dataProvider, id) => dataProvider.approveWithdrawal(id)}
    />
    <BulkOperationButton
      label="app.withdrawals.bulk_reject"
      action="reject"
      color="error"
      icon={<CloseIcon />}
      form={BulkReasonForm}
      run={(dataProvider, id, reason) => dataProvider.rejectWithdrawal(id, reason)}
    />
  </>
);
