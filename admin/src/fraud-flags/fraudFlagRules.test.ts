import { describe, expect, it } from 'vitest';
import { allowedFraudFlagActions, linkedAccountIds } from './fraudFlagRules';

describe('allowedFraudFlagActions', () => {
  it('lets an open flag be resolved or dismissed, and nothing else', () => {
    expect(allowedFraudFlagActions('OPEN')).toEqual(['resolve', 'dismiss']);
    expect(allowedFraudFlagActions('RESOLVED')).toEqual([]);
    expect(allowedFraudFlagActions('DISMISSED')).toEqual([]);
    expect(allowedFraudFlagActions(undefined)).toEqual([]);
  });
});

describe('linkedAccountIds', () => {
  it('lists the other accounts on a shared device, IP or UPI ID', () => {
    expect(
      linkedAccountIds({
        userId: '7',
        evidence: { deviceId: 'abc', accountCount: 3, otherAccountIds: ['9', '12'] },
      }),
    ).toEqual(['9', '12']);
  });

  it('lists the accounts of a burst of sign-ups, without the flagged user, each once', () => {
    expect(
      linkedAccountIds({
        userId: 7,
        evidence: { signupCount: 3, referredAccountIds: ['20', '7', '21', '20'] },
      }),
    ).toEqual(['20', '21']);
  });

  it('finds none in a manual flag or malformed evidence', () => {
    expect(linkedAccountIds({ userId: '7', evidence: {} })).toEqual([]);
    expect(linkedAccountIds({ userId: '7', evidence: { otherAccountIds: 'nope' } })).toEqual([]);
    expect(linkedAccountIds({ userId: '7', evidence: { otherAccountIds: [null, { id: 1 }] } })).toEqual([]);
  });
});
