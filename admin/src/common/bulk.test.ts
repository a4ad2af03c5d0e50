import { describe, expect, it } from 'vitest';
import { parsePayoutReferences, runForEach } from './bulk';

describe('runForEach', () => {
  it('reports every record, the refused ones with the server message, in the given order', async () => {
    const items = [1, 2, 3, 4, 5].map((id) => ({ id }));
    const progress: number[] = [];
    const results = await runForEach(
      items,
      async ({ id }) => {
        await new Promise((resolve) => setTimeout(resolve, (6 - id) * 2));
        if (id % 2 === 0) throw new Error(`Withdrawal ${id} is PAID and cannot become APPROVED`);
      },
      { concurrency: 2, onProgress: (done) => progress.push(done) },
    );
    expect(results).toEqual([
      { id: 1, ok: true },
      { id: 2, ok: false, message: 'Withdrawal 2 is PAID and cannot become APPROVED' },
      { id: 3, ok: true },
      { id: 4, ok: false, message: 'Withdrawal 4 is PAID and cannot become APPROVED' },
      { id: 5, ok: true },
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  });

  it('never runs more than the given number at once', async () => {
    let running = 0;
    let most = 0;
    await runForEach(
      Array.from({ length: 12 }, (_, id) => ({ id })),
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
      },
      { concurrency: 3 },
    );
    expect(most).toBe(3);
  });
});

describe('parsePayoutReferences', () => {
  it('reads pasted "id, reference" lines', () => {
    expect(parsePayoutReferences('12, UTR000123\n#13;UTR-000124\n\n14\tAXIS/77:88')).toEqual({
      rows: [
        { id: '12', reference: 'UTR000123' },
        { id: '13', reference: 'UTR-000124' },
        { id: '14', reference: 'AXIS/77:88' },
      ],
      errors: [],
    });
  });

  it('reads a bank CSV with a header in any column order, quoted cells', () => {
    const csv = 'utr,amount,withdrawal_id\r\n"UTR1",500,"7"\r\nUTR2,450,8\r\n';
    expect(parsePayoutReferences(csv).rows).toEqual([
      { id: '7', reference: 'UTR1' },
      { id: '8', reference: 'UTR2' },
    ]);
  });

  it('reports lines it cannot use, with the reason', () => {
    const { rows, errors } = parsePayoutReferences('1,UTR 12 34\nabc,UTR99\n2,UTR77\n2,UTR78\n3,ok');
    expect(rows).toEqual([{ id: '2', reference: 'UTR77' }]);
    expect(errors.map(({ line, message }) => [line, message])).toEqual([
      [1, 'app.bulk.bad_reference'],
      [2, 'app.bulk.bad_id'],
      [4, 'app.bulk.duplicate_id'],
      [5, 'app.bulk.bad_reference'],
    ]);
  });
});
