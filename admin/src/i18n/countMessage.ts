/**
 * A message about a count. English polyglot strings have exactly two forms
 * ("%{smart_count} flag |||| %{smart_count} flags"); the zero case reads better as a sentence
 * of its own, so a zero count picks `<key>_none`.
 */
export function countMessage(
  key: string,
  count: number,
): { message: string; messageArgs: { smart_count: number } } {
  return { message: count === 0 ? `${key}_none` : key, messageArgs: { smart_count: count } };
}
