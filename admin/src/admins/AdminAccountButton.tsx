import { useMutation } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import {
  Button,
  Confirm,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import type { Admin } from '../types';

interface AdminAccountButtonProps {
  /** Translation key of the label; `<label>_title` and `<label>_content` word the confirmation. */
  label: string;
  successMessage: string;
  icon: ReactElement;
  run: (dataProvider: AppDataProvider, admin: Admin) => Promise<unknown>;
}

/** A confirmed action on the admin account of the current row (disable, enable, role). */
export const AdminAccountButton = ({ label, successMessage, icon, run }: AdminAccountButtonProps) => {
  const admin = useRecordContext<Admin>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: (account: Admin) => run(dataProvider, account),
    onSuccess: () => {
      notify(successMessage, { type: 'success' });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
    onSettled: () => setConfirming(false),
  });
  if (!admin) return null;

  return (
    <>
      <Button label={label} onClick={() => setConfirming(true)} disabled={isPending}>
        {icon}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={isPending}
        title={`${label}_title`}
        content={`${label}_content`}
        titleTranslateOptions={{ name: admin.username || admin.telegramId }}
        onConfirm={() => mutate(admin)}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
