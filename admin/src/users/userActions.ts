import type { User } from '../types';

export type UserModeration = 'block' | 'unblock';

/** A blocked user can be unblocked; anyone else (active or suspicious) can be blocked. */
export function userModeration(status: User['status'] | undefined): UserModeration | null {
  if (!status) return null;
  return status === 'BLOCKED' ? 'unblock' : 'block';
}
