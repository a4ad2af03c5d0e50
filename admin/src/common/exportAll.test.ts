import { describe, expect, it } from 'vitest';
import { exportAll } from './exportAll';

const table = Array.from({ length: 2_503 }, (_, index) => ({ id: index + 1, upiId: `u${index + 1}@upi` }));
const fetchFrom = (rows: typeof table, requests: number[][]) => async (page: number, perPage: number) => {
  requests.push([page, perPage]);
  return { data: rows.slice((page - 1) * perPage, page * perPage), total: rows.length };
};

describe('exportAll', () => {
  it('pages through every row in order, a header once, and reports progress', async () => {
    const requests: number[][] = [];
    const progress: number[] = [];
    const { parts, rows } = await exportAll(fetchFrom(table, requests), {
      pageSize: 1000,
      onProgress: (done) => progress.push(done),
    });
    expect(rows).toBe(2_503);
    expect(requests).toEqual([[1, 1000], [2, 1000], [3, 1000]]);
    expect(progress).toEqual([1000, 2000, 2503]);
    const lines = parts.join('').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,upiId');
    expect(lines).toHaveLength(2_504);
    expect(lines[2_503]).toBe('2503,u2503@upi');
  });

  it('stops at the limit', async () => {
    const requests: number[][] = [];
    const { parts, rows } = await exportAll(fetchFrom(table, requests), { pageSize: 1000, limit: 1_500 });
    expect(rows).toBe(1_500);
    expect(requests).toHaveLength(2);
    expect(parts.join('').trimEnd().split('\r\n')).toHaveLength(1_501);
  });

  it('writes only a header for an empty list', async () => {
    const { parts, rows } = await exportAll(async () => ({ data: [], total: 0 }));
    expect(rows).toBe(0);
    expect(parts.join('')).toBe('\r\n');
  });
});
