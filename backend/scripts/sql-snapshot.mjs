// Writes backend/src/queries/<domain>.sql: the final text of every repository statement with its
// parameters (run through `npm run sql:snapshot -w backend`, which compiles first).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUERIES_DIR, renderSnapshots } from '../dist/database/sql-snapshot.js';

const files = await renderSnapshots();
mkdirSync(QUERIES_DIR, { recursive: true });
for (const name of readdirSync(QUERIES_DIR)) if (name.endsWith('.sql') && !files.has(name)) rmSync(join(QUERIES_DIR, name));
for (const [name, text] of files) writeFileSync(join(QUERIES_DIR, name), text);
const count = [...files.values()].reduce((n, text) => n + (text.match(/^-- \S+\.\S+$/gm)?.length ?? 0), 0);
console.log(`${count} statements in ${files.size} files written to ${QUERIES_DIR}`);
