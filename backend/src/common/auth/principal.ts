export type AdminRole = 'ADMIN' | 'SUPER_ADMIN';

export interface AdminPrincipal {
  kind: 'admin';
  id: number;
  telegramId: string;
  role: AdminRole;
}

export interface BotPrincipal {
  kind: 'bot';
}

export type RequestPrincipal = AdminPrincipal | BotPrincipal | null;

/** How a principal is named in the ledger's `actor` column and in logs. */
export function actorName(principal: RequestPrincipal | undefined): string {
  if (!principal) return 'system';
  return principal.kind === 'bot' ? 'bot' : `admin:${principal.id}`;
}
