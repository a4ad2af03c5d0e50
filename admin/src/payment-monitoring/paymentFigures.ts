import type { TranslateFunction } from 'react-admin';
import type { Figure } from '../dashboard/FigureList';
import { formatDuration, formatRatio } from '../reports/reportMath';
import type { PaymentMonitoring } from '../reports/types';

/** The contract's payment monitoring figures, labelled; `prefix` names them for the e2e check. */
export function paymentFigures(monitoring: PaymentMonitoring, translate: TranslateFunction, prefix: string): Figure[] {
  const label = (key: string) => translate(`app.reporting.payments.${key}`);
  const count = (value: number) => value.toLocaleString('en-IN');
  return [
    { name: `${prefix}.successRate`, label: label('success_rate'), value: formatRatio(monitoring.successRate), hint: label('success_rate_hint') },
    { name: `${prefix}.created`, label: label('created'), value: count(monitoring.created) },
    { name: `${prefix}.paid`, label: label('paid'), value: count(monitoring.paid) },
    { name: `${prefix}.failed`, label: label('failed'), value: count(monitoring.failed) },
    { name: `${prefix}.pending`, label: label('pending'), value: count(monitoring.pending) },
    { name: `${prefix}.stalePending`, label: label('stale_pending'), value: count(monitoring.stalePending), hint: label('stale_pending_hint') },
    { name: `${prefix}.medianSecondsToPay`, label: label('median_time_to_pay'), value: formatDuration(monitoring.medianSecondsToPay) },
  ];
}
