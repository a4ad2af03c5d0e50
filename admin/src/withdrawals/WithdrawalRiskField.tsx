import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatMoney } from '../money';
import type { Withdrawal } from '../types';
import { accountAgeDays } from './withdrawalRisk';

/**
 * The requester's risk at a glance: their status, open flags, account age, earned vs. already
 * withdrawn, and how many other users asked to be paid to the same UPI ID.
 */
export const WithdrawalRiskField = () => {
  const withdrawal = useRecordContext<Withdrawal>();
  const translate = useTranslate();
  const risk = withdrawal?.risk;
  if (!risk) return null;
  const age = accountAgeDays(risk.accountCreatedAt, new Date());
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} data-risk>
      {risk.userStatus !== 'ACTIVE' && (
        <Chip
          size="small"
          color={risk.userStatus === 'BLOCKED' ? 'error' : 'warning'}
          label={translate(`app.status.${risk.userStatus}`)}
        />
      )}
      {risk.openFlags > 0 && (
        <Chip size="small" color="warning" label={translate('app.withdrawals.risk.open_flags', { smart_count: risk.openFlags })} />
      )}
      {risk.sameUpiUsers > 0 && (
        <Tooltip title={translate('app.withdrawals.risk.same_upi_hint')}>
          <Chip size="small" color="warning" variant="outlined" label={translate('app.withdrawals.risk.same_upi', { smart_count: risk.sameUpiUsers })} />
        </Tooltip>
      )}
      <Chip
        size="small"
        variant="outlined"
        color={age < 7 ? 'warning' : 'default'}
        label={translate('app.withdrawals.risk.age', { smart_count: age })}
      />
      <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {translate('app.withdrawals.risk.earned_withdrawn', {
          earned: formatMoney(risk.totalEarned),
          withdrawn: formatMoney(risk.totalWithdrawn),
        })}
      </Typography>
    </Stack>
  );
};
