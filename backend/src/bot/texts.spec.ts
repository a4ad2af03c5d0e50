import { describe, expect, it } from '@jest/globals';
import { type Catalogue, languageOf, TEXTS } from './texts.js';

const TERMS = {
  productName: 'Combo OTT Plan', productPrice: 13500, level1Commission: 2800, level2Commission: 900,
  commissionHoldHours: 24, minWithdrawalAmount: 50000, referralsEnabled: false, withdrawalsEnabled: true,
};
const WALLET = { pending: 2800, available: -900, locked: 50000, totalWithdrawn: 10000000, totalEarned: 10062800, nextReleaseAt: '2026-12-02T10:00:00Z' };
const REFERRALS = { directReferrals: 12, level2Referrals: 3, convertedReferrals: 2, totalEarned: 6500, level1Earned: 5600, level2Earned: 900, shown: [{ name: 'Ravi', converted: true }], total: 12 };

/** Every text of a catalogue, rendered with sample values. */
function renderAll(t: Catalogue, language: 'en' | 'hi'): string[] {
  const texts: string[] = [];
  for (const [key, value] of Object.entries(t)) {
    if (typeof value === 'string') texts.push(value);
    else if (key === 'errors') for (const sentence of Object.values(t.errors)) texts.push(sentence({}), sentence({ minimum: 50000, available: 2800 }));
    else if (key === 'commands') texts.push(...Object.values(t.commands));
  }
  texts.push(
    t.welcomeNew('Ravi'), t.welcomeBack('Ravi'), t.referredBy('Asha'), t.yourLink('https://t.me/bot?start=ref_ABC'), t.rules(TERMS),
    t.shareText(TERMS), t.help(TERMS), t.help(undefined), t.orderCreated('Combo OTT Plan', 13500, '42'), t.payButton(13500),
    t.payInstructions(13500, 'ott_42', 'shop@okaxis'), t.payInstructions(13500, 'ott_42', undefined), t.orderPaid('42', 'Combo OTT Plan'),
    t.wallet(WALLET, language), t.referrals(REFERRALS), t.referrals({ ...REFERRALS, shown: [], total: 0 }),
    t.withdrawTooLittle(-900, 50000), t.withdrawAskAmount(60000, 50000, '500'), t.withdrawBadAmount(1000, 2700, '10'), t.withdrawBelowMinimum(50000), t.withdrawOverBalance(60000),
    t.withdrawConfirm(50000, 'ravi@okaxis'), t.withdrawRequested(50000, 'ravi@okaxis'),
  );
  for (const type of ['COMMISSION_CREDIT', 'COMMISSION_RELEASE', 'COMMISSION_REVERSAL', 'CLAWBACK', 'WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK', 'WITHDRAWAL_PAYOUT', 'SOMETHING_NEW']) {
    texts.push(t.ledger(type, -2800, '2026-12-01T08:30:00Z', language));
  }
  return texts;
}

describe('the bot’s text catalogue', () => {
  it('picks Hindi from a Hindi Telegram language, English otherwise', () => {
    expect(languageOf('hi')).toBe('hi');
    expect(languageOf('hi-IN')).toBe('hi');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('ta')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  for (const language of ['en', 'hi'] as const) {
    it(`renders every ${language} text without undefined, NaN, null or an object`, () => {
      for (const text of renderAll(TEXTS[language], language)) {
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text).not.toMatch(/undefined|NaN|null|\[object/);
      }
    });
  }

  it('shows money as ₹ with Indian grouping in both languages', () => {
    expect(TEXTS.en.wallet(WALLET, 'en')).toContain('Withdrawn so far: ₹1,00,000.00');
    expect(TEXTS.hi.wallet(WALLET, 'hi')).toContain('अब तक निकाली गई: ₹1,00,000.00');
    expect(TEXTS.en.ledger('COMMISSION_REVERSAL', -2800, '2026-12-01T08:30:00Z', 'en')).toContain('₹28.00 taken back');
  });

  it('says a clawback took back money that had become available, not money paid out', () => {
    const line = TEXTS.en.ledger('CLAWBACK', -2800, '2026-12-01T08:30:00Z', 'en');
    expect(line).toContain('₹28.00 taken back — the sale was refunded after the commission had become available');
    expect(line).not.toContain('payout');
  });

  it('bases the bad-amount hint on the user’s own range, and /help needs no terms', () => {
    expect(TEXTS.en.withdrawBadAmount(1000, 2700, '10')).toBe('Please send just the amount in rupees, from ₹10.00 to ₹27.00, e.g. 10 (or /cancel).');
    expect(TEXTS.en.help(undefined)).toContain('/buy — buy the plan');
  });
});
