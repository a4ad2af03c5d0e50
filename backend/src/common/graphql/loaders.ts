import DataLoader from 'dataloader';

/**
 * Per-request batch loaders, so a list's field resolvers cost one query, not one per row. Each
 * domain declares the loaders it offers in `<domain>/<domain>.loaders.ts` (built on its
 * repository), and the app's GraphQL context puts a fresh set together for every request
 * (src/graphql-loaders.ts); a resolver names the ones it reads (`loaders: UserLoaders`).
 */

/**
 * Rows by id: the `load(id)` calls of one request become one `fetch(ids)`; each row is given as
 * `valueOf(row)` (the row itself by default), null for an id with no row.
 */
export function loaderById<R, V = R>(
  fetch: (ids: number[]) => Promise<readonly R[]>,
  idOf: (row: R) => number | string,
  valueOf: (row: R) => V = (row) => row as unknown as V,
): DataLoader<number, V | null> {
  return new DataLoader(async (ids) => {
    const rows = await fetch(ids.map(Number));
    const byId = new Map(rows.map((row) => [Number(idOf(row)), valueOf(row)]));
    return ids.map((id) => byId.get(Number(id)) ?? null);
  });
}

/** Rows grouped by a key (an order's commissions): one `fetch(keys)` per request, in the order fetched. */
export function loaderOfGroups<V>(fetch: (keys: number[]) => Promise<readonly V[]>, keyOf: (row: V) => number | string): DataLoader<number, V[]> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(keys.map(Number));
    const groups = new Map<number, V[]>();
    for (const row of rows) {
      const key = Number(keyOf(row));
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return keys.map((key) => groups.get(Number(key)) ?? []);
  });
}
