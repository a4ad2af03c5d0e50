import { describe, expect, it } from 'vitest';
import { csvCell, csvColumns, csvLine, csvRows, flattenRecord } from './csv';

describe('CSV', () => {
  it.each([
    [13500, '13500'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['@sum', "'@sum"],
    ['-2', "'-2"],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
  ])('writes %j as %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('flattens nested objects into dotted columns and drops __typename', () => {
    const record = { id: '7', amount: 5000, __typename: 'Withdrawal', risk: { openFlags: 1, __typename: 'R' }, tags: ['a'] };
    expect(flattenRecord(record)).toEqual({ id: '7', amount: 5000, 'risk.openFlags': 1, tags: ['a'] });
  });

  it('writes a header and one line per record, columns in first-seen order', () => {
    const records = [{ id: 1, upiId: 'a@upi' }, { id: 2, note: 'x,y' }];
    const columns = csvColumns(records);
    expect(columns).toEqual(['id', 'upiId', 'note']);
    expect(csvLine(columns) + csvRows(records, columns)).toBe('id,upiId,note\r\n1,a@upi,\r\n2,,"x,y"\r\n');
  });
});
