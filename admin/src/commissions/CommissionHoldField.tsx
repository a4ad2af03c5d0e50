import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Commission } from '../types';
import { commissionHoldReason } from './commissionHold';

/** Why a pending commission is not yet available: its hold period, a fraud review or a block. */
export const CommissionHoldField = () => {
  const commission = useRecordContext<Commission>();
  const translate = useTranslate();
  if (!commission) return null;
  const reason = commissionHoldReason(commission, new Date());
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
