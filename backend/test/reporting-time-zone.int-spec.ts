import { afterAll, describe, expect, it } from '@jest/globals';
import { seedUser } from './support/money.js';
import { createTestDatabase, dropTestDatabase, startTestApp } from './support/test-app.js';

const SERIES = `query($from: DateTime!, $to: DateTime!, $interval: ReportInterval) { reportSeries(from: $from, to: $to, interval: $interval) { from newUsers } }`;

describe('REPORTING_TIME_ZONE', () => {
  let databaseUrl: string;
  afterAll(() => dropTestDatabase(databaseUrl));

  it('rebuilds the hour buckets in the new zone at the next start, and the reports stay exact', async () => {
    databaseUrl = await createTestDatabase();
    // Two users either side of midnight IST (18:30 UTC): different IST days, the same UTC day.
    const ist = await startTestApp({ databaseUrl });
    try {
      for (const at of ['2026-03-09T18:29:59.999Z', '2026-03-09T18:30:00.000Z']) {
        const user = await seedUser(ist);
        await ist.db.query('UPDATE users SET created_at = $2 WHERE id = $1', [user.id, at]);
      }
      const days = (await ist.admin(SERIES, { from: '2026-03-08T18:30:00Z', to: '2026-03-10T18:30:00Z' })).data!.reportSeries;
      expect(days.map((day: { newUsers: number }) => day.newUsers)).toEqual([1, 1]);
    } finally {
      await ist.close();
    }

    const utc = await startTestApp({ databaseUrl, env: { REPORTING_TIME_ZONE: 'UTC' } });
    try {
      expect((await utc.db.query('SELECT time_zone FROM report_config')).rows[0].time_zone).toBe('UTC');
      const days = (await utc.admin(SERIES, { from: '2026-03-09T00:00:00Z', to: '2026-03-11T00:00:00Z' })).data!.reportSeries;
      expect(days).toEqual([
        { from: '2026-03-09T00:00:00.000Z', newUsers: 2 },
        { from: '2026-03-10T00:00:00.000Z', newUsers: 0 },
      ]);
      // UTC hours now: both users in 18:00–19:00 UTC (under IST buckets they were 17:30 and 18:30).
      const hours = (await utc.admin(SERIES, { from: '2026-03-09T17:00:00Z', to: '2026-03-09T19:00:00Z', interval: 'HOUR' })).data!.reportSeries;
      expect(hours).toEqual([
        { from: '2026-03-09T17:00:00.000Z', newUsers: 0 },
        { from: '2026-03-09T18:00:00.000Z', newUsers: 2 },
      ]);
      expect((await utc.admin('{ reportingTimeZone }')).data!.reportingTimeZone).toBe('UTC');
      expect((await utc.admin('{ reportDrift { figure } }')).data!.reportDrift).toEqual([]);
    } finally {
      await utc.close();
    }
  });
});
