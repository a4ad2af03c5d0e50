import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type INestApplication, Logger } from '@nestjs/common';
import pg from 'pg';
import { createApp, migrate } from '../bootstrap.js';
import { loadConfig } from '../config/app-config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { installPgTypeParsers } from '../database/pg-types.js';

export const BENCH_BOT_KEY = 'bench-bot-api-key-0123456789abcdef';
export const BENCH_ADMIN = { telegramId: '900000009', password: 'bench-super-admin-password' };

export interface BenchApp {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  db: pg.Pool;
  /** One GraphQL request as the bot; throws on transport errors, returns the parsed body. */
  bot(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }>;
  close(): Promise<void>;
}

/**
 * Boots the real API on a fresh database for a benchmark: BENCH_DATABASE_URL's server when set
 * (a new database is created on it), otherwise an embedded PostgreSQL in a temporary folder;
 * or BENCH_REUSE_DATABASE_URL's existing database.
 */
export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  Logger.overrideLogger(['error', 'warn']);
  installPgTypeParsers();
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres(await mkdtemp(join(tmpdir(), 'ott-bench-')));
    serverUrl = embedded.serverUrl;
  }
  // BENCH_REUSE_DATABASE_URL: an existing bench database (kept by an earlier run), migrated to
  // the current schema and left in place at the end, so a big seed can serve several runs.
  const reuse = process.env.BENCH_REUSE_DATABASE_URL;
  const name = reuse ? new URL(reuse).pathname.slice(1) : `ott_bench_${Date.now()}`;
  if (!reuse) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const url = new URL(reuse ?? serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await migrate(databaseUrl);

  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    BOT_API_KEY: BENCH_BOT_KEY,
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789abcdef',
    SUPER_ADMIN_TELEGRAM_ID: BENCH_ADMIN.telegramId,
    SUPER_ADMIN_PASSWORD: BENCH_ADMIN.password,
    ...env,
  });
  const app = await createApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const appUrl = `http://127.0.0.1:${port}`;
  const db = new pg.Pool({ connectionString: databaseUrl, max: 70 });
  db.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  return {
    app,
    url: appUrl,
    databaseUrl,
    db,
    async bot(query, variables) {
      const response = await fetch(`${appUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': BENCH_BOT_KEY },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: any; errors?: any[] };
    },
    async close() {
      await app.close();
      await db.end();
      if (embedded) {
        await embedded.stop();
      } else if (!reuse) {
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      }
    },
  };
}

/**
 * The whole machine's busy CPU time so far, all cores, in ms (/proc/stat's first line: user,
 * nice, system, irq, softirq and steal; USER_HZ is 100 on Linux). Idle and I/O wait are left
 * out, so a stall (a checkpoint's fsync, a lock wait) costs throughput but no CPU.
 */
export function machineBusyMs(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) * 10;
}

export interface LoadResult {
  label: string;
  clients: number;
  operations: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Runs `operation` from `clients` concurrent loops for `seconds` (or until it returns false),
 * recording each call's latency in milliseconds.
 */
export async function runLoad(label: string, clients: number, seconds: number, operation: () => Promise<boolean | void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let exhausted = false;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!exhausted && performance.now() < deadline) {
        const begin = performance.now();
        try {
          if ((await operation()) === false) {
            exhausted = true;
            break;
          }
          latencies.push(performance.now() - begin);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { label, clients, operations: latencies.length, errors, seconds: elapsed, perSecond: latencies.length / elapsed, ...percentiles(latencies) };
}

let loadWorker: Worker | undefined;

/**
 * Sends `query` once per entry of `variables` (as the bot) from `clients` concurrent loops in a
 * worker thread, for at most `seconds`. Returns the figures and how many entries were used.
 */
export function httpLoad(
  bench: Pick<BenchApp, 'url'>,
  label: string,
  query: string,
  variables: Record<string, unknown>[],
  clients: number,
  seconds: number,
  headers: Record<string, string> = { 'x-api-key': BENCH_BOT_KEY },
  target: { path: string; requests?: { body: string; headers: Record<string, string> }[] } = { path: '/graphql' },
): Promise<LoadResult & { used: number; firstError?: string; latencies: number[] }> {
  loadWorker ??= new Worker(new URL('./http-load.worker.js', import.meta.url));
  const worker = loadWorker;
  worker.unref();
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (result: { latencies: number[]; errors: number; firstError?: string; used: number; seconds: number }) => {
      worker.off('error', reject);
      resolve({
        label,
        clients,
        operations: result.latencies.length,
        errors: result.errors,
        seconds: result.seconds,
        perSecond: result.latencies.length / result.seconds,
        used: result.used,
        firstError: result.firstError,
        latencies: result.latencies,
        ...percentiles(result.latencies),
      });
    });
    worker.postMessage({ url: `${bench.url}${target.path}`, headers, query, variables, clients, seconds, requests: target.requests });
  });
}

export function percentiles(values: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

export function printLoad(results: LoadResult[]): void {
  console.log(
    [
      `${'run'.padEnd(34)} ${'clients'.padStart(7)} ${'ops'.padStart(8)} ${'errors'.padStart(6)} ${'ops/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
      ...results.map(
        (r) =>
          `${r.label.padEnd(34)} ${String(r.clients).padStart(7)} ${String(r.operations).padStart(8)} ${String(r.errors).padStart(6)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`,
      ),
    ].join('\n'),
  );
}

export function envNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number`);
  return parsed;
}

export async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${seconds.toFixed(2)} s`);
  return { result, seconds };
}
