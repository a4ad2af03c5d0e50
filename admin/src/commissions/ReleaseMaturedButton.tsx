import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRefresh,
} from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { errorReason } from '../graphql/errors';
import { countMessage } from '../i18n/countMessage';

/**
 * Runs the release job now: every PENDING commission whose hold has passed becomes AVAILABLE
 * (the worker does the same on its schedule). Tells how many were released, or that nothing
 * was done because another release (the schedule's, another admin's) is running.
 */
export const ReleaseMaturedButton = () => {
  const { canAccess } = useCanAccess({ resource: 'Commission', action: 'release' });
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.processPendingCommissions(),
    onSuccess: ({ released }) => {
      const { message, messageArgs } = countMessage('app.commissions.released', released);
      notify(message, { type: 'success', messageArgs });
      refresh();
    },
    onError: (error: Error) =>
      errorReason(error) === 'RELEASE_IN_PROGRESS'
        ? notify('app.commissions.release_in_progress', { type: 'warning' })
        : notify(error.message, { type: 'error' }),
    onSettled: () => setConfirming(false),
  });
  if (!canAccess) return null;
  return (
    <>
      <Button label="app.commissions.release" onClick={() => setConfirming(true)} disabled={isPending}>
        <LockOpenIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={isPending}
        title="app.commissions.release_title"
        content="app.commissions.release_content"
        onConfirm={() => mutate()}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
