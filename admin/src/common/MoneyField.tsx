import { Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';
import { formatMoney } from '../money';
import { formatSignedMoney } from './format';

interface MoneyFieldProps extends FieldProps {
  /** Show + on credits, as ledger amounts are signed. */
  signed?: boolean;
}

/** Integer paise shown as rupees: 13500 → ₹135.00. */
export const MoneyField = ({ signed = false, ...props }: MoneyFieldProps) => {
  const value = useFieldValue(props);
  const text =
    typeof value === 'number' && Number.isSafeInteger(value)
      ? signed
        ? formatSignedMoney(value)
        : formatMoney(value)
      : value == null
        ? ''
        : String(value);
  return (
    <Typography
      component="span"
      variant="body2"
      sx={{
        fontVariantNumeric: 'tabular-nums',
        whiteSpace: 'nowrap',
        color: signed && typeof value === 'number' && value < 0 ? 'error.main' : undefined,
      }}
    >
      {text}
    </Typography>
  );
};
