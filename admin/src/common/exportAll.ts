import { csvColumns, csvLine, csvRows, flattenRecord } from './csv';

/** Rows per request: the API's largest page. */
export const EXPORT_PAGE_SIZE = 1000;
/** The most rows one export writes. */
export const EXPORT_LIMIT = 100_000;

export interface ExportPage {
  data: Record<string, unknown>[];
  total?: number;
}

/**
 * Pages through a list (its filters and sort are the caller's) and returns the CSV as parts for
 * a Blob: one request of EXPORT_PAGE_SIZE rows at a time, yielding to the browser between pages
 * so the tab stays responsive, reporting progress. Stops at `limit` rows or the last page.
 */
export async function exportAll(
  fetchPage: (page: number, perPage: number) => Promise<ExportPage>,
  {
    pageSize = EXPORT_PAGE_SIZE,
    limit = EXPORT_LIMIT,
    onProgress,
    signal,
  }: {
    pageSize?: number;
    limit?: number;
    onProgress?: (done: number, total: number | undefined) => void;
    signal?: AbortSignal;
  } = {},
): Promise<{ parts: string[]; rows: number }> {
  const parts: string[] = [];
  let columns: string[] | null = null;
  let rows = 0;
  for (let page = 1; rows < limit; page += 1) {
    signal?.throwIfAborted();
    const { data, total } = await fetchPage(page, pageSize);
    const records = data.slice(0, limit - rows).map((record) => flattenRecord(record));
    if (!columns) {
      columns = csvColumns(records);
      parts.push(csvLine(columns));
    }
    parts.push(csvRows(records, columns));
    rows += records.length;
    onProgress?.(rows, total === undefined ? undefined : Math.min(total, limit));
    if (data.length < pageSize || (total !== undefined && rows >= total)) break;
    // Let the browser paint the progress and handle input between pages.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { parts, rows };
}
