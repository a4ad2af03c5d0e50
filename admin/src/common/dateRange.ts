// The date filters cover whole local days: From at 00:00, To until 23:59:59.999, sent as
// ISO instants for the API's createdAtGte / createdAtLte.
export const startOfDay = (date: string) => (date ? new Date(`${date}T00:00:00`).toISOString() : date);
export const endOfDay = (date: string) => (date ? new Date(`${date}T23:59:59.999`).toISOString() : date);

/** Local midnight of `now`, as the instant the API compares createdAt with. */
export function todayStart(now: Date): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}
