import { describe, expect, it } from 'vitest';
import { intervalFor } from '../dashboard/dashboardRanges';
import { daysOf, rangeOf } from './rangeChoice';
import { addDays, axisLabel, bucketLabel, dayRange, lastDays, zonedDay, zonedMidnight } from './timeZone';

describe('reporting time zone (Asia/Kolkata, UTC+5:30)', () => {
  it('puts 23:59:59.999 and 00:00 IST on different days', () => {
    expect(zonedDay(new Date('2026-11-30T18:29:59.999Z'))).toBe('2026-11-30');
    expect(zonedDay(new Date('2026-11-30T18:30:00.000Z'))).toBe('2026-12-01');
  });

  it('starts a day at midnight India time', () => {
    expect(zonedMidnight('2026-12-01').toISOString()).toBe('2026-11-30T18:30:00.000Z');
  });

  it('starts a day at local midnight across a daylight-saving change', () => {
    // London moves to summer time on 29 March 2026.
    expect(zonedMidnight('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(zonedMidnight('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('makes "last 7 days" six whole days plus today so far', () => {
    const now = new Date('2026-12-01T04:00:00.000Z');
    expect(lastDays(7, now)).toEqual({ from: '2026-11-24T18:30:00.000Z', to: '2026-12-01T04:00:00.000Z' });
    expect(lastDays(1, now)).toEqual({ from: '2026-11-30T18:30:00.000Z', to: '2026-12-01T04:00:00.000Z' });
  });

  it('makes a custom range whole days, stopping at now when it reaches today', () => {
    const now = new Date('2026-12-01T04:00:00.000Z');
    expect(dayRange('2026-11-01', '2026-11-30', now)).toEqual({
      from: '2026-10-31T18:30:00.000Z',
      to: '2026-11-30T18:30:00.000Z',
    });
    expect(dayRange('2026-11-30', '2026-12-01', now).to).toBe('2026-12-01T04:00:00.000Z');
    expect(rangeOf({ fromDay: '2026-11-01', toDay: '2026-11-30' }, now)).toEqual(dayRange('2026-11-01', '2026-11-30', now));
    expect(daysOf({ days: 30 }, now)).toEqual({ fromDay: '2026-11-02', toDay: '2026-12-01' });
  });

  it('names buckets in India time', () => {
    expect(bucketLabel('2026-11-30T18:30:00.000Z', 'DAY')).toBe('1 Dec 2026');
    expect(bucketLabel('2026-12-01T08:30:00.000Z', 'HOUR')).toBe('1 Dec, 14:00');
    expect(bucketLabel('2026-11-30T18:30:00.000Z', 'MONTH')).toBe('Dec 2026');
    expect(axisLabel('2026-11-30T18:30:00.000Z', 'DAY')).toBe('1 Dec');
  });

  it('picks an interval that keeps a range readable', () => {
    const from = '2026-01-01T18:30:00.000Z';
    const after = (days: number) => new Date(Date.parse(from) + days * 86_400_000).toISOString();
    expect(intervalFor({ from, to: after(1) })).toBe('HOUR');
    expect(intervalFor({ from, to: after(30) })).toBe('DAY');
    expect(intervalFor({ from, to: after(90) })).toBe('DAY');
    expect(intervalFor({ from, to: after(365) })).toBe('WEEK');
    expect(intervalFor({ from, to: after(1500) })).toBe('MONTH');
  });
});
