import type { Identifier } from 'react-admin';

export interface BulkResult {
  id: Identifier;
  ok: boolean;
  /** The server's message when it refused this one. */
  message?: string;
}

/**
 * Runs one operation per record, a few at a time, and reports each record's outcome: a bulk
 * action never stops at the first refusal (one blocked user must not hold up the other fifty).
 */
export async function runForEach<T extends { id: Identifier }>(
  items: T[],
  operation: (item: T) => Promise<unknown>,
  { concurrency = 4, onProgress }: { concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index];
      try {
        await operation(item);
        results[index] = { id: item.id, ok: true };
      } catch (error) {
        results[index] = { id: item.id, ok: false, message: (error as Error).message };
      }
      done += 1;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** What the API accepts as a payout reference (UTR): 4-128 letters, digits and _ . : / - */
export const PAYOUT_REFERENCE_PATTERN = /^[A-Za-z0-9_.:/-]{4,128}$/;

export interface ParsedReferences {
  rows: { id: string; reference: string }[];
  errors: { line: number; text: string; message: string }[];
}

/**
 * Reads payout references pasted or uploaded as CSV: one "withdrawal id, reference" per line,
 * comma, semicolon or tab separated, with an optional header row (id / withdrawal_id,
 * reference / payout_reference / utr, in either order). Bad lines are reported, not dropped.
 */
export function parsePayoutReferences(text: string): ParsedReferences {
  const lines = text.split(/\r?\n/);
  const rows: ParsedReferences['rows'] = [];
  const errors: ParsedReferences['errors'] = [];
  let idColumn = 0;
  let referenceColumn = 1;
  const seen = new Set<string>();
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const cells = line.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
    if (index === 0 || rows.length + errors.length === 0) {
      const lower = cells.map((cell) => cell.toLowerCase());
      const id = lower.findIndex((cell) => ['id', 'withdrawal_id', 'withdrawalid', 'withdrawal'].includes(cell));
      const reference = lower.findIndex((cell) =>
        ['reference', 'payout_reference', 'payoutreference', 'utr'].includes(cell),
      );
      if (id >= 0 && reference >= 0) {
        idColumn = id;
        referenceColumn = reference;
        return;
      }
    }
    const id = (cells[idColumn] ?? '').replace(/^#/, '');
    const reference = cells[referenceColumn] ?? '';
    if (!/^[1-9]\d*$/.test(id)) {
      errors.push({ line: index + 1, text: line, message: 'app.bulk.bad_id' });
    } else if (!PAYOUT_REFERENCE_PATTERN.test(reference)) {
      errors.push({ line: index + 1, text: line, message: 'app.bulk.bad_reference' });
    } else if (seen.has(id)) {
      errors.push({ line: index + 1, text: line, message: 'app.bulk.duplicate_id' });
    } else {
      seen.add(id);
      rows.push({ id, reference });
    }
  });
  return { rows, errors };
}
