import { describe, expect, it } from '@jest/globals';
import { generateReferralCode, parseReferralCode, REFERRAL_CODE_ALPHABET, referralLink } from './referral-code.js';

describe('referral codes', () => {
  it('are 8 characters without look-alikes, and random', () => {
    const codes = Array.from({ length: 2000 }, generateReferralCode);
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(REFERRAL_CODE_ALPHABET).not.toMatch(/[01OI]/);
  });

  it.each([
    ['ref_AB23CD45', 'AB23CD45'],
    ['AB23CD45', 'AB23CD45'],
    ['ref_ab23cd45', 'AB23CD45'],
    ['REF_ab23cd45', 'AB23CD45'],
    ['  Ref_Ab23Cd45  ', 'AB23CD45'],
    ['T5000000001', 'T5000000001'],
  ])('reads %p as %p', (payload, code) => {
    expect(parseReferralCode(payload)).toBe(code);
  });

  it.each([[''], ['ref_'], ['abc'], ['hello world'], ['ref_AB23-CD45'], ['x'.repeat(17)], ['ref_ref_AB23CD45']])('reads %p as no code', (payload) => {
    expect(parseReferralCode(payload)).toBeNull();
  });

  it('builds a Telegram deep link whose payload Telegram accepts', () => {
    const link = referralLink('ott_offers_bot', 'AB23CD45');
    expect(link).toBe('https://t.me/ott_offers_bot?start=ref_AB23CD45');
    expect(new URL(link!).searchParams.get('start')).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(referralLink(undefined, 'AB23CD45')).toBeNull();
  });
});
