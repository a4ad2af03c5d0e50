import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { DatabasePool } from '../database/database-pool.js';
import { MetricsService } from '../observability/metrics.service.js';
import { FOLD_LAG_WARNING_MS, ReportFoldJob } from './report-fold.job.js';
import type { ReportMaintenanceService } from './report-maintenance.service.js';

function metricsService() {
  const pool = { stats: () => ({ total: 0, idle: 0, waiting: 0 }) } as unknown as DatabasePool;
  return new MetricsService({ METRICS_ENABLED: false } as AppConfig, pool, { options: { type: 'postgres' } } as DataSource);
}

function jobFolding(to: () => Date) {
  const maintenance = { foldPayments: async () => ({ foldedTo: to(), payments: 0 }) } as unknown as ReportMaintenanceService;
  return new ReportFoldJob(maintenance, metricsService());
}

describe('the fold job', () => {
  it('says so, once a minute, when a long transaction holds the fold back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const behind = jobFolding(() => new Date(Date.now() - FOLD_LAG_WARNING_MS - 5_000));
      await behind.run();
      await behind.run();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/^The reports' fold is 65 s behind: a database transaction open since /);

      warn.mockClear();
      const current = jobFolding(() => new Date(Date.now() - 1_500));
      await current.run();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('logs a failed fold and runs again next time', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      let calls = 0;
      const maintenance = {
        foldPayments: async () => {
          calls += 1;
          if (calls === 1) throw new Error('connection lost');
          return { foldedTo: new Date(), payments: 1 };
        },
      } as unknown as ReportMaintenanceService;
      const job = new ReportFoldJob(maintenance, metricsService());
      await job.run();
      await job.run();
      expect(calls).toBe(2);
      expect(error).toHaveBeenCalledWith('Folding the payments into the reports failed: connection lost');
    } finally {
      error.mockRestore();
    }
  });

  it('through a two-minute outage, logs the first failure, one line a minute with the count, and the recovery; and counts every run', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.useFakeTimers({ now: new Date('2026-12-03T10:00:00.000Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const database = { up: false };
      const maintenance = {
        foldPayments: async () => {
          if (!database.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          return { foldedTo: new Date(), payments: 3 };
        },
      } as unknown as ReportMaintenanceService;
      const metrics = new MetricsService(
        { METRICS_ENABLED: true } as AppConfig,
        { stats: () => ({ total: 0, idle: 0, waiting: 0 }) } as unknown as DatabasePool,
        { options: { type: 'postgres' } } as DataSource,
      );
      const job = new ReportFoldJob(maintenance, metrics);
      // one run a second from 10:00:00 to 10:01:59
      for (let second = 0; second < 120; second += 1) {
        await job.run();
        jest.advanceTimersByTime(1000);
      }
      expect(error.mock.calls.map((call) => call[0])).toEqual([
        'Folding the payments into the reports failed: connect ECONNREFUSED 127.0.0.1:5432',
        'Folding the payments into the reports still fails: 61 failed runs since 2026-12-03T10:00:00.000Z, the latest: connect ECONNREFUSED 127.0.0.1:5432',
      ]);
      database.up = true;
      await job.run();
      await job.run();
      expect(log.mock.calls.map((call) => call[0])).toEqual(['Folding the payments into the reports works again, after 120 failed runs over 120 s']);
      const text = await metrics.metrics();
      expect(text).toMatch(/^job_runs_total\{job="report-fold",outcome="failure"\} 120$/m);
      expect(text).toMatch(/^job_runs_total\{job="report-fold",outcome="success"\} 2$/m);
      expect(text).toMatch(/^job_items_total\{job="report-fold"\} 6$/m);
      expect(text).toMatch(/^job_duration_seconds_count\{job="report-fold"\} 122$/m);
      expect(text).toMatch(new RegExp(`^job_last_success_timestamp_seconds\\{job="report-fold"\\} ${Date.parse('2026-12-03T10:02:00.000Z') / 1000}$`, 'm'));
    } finally {
      jest.useRealTimers();
      error.mockRestore();
      log.mockRestore();
    }
  });
});
