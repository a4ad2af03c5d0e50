/** Whole days since the account was created (0 on its first day). */
export function accountAgeDays(createdAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(createdAt)) / 86_400_000));
}
