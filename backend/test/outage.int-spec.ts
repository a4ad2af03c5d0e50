import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { type EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { BOT_API_KEY, codeOf, type GraphQLResponse, SUPER_ADMIN, startTestApp, type TestApp } from './support/test-app.js';

/**
 * PostgreSQL stopped hard under a running API, then started again. This file runs its OWN
 * embedded PostgreSQL (never the shared test server or the machine's), on a fixed port so the
 * restarted server is where the app's pool expects it.
 */
const LEAKS = /stack|at \w+ \(|\.ts:\d|\.js:\d|SELECT|INSERT|UPDATE |ECONNREFUSED|postgres|pg-pool|QueryFailedError|TypeORM/i;
const quietLogger = new Logger('OutagePostgres');

const scrape = async () => (await fetch(`${t.url}/metrics`)).text();

/** The scrape once `pattern` shows in it (a job that runs every second), within 5 s. */
async function scrapeUntil(pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = await scrape();
    if (pattern.test(text) || Date.now() > deadline) return text;
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

let t: TestApp;

function expectUnavailable(response: GraphQLResponse, context: string) {
  expect({ context, status: response.status, code: codeOf(response), reason: response.errors?.[0]?.extensions?.reason }).toEqual({
    context,
    status: 200,
    code: 'INTERNAL_SERVER_ERROR',
    reason: 'SERVICE_UNAVAILABLE',
  });
  expect(JSON.stringify(response.errors)).not.toMatch(LEAKS);
}

describe('a database outage', () => {
  let dataDir: string;
  let server: EmbeddedDatabase | undefined;
  let port: number;
  let token: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ott-outage-'));
    server = await startEmbeddedPostgres(dataDir, quietLogger);
    port = Number(new URL(server.serverUrl).port);
    const databaseUrl = server.databaseUrl('ott_outage');
    await ensureDatabase(databaseUrl);
    // with the jobs (the fold runs every second) and their business gauges, read at every scrape
    t = await startTestApp({ databaseUrl, env: { JOBS_ENABLED: 'true', BUSINESS_METRICS_REFRESH_SECONDS: '0' } });
    token = await t.login(SUPER_ADMIN.telegramId, SUPER_ADMIN.password);
    const registered = await t.bot('mutation { registerUser(input: { telegramId: "880000001", username: "outage" }) { id } }');
    expect(registered.errors).toBeUndefined();
    // The test's own pool must not hold connections across the stop.
    await t.db.end();
    t.db = { end: async () => undefined } as unknown as TestApp['db'];
  }, 120_000);

  afterAll(async () => {
    await t?.app.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers admins INTERNAL_SERVER_ERROR with reason SERVICE_UNAVAILABLE, never UNAUTHENTICATED, and the bot cleanly', async () => {
    const admin = t.as(token);
    expect((await admin('{ me { telegramId } }')).data?.me.telegramId).toBe(SUPER_ADMIN.telegramId);

    await server!.stop();
    server = undefined;

    const started = Date.now();
    // The token check itself reads the admin row: its failure is the outage, not a bad token.
    expectUnavailable(await admin('{ me { telegramId } }'), 'admin me');
    expectUnavailable(await admin('{ allSettings { key } }'), 'admin allSettings');
    expectUnavailable(await admin('mutation { processPendingCommissions }'), 'admin processPendingCommissions');
    // The bot is identified without the database; its operations fail the same clean way.
    const botRead = await t.bot('{ userByTelegramId(telegramId: "880000001") { id } }');
    expectUnavailable(botRead, 'bot userByTelegramId');
    expectUnavailable(await t.bot('mutation { registerUser(input: { telegramId: "880000002" }) { id } }'), 'bot registerUser');
    // A bad token is still a bad token (no database needed to know it).
    expect(codeOf(await t.gql('{ me { id } }', undefined, { authorization: 'Bearer not-a-token' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql('{ me { id } }', undefined, { 'x-api-key': `${BOT_API_KEY}-wrong` }))).toBe('UNAUTHENTICATED');
    expect(Date.now() - started).toBeLessThan(15_000);

    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(503);
  }, 60_000);

  it('shows no business gauge it could not read (never a made-up 0), and counts the failing fold', async () => {
    // the first scrape of this process, with the database down since before it
    const text = await scrapeUntil(/^job_runs_total\{job="report-fold",outcome="failure"\} [1-9]/m);
    expect(text).toMatch(/^job_runs_total\{job="report-fold",outcome="failure"\} [1-9]\d*$/m);
    expect(text.split('\n').filter((line) => line.startsWith('ott_'))).toEqual([]);
    expect(text).toMatch(/^# TYPE ott_liabilities_paise gauge$/m);
  }, 60_000);

  it('reconnects by itself once PostgreSQL is back: the same token and the bot work again', async () => {
    server = await startEmbeddedPostgres(dataDir, quietLogger, port);
    const admin = t.as(token);
    // The pool discarded its dead connections: the first request after the restart succeeds.
    const me = await admin('{ me { telegramId } }');
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.telegramId).toBe(SUPER_ADMIN.telegramId);
    const user = await t.bot('{ userByTelegramId(telegramId: "880000001") { username } }');
    expect(user.errors).toBeUndefined();
    expect(user.data!.userByTelegramId.username).toBe('outage');
    const registered = await t.bot('mutation { registerUser(input: { telegramId: "880000002" }) { telegramId } }');
    expect(registered.data?.registerUser.telegramId).toBe('880000002');
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    // the gauges read again (one user, no money yet), and the fold succeeds again
    const text = await scrapeUntil(/^job_runs_total\{job="report-fold",outcome="success"\} [1-9]/m);
    expect(text).toMatch(/^ott_liabilities_paise\{bucket="available"\} 0$/m);
    expect(text).toMatch(/^ott_business_figures_last_success_timestamp_seconds \d+(\.\d+)?$/m);
    expect(text).toMatch(/^job_runs_total\{job="report-fold",outcome="success"\} [1-9]\d*$/m);
  }, 60_000);
});
