import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import type { AppConfig } from '../config/app-config.js';
import type { ReportingService } from '../reporting/reporting.service.js';
import type { BusinessFiguresRepository } from './business-figures.repository.js';
import { BusinessMetrics } from './business-metrics.js';
import type { MetricsService } from './metrics.service.js';

/** The business gauges over a database that is down, then up, then down again. */
function gauges() {
  const registry = new Registry();
  const database = { up: false };
  const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  const reporting = { dashboard: () => (database.up ? Promise.resolve({ liabilities: { pending: 3700, available: 7400, locked: 50000 } }) : down()) };
  const repository = { openCounts: () => (database.up ? Promise.resolve({ openWithdrawals: 1, openFraudFlags: 2, pendingCommissions: 3 }) : down()) };
  const metrics = new BusinessMetrics(
    { enabled: true, registry } as MetricsService,
    reporting as unknown as ReportingService,
    repository as unknown as BusinessFiguresRepository,
    { BUSINESS_METRICS_REFRESH_SECONDS: 0 } as AppConfig,
  );
  metrics.onModuleInit();
  const series = async () => (await registry.metrics()).split('\n').filter((line) => line.startsWith('ott_'));
  return { database, series };
}

describe('business gauges', () => {
  it('have no series while no read has succeeded (never a made-up 0)', async () => {
    const { series } = gauges();
    expect(await series()).toEqual([]);
    expect(await series()).toEqual([]);
  });

  it('show the figures once read, and keep the last ones with the time they were read while reads fail', async () => {
    const { database, series } = gauges();
    expect(await series()).toEqual([]);
    database.up = true;
    const before = Date.now() / 1000;
    const up = await series();
    expect(up.filter((line) => !line.startsWith('ott_business_figures_last_success_timestamp_seconds'))).toEqual([
      'ott_liabilities_paise{bucket="pending"} 3700',
      'ott_liabilities_paise{bucket="available"} 7400',
      'ott_liabilities_paise{bucket="locked"} 50000',
      'ott_open_withdrawals 1',
      'ott_open_withdrawals_amount_paise 50000',
      'ott_open_fraud_flags 2',
      'ott_pending_commissions 3',
      'ott_pending_commissions_amount_paise 3700',
    ]);
    const readAt = Number(up.find((line) => line.startsWith('ott_business_figures_last_success_timestamp_seconds '))!.split(' ')[1]);
    expect(readAt).toBeGreaterThanOrEqual(Math.floor(before));
    expect(readAt).toBeLessThanOrEqual(Date.now() / 1000);
    database.up = false;
    await new Promise((wait) => setTimeout(wait, 5));
    expect(await series()).toEqual(up);
  });
});
