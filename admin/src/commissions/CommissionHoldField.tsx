import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Commission, UserStatus } from '../types';
import { commissionHoldReason } from './commissionHold';

/** Why a pending commission is not yet available: its hold period, a fraud review or a block. */
export const CommissionHoldField = ({ beneficiaryStatus }: { beneficiaryStatus?: UserStatus }) => {
  const commission = useRecordContext<Commission>();
  const translate = useTranslate();
  if (!commission) return null;
  const beneficiary = beneficiaryStatus
    ? { id: commission.beneficiaryId, status: beneficiaryStatus }
    : commission.beneficiary;
  const reason = commissionHoldReason({ ...commission, beneficiary }, new Date());
  if (!reason) return null;
  return (
    <Typography
      component="span"
      variant="body2"
      color={reason === 'hold_period' ? 'text.secondary' : 'warning.main'}
      data-hold-reason={reason}
    >
      {translate(`app.commissions.held.${reason}`)}
    </Typography>
  );
};
