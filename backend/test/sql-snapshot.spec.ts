import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { QUERIES_DIR, renderSnapshots } from '../src/database/sql-snapshot.js';

describe('the committed SQL snapshots (backend/src/queries)', () => {
  it('hold the final text of every repository statement (regenerate: npm run sql:snapshot -w backend)', async () => {
    const files = await renderSnapshots();
    const committed = existsSync(QUERIES_DIR) ? readdirSync(QUERIES_DIR).filter((n) => n.endsWith('.sql')).sort() : [];
    expect(committed).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(`${name}\n${readFileSync(join(QUERIES_DIR, name), 'utf8')}`).toBe(`${name}\n${text}`);
  });
});
