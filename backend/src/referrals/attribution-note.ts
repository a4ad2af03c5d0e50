/** Why a referral code given at registration attributed nobody (users.attribution_note). */
export enum AttributionNote {
  UNKNOWN_CODE = 'UNKNOWN_CODE',
  OWN_CODE = 'OWN_CODE',
  REFERRER_BLOCKED = 'REFERRER_BLOCKED',
  REFERRALS_DISABLED = 'REFERRALS_DISABLED',
}
