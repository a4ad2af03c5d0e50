import { useRecordContext } from 'react-admin';

/** Whether a record has a value at `source`: null, undefined and '' are a stage not reached. */
export function isSet(record: object | undefined, source: string): boolean {
  const value = (record as Record<string, unknown> | undefined)?.[source];
  return value !== null && value !== undefined && value !== '';
}

/** `has(source)` for the record in context: whether it has reached that field (see isSet). */
export function useRecordHas<T extends object>(): (source: keyof T & string) => boolean {
  const record = useRecordContext<T & { id: string | number }>();
  return (source) => isSet(record, source);
}
