/** Whether a record has a value at `source`: null, undefined and '' are a stage not reached. */
export function isSet(record: object | undefined, source: string): boolean {
  const value = (record as Record<string, unknown> | undefined)?.[source];
  return value !== null && value !== undefined && value !== '';
}
