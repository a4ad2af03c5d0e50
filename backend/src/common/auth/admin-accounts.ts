import type { AdminRole } from './principal.js';

/** What an admin token is checked against on every request: the account's role, state and password version. */
export interface AdminAccount {
  id: number;
  telegramId: string;
  role: AdminRole | null;
  adminActive: boolean;
  passwordChangedAt: Date | null;
}

/**
 * Where the token check reads accounts from. common/ knows no domain module: the users module
 * provides this (its repository), and the JWT strategy injects it by this class.
 */
export abstract class AdminAccounts {
  /** The account with this user id, or undefined. */
  abstract findById(id: number): Promise<AdminAccount | undefined>;
}
