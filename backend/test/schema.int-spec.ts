import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { SCHEMA_FILE } from '../src/common/paths.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the committed schema (backend/schema.gql)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the schema the code builds (regenerate: npm run schema:emit -w backend)', () => {
    const live = `${printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema))}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, live);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(live);
  });
});
