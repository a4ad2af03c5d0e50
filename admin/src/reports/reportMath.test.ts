import { describe, expect, it } from 'vitest';
import {
  ageInWords,
  axisCount,
  axisMoney,
  change,
  csvField,
  formatDuration,
  formatRatio,
  maxBuckets,
  netAfterCommissions,
  reportCsv,
  reportFileName,
  totalOf,
} from './reportMath';
import type { PeriodStats } from './types';

const day = (from: string, to: string, figures: Partial<PeriodStats> = {}): PeriodStats => ({
  from,
  to,
  newUsers: 0,
  referredUsers: 0,
  paidOrders: 0,
  revenue: 0,
  profit: 0,
  commissions: 0,
  refundedOrders: 0,
  refundedAmount: 0,
  failedPayments: 0,
  withdrawalsPaid: 0,
  ...figures,
});

describe('change', () => {
  it.each([
    [125, 100, { trend: 'up', percent: 25 }],
    [90, 100, { trend: 'down', percent: -10 }],
    [1, 3, { trend: 'down', percent: -66.7 }],
    [2, 3, { trend: 'down', percent: -33.3 }],
    [300, 100, { trend: 'up', percent: 200 }],
    [7, 7, { trend: 'flat', percent: 0 }],
    [0, 0, { trend: 'flat', percent: 0 }],
    [5, 0, { trend: 'new', percent: null }],
    [-5, 0, { trend: 'down', percent: null }],
    [0, 4, { trend: 'down', percent: -100 }],
    // Net after commissions can be negative after refunds.
    [-50, -100, { trend: 'up', percent: 50 }],
  ])('%i against %i is %o', (current, previous, expected) => {
    expect(change(current, previous)).toEqual(expected);
  });
});

describe('netAfterCommissions', () => {
  it('is profit less commissions: one ₹135 sale with ₹28 + ₹9 paid out keeps ₹56', () => {
    expect(netAfterCommissions({ profit: 9300, commissions: 3700 })).toBe(5600);
  });
});

describe('totalOf', () => {
  it('sums every figure and spans the whole series', () => {
    const total = totalOf([
      day('2026-11-30T18:30:00.000Z', '2026-12-01T18:30:00.000Z', { paidOrders: 2, revenue: 27000, profit: 18600, commissions: 7400 }),
      day('2026-12-01T18:30:00.000Z', '2026-12-02T18:30:00.000Z', { paidOrders: 1, revenue: 13500, profit: 9300, newUsers: 4 }),
    ]);
    expect(total).toMatchObject({
      from: '2026-11-30T18:30:00.000Z',
      to: '2026-12-02T18:30:00.000Z',
      paidOrders: 3,
      revenue: 40500,
      profit: 27900,
      commissions: 7400,
      newUsers: 4,
    });
    expect(totalOf([])).toBeNull();
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    [42, '42'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [' padded', '" padded"'],
    ['', ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('has one row per bucket, labelled in India time, money in rupees with two decimals', () => {
    const csv = reportCsv(
      [
        day('2026-11-30T18:30:00.000Z', '2026-12-01T18:30:00.000Z', {
          newUsers: 3,
          referredUsers: 2,
          paidOrders: 2,
          revenue: 27000,
          profit: 18600,
          commissions: 7400,
          refundedOrders: 1,
          refundedAmount: 13500,
          failedPayments: 1,
          withdrawalsPaid: 50005,
        }),
        day('2026-12-01T18:30:00.000Z', '2026-12-02T18:30:00.000Z', { revenue: 1234567805 }),
      ],
      'DAY',
      {
        period: 'Period',
        from: 'Starts',
        to: 'Ends',
        columns: {
          newUsers: 'New users',
          referredUsers: 'Referred',
          paidOrders: 'Paid orders',
          revenue: 'Revenue (INR)',
          profit: 'Profit (INR)',
          commissions: 'Commissions, total (INR)',
          net: 'Net (INR)',
          refundedOrders: 'Refunds',
          refundedAmount: 'Refunded (INR)',
          failedPayments: 'Failed',
          withdrawalsPaid: 'Withdrawals (INR)',
        },
      },
    );
    expect(csv.split('\r\n')).toEqual([
      'Period,Starts,Ends,New users,Referred,Paid orders,Revenue (INR),Profit (INR),"Commissions, total (INR)",Net (INR),Refunds,Refunded (INR),Failed,Withdrawals (INR)',
      '1 Dec 2026,2026-11-30T18:30:00.000Z,2026-12-01T18:30:00.000Z,3,2,2,270.00,186.00,74.00,112.00,1,135.00,1,500.05',
      '2 Dec 2026,2026-12-01T18:30:00.000Z,2026-12-02T18:30:00.000Z,0,0,0,12345678.05,0.00,0.00,0.00,0,0.00,0,0.00',
      '',
    ]);
  });

  it('names the file after the interval and the days', () => {
    expect(reportFileName('WEEK', '2026-11-01', '2026-11-30')).toBe('report-week-2026-11-01-to-2026-11-30');
  });
});

describe('maxBuckets', () => {
  const range = { from: '2026-11-01T18:30:00.000Z', to: '2026-12-01T18:30:00.000Z' };
  it('bounds the rows a range makes, so the page never asks for more than the API gives', () => {
    expect(maxBuckets(range, 'HOUR')).toBe(721);
    expect(maxBuckets(range, 'DAY')).toBe(31);
    expect(maxBuckets({ from: range.from, to: '2026-12-31T18:30:00.000Z' }, 'HOUR')).toBeGreaterThan(1000);
  });
});

describe('formatting', () => {
  it.each([
    [null, '—'],
    [42, '42 s'],
    [60, '1 min'],
    [245, '4 min 5 s'],
    [7380, '2 h 3 min'],
    [3 * 86400, '3 days'],
  ])('a duration of %j seconds reads %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it.each([
    [0, '0%'],
    [0.5, '50%'],
    [2 / 3, '66.7%'],
    [1, '100%'],
    [null, '—'],
  ])('the ratio %j reads %s', (ratio, expected) => {
    expect(formatRatio(ratio)).toBe(expected);
  });

  it('says how old the figures are', () => {
    const now = Date.parse('2026-12-01T10:00:00.000Z');
    expect(ageInWords(now - 2_000, now)).toEqual({ key: 'just_now', count: 0 });
    expect(ageInWords(now - 12_400, now)).toEqual({ key: 'seconds_ago', count: 12 });
    expect(ageInWords(now - 185_000, now)).toEqual({ key: 'minutes_ago', count: 3 });
  });
});

describe('chart axes and fitted figures', () => {
  it('writes axis ticks in Indian units, short enough for the axis', () => {
    expect([0, 999, 1500, 50_000, 1_00_000, 11_71_062, 1_50_00_000].map(axisCount)).toEqual(['0', '999', '1.5K', '50K', '1L', '11.7L', '1.5Cr']);
    expect(axisCount(null)).toBe('');
    // paise: ₹20 crore, ₹1.5 lakh, ₹135
    expect([20_00_00_000_00, 1_50_000_00, 135_00].map(axisMoney)).toEqual(['₹20Cr', '₹1.5L', '₹135']);
  });
});
