import { describe, expect, it } from 'vitest';
import { filteredListPath, summarizePendingWithdrawals } from './dashboardSummary';

describe('summarizePendingWithdrawals', () => {
  it('sums the queue and names its oldest request', () => {
    expect(
      summarizePendingWithdrawals({
        pendingWithdrawals: { count: 2 },
        pendingWithdrawalAmounts: [
          { id: '4', amount: 50000, createdAt: '2026-01-01T09:00:00.000Z' },
          { id: '9', amount: 72550, createdAt: '2026-01-02T09:00:00.000Z' },
        ],
      }),
    ).toEqual({ count: 2, amount: 122550, partial: false, oldestAt: '2026-01-01T09:00:00.000Z' });
  });

  it('says the amount is partial when the queue is longer than the rows fetched', () => {
    const summary = summarizePendingWithdrawals({
      pendingWithdrawals: { count: 501 },
      pendingWithdrawalAmounts: [{ id: '1', amount: 50000, createdAt: '2026-01-01T09:00:00.000Z' }],
    });
    expect(summary.partial).toBe(true);
  });

  it('names no oldest request when the rows were handled after the count was read', () => {
    expect(
      summarizePendingWithdrawals({ pendingWithdrawals: { count: 2 }, pendingWithdrawalAmounts: [] }),
    ).toEqual({ count: 2, amount: 0, partial: true, oldestAt: null });
  });

  it('is empty with an empty queue', () => {
    expect(
      summarizePendingWithdrawals({ pendingWithdrawals: { count: 0 }, pendingWithdrawalAmounts: [] }),
    ).toEqual({ count: 0, amount: 0, partial: false, oldestAt: null });
  });
});

describe('filteredListPath', () => {
  it('puts the filter in the URL as react-admin reads it', () => {
    const path = filteredListPath('Withdrawal', { status: 'PENDING' });
    const url = new URL(path, 'http://panel');
    expect(url.pathname).toBe('/Withdrawal');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ status: 'PENDING' });
  });
});
