import { describe, expect, it } from 'vitest';
import { BACKEND_SCHEMA_PATH, introspectionOf, loadSchema } from '../../test/graphqlServer';
import { exportFields } from './exportFields';

const schema = introspectionOf(loadSchema(BACKEND_SCHEMA_PATH));

describe('exportFields', () => {
  it("takes a type's scalar and enum fields and leaves nested objects out", () => {
    const fields = exportFields(schema, 'Order')!;
    expect(fields).toEqual(expect.arrayContaining(['id', 'status', 'amount', 'transactionId', 'failedTransactionId']));
    expect(fields).not.toContain('user');
    expect(fields).not.toContain('commissions');
  });

  it('says nothing for an unknown type, so the default fields are fetched', () => {
    expect(exportFields(schema, 'Nothing')).toBeUndefined();
  });
});
