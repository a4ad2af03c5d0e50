import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { errorCode, errorReason, isServiceUnavailable, isStaleRecordError, isUnauthenticated } from './errors';

// The one error shape (graphql/client.ts toHttpError): Apollo's error as the body.
const refusal = (code: string) =>
  new HttpError('refused', 200, { graphQLErrors: [{ message: 'refused', extensions: { code } }] });

describe('errorCode', () => {
  it("reads the first error's extensions.code", () => {
    expect(errorCode(refusal('CONFLICT'))).toBe('CONFLICT');
    expect(errorCode({ body: { graphQLErrors: [{ extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'CONFLICT' } }] } })).toBe('NOT_FOUND');
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

describe('errorReason', () => {
  it("reads the first error's extensions.reason (the busy release's RELEASE_IN_PROGRESS)", () => {
    const busy = new HttpError('busy', 200, {
      graphQLErrors: [{ message: 'A commission release is already running', extensions: { code: 'CONFLICT', reason: 'RELEASE_IN_PROGRESS' } }],
    });
    expect(errorReason(busy)).toBe('RELEASE_IN_PROGRESS');
    expect(errorReason(refusal('CONFLICT'))).toBeUndefined();
    expect(errorReason(new Error('x'))).toBeUndefined();
  });
});

describe('isServiceUnavailable', () => {
  it('is true for an outage, false for a refusal or a bad token', () => {
    const outage = new HttpError('unavailable', 200, {
      graphQLErrors: [{ message: 'unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SERVICE_UNAVAILABLE' } }],
    });
    expect(isServiceUnavailable(outage)).toBe(true);
    expect(isServiceUnavailable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isServiceUnavailable(new HttpError('Bad Gateway', 502))).toBe(true);
    expect(isServiceUnavailable(refusal('UNAUTHENTICATED'))).toBe(false);
    expect(isServiceUnavailable(refusal('INTERNAL_SERVER_ERROR'))).toBe(false);
    expect(isServiceUnavailable(new HttpError('Bad Request', 400))).toBe(false);
    expect(isServiceUnavailable(new Error('x'))).toBe(false);
  });
});
