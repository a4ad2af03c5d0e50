import { sumMoney } from '../common/format';
import type { DashboardData, Money } from '../types';

export interface PendingWithdrawalsSummary {
  count: number;
  amount: Money;
  /** The amount covers only the oldest rows fetched; the real total is higher. */
  partial: boolean;
  /** null when no row came back: an empty queue, or rows handled after the count was read. */
  oldestAt: string | null;
}

/** The pending queue's size and amount, summed over the rows the dashboard fetched. */
export function summarizePendingWithdrawals(
  data: Pick<DashboardData, 'pendingWithdrawals' | 'pendingWithdrawalAmounts'>,
): PendingWithdrawalsSummary {
  const rows = data.pendingWithdrawalAmounts;
  return {
    count: data.pendingWithdrawals.count,
    amount: sumMoney(rows.map(({ amount }) => amount)),
    partial: data.pendingWithdrawals.count > rows.length,
    oldestAt: rows[0]?.createdAt ?? null,
  };
}

/** A list path with its filter set, as react-admin reads it from the URL. */
export function filteredListPath(resource: string, filter: Record<string, unknown>): string {
  return `/${resource}?${new URLSearchParams({ filter: JSON.stringify(filter) })}`;
}
