/**
 * CSV text as spreadsheets read it (RFC 4180): cells with a comma, quote or line break are
 * quoted, quotes doubled; a cell that a spreadsheet would run as a formula (= + - @ at the
 * start, from user-typed names) is prefixed with ' (CSV injection), numbers stay numbers.
 */
export function csvCell(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A record's fields as flat columns: nested objects become `user.username`, lists JSON. */
export function flattenRecord(record: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === '__typename') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(flat, flattenRecord(value as Record<string, unknown>, name));
    } else {
      flat[name] = value;
    }
  }
  return flat;
}

/** The columns of a set of flattened records, in first-seen order. */
export function csvColumns(records: Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) columns.add(key);
  return [...columns];
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The CSV rows (no header) of records, in the given columns. */
export function csvRows(records: Record<string, unknown>[], columns: string[]): string {
  return records.map((record) => csvLine(columns.map((column) => record[column]))).join('');
}
