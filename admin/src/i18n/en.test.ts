import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmKeys } from '../common/confirmKeys';
import { countMessage } from './countMessage';
import { en } from './en';
import { i18nProvider } from './i18nProvider';

const translate = (key: string, options?: Record<string, unknown>) =>
  i18nProvider.translate(key, options);

function messages(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    messages(value, prefix ? `${prefix}.${key}` : key),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = sourceFiles(join(__dirname, '..')).map((path) => readFileSync(path, 'utf8'));
const hasMessage = (key: string) => translate(key) !== key;

describe('English messages', () => {
  it('have at most the two plural forms English polyglot knows (one |||| other)', () => {
    const overlong = messages(en)
      .filter(([, text]) => text.split('||||').length > 2)
      .map(([key]) => key);
    expect(overlong).toEqual([]);
  });

  it.each([
    ['app.commissions.released', 7, '7 commissions released'],
    ['app.commissions.released', 1, '1 commission released'],
    ['app.commissions.released', 0, 'No commission was due for release'],
    ['app.users.fraud_checks_done', 1, 'Checks run: 1 open flag'],
    ['app.users.fraud_checks_done', 3, 'Checks run: 3 open flags'],
    ['app.users.fraud_checks_done', 0, 'Checks run: no open flag'],
  ])('%s for %i reads "%s"', (key, count, expected) => {
    const { message, messageArgs } = countMessage(key, count);
    expect(translate(message, messageArgs)).toBe(expected);
  });

  it('title and word every confirmation dialog the code opens', () => {
    const bases = sources.flatMap((text) => [...text.matchAll(/confirm="([\w.]+)"/g)].map((m) => m[1]));
    expect(bases.length).toBeGreaterThan(0);
    const missing = bases
      .flatMap((base) => Object.values(confirmKeys(base)))
      .filter((key) => !hasMessage(key));
    expect(missing).toEqual([]);
  });

  it('exist for every app.* key (or group of keys) written in the code', () => {
    const keys = new Set(
      sources.flatMap((text) => [...text.matchAll(/['"`](app\.[\w.]+[a-z0-9_])['"`]/g)].map((m) => m[1])),
    );
    expect(keys.size).toBeGreaterThan(50);
    // a key may also name a group of messages (a prefix the code completes with an enum value)
    const allKeys = messages(en).map(([key]) => key);
    const isGroup = (key: string) => allKeys.some((message) => message.startsWith(`${key}.`));
    const missing = [...keys].filter((key) => !hasMessage(key) && !hasMessage(`${key}_none`) && !isGroup(key));
    expect(missing).toEqual([]);
  });
});
