import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/codegen.mjs';

// The panel's types are generated from backend/schema.gql and src/graphql/operations.graphql;
// regenerating them (offline, in memory) must give the committed files.
describe('the generated GraphQL types', () => {
  it('are up to date: run `npm run codegen -w admin` and commit the result', async () => {
    const files = await generate();
    expect(Object.keys(files)).toHaveLength(2);
    for (const [file, text] of Object.entries(files)) {
      expect(readFileSync(file, 'utf8'), file).toBe(text);
    }
  });
});
