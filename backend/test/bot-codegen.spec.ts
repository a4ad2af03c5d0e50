import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const BACKEND = join(dirname(fileURLToPath(import.meta.url)), '..');

describe("the bot's typed GraphQL documents", () => {
  it('fit schema.gql and are regenerated (npm run bot:codegen -w backend)', () => {
    const output = execFileSync(process.execPath, [join(BACKEND, 'scripts/bot-codegen.mjs'), '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output).toContain("The bot's typed documents match schema.gql");
  });
});
