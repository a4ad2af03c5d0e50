import { Typography } from '@mui/material';
import { useFieldValue, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import type { WalletTransaction } from '../types';
import { BALANCE_BUCKET_WORDS, inWords } from './choices';
import { formatBucketMove } from './format';

/** An enum value in words (`<prefix>.<VALUE>`); a value without words shows as it is. */
export const WordsField = ({ prefix, ...props }: FieldProps & { prefix: string }) => {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (value == null) return null;
  return (
    <Typography component="span" variant="body2">
      {inWords(translate, prefix, String(value))}
    </Typography>
  );
};

/** Where a ledger entry's money went, in words: "Pending → Available", or the one bucket. */
export const BucketMoveField = () => {
  const entry = useRecordContext<WalletTransaction>();
  const translate = useTranslate();
  if (!entry) return null;
  const words = (bucket: string) => inWords(translate, BALANCE_BUCKET_WORDS, bucket);
  return (
    <Typography component="span" variant="body2">
      {formatBucketMove(entry, words)}
    </Typography>
  );
};
