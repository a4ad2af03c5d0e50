import DownloadIcon from '@mui/icons-material/Download';
import SendIcon from '@mui/icons-material/Send';
import { useState } from 'react';
import {
  Button,
  Confirm,
  downloadCSV,
  useCanAccess,
  useDataProvider,
  useListContext,
  useNotify,
  useRefresh,
  useUnselectAll,
} from 'react-admin';
import type { AppDataProvider } from '../dataProvider';

/**
 * Sends the selected APPROVED withdrawals through the payout provider (sendPayouts), all or
 * nothing: one that is not approved, or whose user is blocked or flagged, refuses the batch.
 */
export const SendPayoutsButton = () => {
  const { resource, selectedIds } = useListContext();
  const { canAccess } = useCanAccess({ resource, action: 'sendPayouts' });
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  if (!canAccess) return null;
  const send = async () => {
    setLoading(true);
    try {
      const { data } = await dataProvider.sendPayouts(selectedIds);
      const processing = data.filter((withdrawal) => withdrawal.status === 'PROCESSING').length;
      notify('app.withdrawals.payouts_sent', { type: 'info', messageArgs: { processing, refused: data.length - processing } });
      unselectAll();
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setLoading(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button label="app.withdrawals.send_payouts" onClick={() => setOpen(true)} color="success">
        <SendIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={loading}
        title="app.withdrawals.send_payouts_title"
        content="app.withdrawals.send_payouts_content"
        translateOptions={{ smart_count: selectedIds.length }}
        onConfirm={send}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/** RazorpayX's bulk UPI payout file for the selected APPROVED withdrawals, for upload by hand. */
export const DownloadPayoutFileButton = () => {
  const { selectedIds } = useListContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      const csv = await dataProvider.payoutFile(selectedIds);
      downloadCSV(csv, `razorpayx-payouts-${new Date().toISOString().slice(0, 10)}`);
      notify('app.withdrawals.payout_file_done', { type: 'info' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button label="app.withdrawals.payout_file" onClick={download} disabled={loading}>
      <DownloadIcon />
    </Button>
  );
};
