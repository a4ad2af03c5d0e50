import type { TranslateFunction } from 'react-admin';
import type { Figure } from '../dashboard/FigureList';
import { formatMoney } from '../money';
import { formatRatio } from './reportMath';
import type { Kpis } from './types';

const hours = (value: number | null | undefined) => (value == null ? '—' : `${Math.round(value * 10) / 10} h`);

/** The contract's KPIs, labelled, with a hint saying how each is computed. */
export function kpiFigures(kpis: Kpis, translate: TranslateFunction): Figure[] {
  const figure = (key: keyof Kpis, value: string): Figure => ({
    name: `kpis.${key}`,
    label: translate(`app.reporting.kpis.${key}`),
    hint: translate(`app.reporting.kpis.${key}_hint`),
    value,
  });
  return [
    figure('conversionRate', formatRatio(kpis.conversionRate)),
    figure('referralConversionRate', formatRatio(kpis.referralConversionRate)),
    figure('averageOrderValue', formatMoney(kpis.averageOrderValue)),
    figure('commissionToProfitRatio', formatRatio(kpis.commissionToProfitRatio)),
    figure('activeReferrers', kpis.activeReferrers.toLocaleString('en-IN')),
    figure('refundRate', formatRatio(kpis.refundRate)),
    figure('withdrawalMedianHours', hours(kpis.withdrawalMedianHours)),
    figure('withdrawalP90Hours', hours(kpis.withdrawalP90Hours)),
  ];
}
