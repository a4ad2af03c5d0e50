import { describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { jwtKey } from './jwt.strategy.js';

const SECRET = 'spec-jwt-secret-0123456789abcdef0123456789';
const OPTIONS = { algorithms: ['HS256' as const], issuer: 'ott-referral', audience: 'ott-referral-admin' };

describe('jwtKey', () => {
  it('is the same HS256 key as the secret string: tokens signed either way verify the other way', () => {
    const key = jwtKey(SECRET);
    expect(key.type).toBe('secret');
    const byString = jwt.sign({ sub: '7' }, SECRET, { algorithm: 'HS256', issuer: OPTIONS.issuer, audience: OPTIONS.audience });
    const byKey = jwt.sign({ sub: '7' }, key, { algorithm: 'HS256', issuer: OPTIONS.issuer, audience: OPTIONS.audience });
    expect(jwt.verify(byString, key, OPTIONS)).toMatchObject({ sub: '7' });
    expect(jwt.verify(byKey, SECRET, OPTIONS)).toMatchObject({ sub: '7' });
  });

  it('refuses a token signed with another secret', () => {
    const other = jwt.sign({ sub: '7' }, 'another-secret-0123456789abcdef0123456789', { algorithm: 'HS256', issuer: OPTIONS.issuer, audience: OPTIONS.audience });
    expect(() => jwt.verify(other, jwtKey(SECRET), OPTIONS)).toThrow(/invalid signature/);
  });
});
