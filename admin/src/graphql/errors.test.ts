import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { errorCode, isStaleRecordError, isUnauthenticated } from './errors';

const refusal = (code: string) =>
  new HttpError('refused', 200, { data: null, errors: [{ message: 'refused', extensions: { code } }] });

describe('errorCode', () => {
  it("reads the first error's extensions.code, from either error shape", () => {
    expect(errorCode(refusal('CONFLICT'))).toBe('CONFLICT');
    expect(errorCode({ body: { graphQLErrors: [{ extensions: { code: 'NOT_FOUND' } }] } })).toBe('NOT_FOUND');
    expect(errorCode(new Error('network down'))).toBeUndefined();
    expect(errorCode(undefined)).toBeUndefined();
  });
});

describe('isStaleRecordError', () => {
  it('is true when the record changed meanwhile or is gone', () => {
    expect(isStaleRecordError(refusal('CONFLICT'))).toBe(true);
    expect(isStaleRecordError(refusal('NOT_FOUND'))).toBe(true);
  });

  it('is false for invalid input, which the admin can correct in the dialog', () => {
    expect(isStaleRecordError(refusal('BAD_USER_INPUT'))).toBe(false);
    expect(isUnauthenticated(refusal('BAD_USER_INPUT'))).toBe(false);
  });
});
