import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { FOLD_LAG_WARNING_MS, ReportFoldJob } from './report-fold.job.js';
import type { ReportMaintenanceService } from './report-maintenance.service.js';

function jobFolding(to: () => Date) {
  const maintenance = { foldPayments: async () => ({ foldedTo: to(), payments: 0 }) } as unknown as ReportMaintenanceService;
  return new ReportFoldJob(maintenance);
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
      const job = new ReportFoldJob(maintenance);
      await job.run();
      await job.run();
      expect(calls).toBe(2);
      expect(error).toHaveBeenCalledWith('Folding the payments into the reports failed: connection lost');
    } finally {
      error.mockRestore();
    }
  });
});
