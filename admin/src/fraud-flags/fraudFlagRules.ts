import type { Identifier } from 'react-admin';
import type { FraudFlag, FraudFlagStatus } from '../types';

export type FraudFlagAction = 'resolve' | 'dismiss';

/** Only an OPEN flag can be closed, as RESOLVED (acted on) or DISMISSED (a false alarm). */
export function allowedFraudFlagActions(status: FraudFlagStatus | undefined): FraudFlagAction[] {
  return status === 'OPEN' ? ['resolve', 'dismiss'] : [];
}

// The evidence lists the other accounts involved as string ids: `otherAccountIds` for a
// shared device, IP or UPI ID, `referredAccountIds` for a burst of sign-ups.
const ACCOUNT_LISTS = ['otherAccountIds', 'referredAccountIds'];

/** The other accounts a flag's evidence names, without the flagged user, each once. */
export function linkedAccountIds(flag: Pick<FraudFlag, 'evidence'> & { userId: Identifier }): string[] {
  const evidence = (flag.evidence ?? {}) as Record<string, unknown>;
  const ids = ACCOUNT_LISTS.flatMap((key) => {
    const list = evidence[key];
    return Array.isArray(list) ? list.filter((id) => typeof id === 'string' || typeof id === 'number') : [];
  }).map(String);
  return [...new Set(ids)].filter((id) => id !== String(flag.userId));
}
