import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import PaidIcon from '@mui/icons-material/Paid';
import { useRecordContext } from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import type { Withdrawal } from '../types';
import { allowedWithdrawalActions } from './withdrawalActions';

/** The buttons the withdrawal's status allows: approve / reject, then mark paid / reject. */
export const WithdrawalActionButtons = ({ variant = 'text' }: { variant?: 'text' | 'outlined' }) => {
  const withdrawal = useRecordContext<Withdrawal>();
  const actions = allowedWithdrawalActions(withdrawal?.status);
  return (
    <>
      {actions.includes('approve') && (
        <ActionButton<Withdrawal>
          label="app.withdrawals.approve"
          action="approve"
          icon={<CheckIcon />}
          variant={variant}
          color="success"
          confirm="app.withdrawals.approve"
          disabledReason={
            withdrawal?.risk?.approvalBlockedReason
              ? `app.withdrawals.approval_blocked.${withdrawal.risk.approvalBlockedReason}`
              : null
          }
          run={(dataProvider, record) => dataProvider.approveWithdrawal(record.id)}
          successMessage="app.withdrawals.approved"
        />
      )}
      {actions.includes('markPaid') && (
        <ActionButton<Withdrawal>
          label="app.withdrawals.mark_paid"
          action="markPaid"
          icon={<PaidIcon />}
          variant={variant}
          color="success"
          prompt={{
            title: 'app.withdrawals.mark_paid_title',
            content: 'app.withdrawals.mark_paid_content',
            inputLabel: 'app.withdrawals.payout_reference',
            minLength: 4,
            maxLength: 128,
            multiline: false,
            help: 'app.withdrawals.payout_reference_help',
          }}
          run={(dataProvider, record, payoutReference) =>
            dataProvider.markWithdrawalPaid(record.id, payoutReference)
          }
          successMessage="app.withdrawals.marked_paid"
        />
      )}
      {actions.includes('reject') && (
        <ActionButton<Withdrawal>
          label="app.withdrawals.reject"
          action="reject"
          icon={<CloseIcon />}
          variant={variant}
          color="error"
          prompt={{
            title: 'app.withdrawals.reject_title',
            content: 'app.withdrawals.reject_content',
            inputLabel: 'app.actions.reason',
            minLength: 3,
          }}
          run={(dataProvider, record, reason) => dataProvider.rejectWithdrawal(record.id, reason)}
          successMessage="app.withdrawals.rejected"
        />
      )}
    </>
  );
};
