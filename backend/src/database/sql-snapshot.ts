import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { definedStatements, renderSnapshot } from './statement.js';

/** backend/src (or backend/dist when compiled): where the domain folders are. */
const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** backend/src/queries: the committed snapshots (the same folder whether run from src or dist). */
export const QUERIES_DIR = resolve(SOURCE_ROOT, '..', 'src', 'queries');

/** Every `*.repository.(ts|js)` under the source root, so no list of repositories is kept by hand. */
function repositoryFiles(dir = SOURCE_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'queries' || entry.name === 'node_modules' ? [] : repositoryFiles(path);
    return /\.repository\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The snapshot files (`<domain>.sql` → text) of every statement every repository defines.
 * Importing a repository module defines its statements.
 */
export async function renderSnapshots(): Promise<Map<string, string>> {
  for (const file of repositoryFiles().sort()) await import(pathToFileURL(file).href);
  const byDomain = new Map<string, ReturnType<typeof definedStatements>>();
  for (const statement of definedStatements()) {
    byDomain.set(statement.domain, [...(byDomain.get(statement.domain) ?? []), statement]);
  }
  return new Map([...byDomain].sort(([a], [b]) => a.localeCompare(b)).map(([domain, statements]) => [`${domain}.sql`, renderSnapshot(statements)]));
}
