import { DataTable, DateField, type DataTableColumnProps } from 'react-admin';
import { MoneyField } from './MoneyField';
import { StatusChip } from './StatusChip';
import { BucketMoveField, WordsField } from './WordsField';

type ColumnProps = Omit<DataTableColumnProps, 'children' | 'source'> & { source: string };

/** A date-and-time column, as react-admin's `DataTable.NumberCol` is a number column. */
export const DateCol = ({ source, ...rest }: ColumnProps) => (
  <DataTable.Col source={source} {...rest}>
    <DateField source={source} showTime />
  </DataTable.Col>
);

/** A money column (paise shown as rupees), right-aligned; `signed` for ledger amounts. */
export const MoneyCol = ({ source, signed, ...rest }: ColumnProps & { signed?: boolean }) => (
  <DataTable.Col source={source} align="right" {...rest}>
    <MoneyField source={source} signed={signed} />
  </DataTable.Col>
);

/** A status column shown as a coloured chip. */
export const StatusCol = ({ source, ...rest }: ColumnProps) => (
  <DataTable.Col source={source} {...rest}>
    <StatusChip source={source} />
  </DataTable.Col>
);

/** An enum column in words (`<prefix>.<VALUE>`; a value without words shows as it is). */
export const WordsCol = ({ source, prefix, ...rest }: ColumnProps & { prefix: string }) => (
  <DataTable.Col source={source} {...rest}>
    <WordsField source={source} prefix={prefix} />
  </DataTable.Col>
);

/** Where a ledger entry's money went, in words: "Pending → Available". */
export const BucketMoveCol = (props: Omit<ColumnProps, 'source'>) => (
  <DataTable.Col source="bucket" label="resources.WalletTransaction.fields.move" disableSort {...props}>
    <BucketMoveField />
  </DataTable.Col>
);
