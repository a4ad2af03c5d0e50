/**
 * Operations benchmark (issue 13), against built servers started as the deployment runs them
 * (`node dist/main.js`, NODE_ENV=production, JSON logs to a file):
 *  1. the cost of request logs and metrics on confirmPayment throughput: one server with both
 *     on, one with both off (REQUEST_LOG_ENABLED=false METRICS_ENABLED=false), on the same
 *     database, loaded in turn A-B-B-A at BENCH_CLIENTS (32) for BENCH_SECONDS (15) each;
 *     It also prints the servers' own CPU time per request (from /proc), which stays meaningful
 *     when other work loads the machine and throughput follows the scheduler;
 *  2. the memory (RSS) of the server with logs and metrics on after BENCH_RSS_SECONDS (60) of
 *     payments at BENCH_CLIENTS.
 * Run: npm run build -w backend && npm run bench:observability -w backend
 * Env: BENCH_DATABASE_URL (a server to use instead of an embedded one), BENCH_CHAINS (20000).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../database/embedded-postgres.js';
import { BENCH_ADMIN, BENCH_BOT_KEY, envNumber, httpLoad, printLoad, startBenchApp, type LoadResult } from './harness.js';
import { queue, seedPendingOrders, seedUsers } from './money-fixtures.js';

const SECONDS = envNumber('BENCH_SECONDS', 15);
const RSS_SECONDS = envNumber('BENCH_RSS_SECONDS', 60);
const CLIENTS = envNumber('BENCH_CLIENTS', 32);
const CHAINS = envNumber('BENCH_CHAINS', 20_000);
const CONFIRM = 'mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }';
const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.js');

interface Server {
  url: string;
  child: ChildProcess;
}

async function startServer(databaseUrl: string, env: Record<string, string>, log: string): Promise<Server> {
  const port = await freePort();
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JOBS_ENABLED: 'false',
      BOT_API_KEY: BENCH_BOT_KEY,
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789abcdef',
      SUPER_ADMIN_TELEGRAM_ID: BENCH_ADMIN.telegramId,
      SUPER_ADMIN_PASSWORD: BENCH_ADMIN.password,
      METRICS_TOKEN: 'bench-metrics-token-0123456789',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`server exited; see ${log}`);
    if (await fetch(`${url}/health/ready`).then((response) => response.ok, () => false)) return { url, child };
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`server did not become ready; see ${log}`);
}

/** CPU time (user + system) the process has used, in ms: what a request costs the server whatever else loads the machine. */
function cpuMilliseconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime (fields 14 and 15 of stat, counted after the command), in clock ticks of 10 ms
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMegabytes(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  console.log(`Observability benchmark: confirmPayment at ${CLIENTS} clients, ${SECONDS} s per phase (A-B-B-A), then ${RSS_SECONDS} s for RSS`);
  const bench = await startBenchApp();
  const servers: Server[] = [];
  try {
    await seedUsers(bench.db, CHAINS);
    const take = queue(await seedPendingOrders(bench.db, Math.ceil((4 * SECONDS + RSS_SECONDS) * 2500), CHAINS));
    await bench.db.query('VACUUM ANALYZE');
    const log = join(tmpdir(), `ott-observability-bench-${Date.now()}.log`);
    const on = await startServer(bench.databaseUrl, {}, log);
    const off = await startServer(bench.databaseUrl, { REQUEST_LOG_ENABLED: 'false', METRICS_ENABLED: 'false' }, log);
    servers.push(on, off);
    const cpu = new Map<string, { ms: number; operations: number }>();
    const phase = async (server: Server, label: string, seconds: number): Promise<LoadResult> => {
      const batch = take.batch(Math.ceil(seconds * 2500));
      const before = cpuMilliseconds(server.child);
      const result = await httpLoad(server, label, CONFIRM, batch.map((orderId) => ({ input: { orderId: String(orderId), transactionId: `OBS-${orderId}` } })), CLIENTS, seconds);
      const spent = cpu.get(label) ?? { ms: 0, operations: 0 };
      cpu.set(label, { ms: spent.ms + cpuMilliseconds(server.child) - before, operations: spent.operations + result.operations });
      take.giveBack(batch.length - result.used);
      if (result.firstError) console.log(`  first error (${label}): ${result.firstError}`);
      return result;
    };
    // warm both up (JIT, pools, plans)
    await phase(on, 'warm-up, logs and metrics on', 3);
    await phase(off, 'warm-up, logs and metrics off', 3);
    const results = [
      await phase(on, 'logs and metrics on', SECONDS),
      await phase(off, 'logs and metrics off', SECONDS),
      await phase(off, 'logs and metrics off', SECONDS),
      await phase(on, 'logs and metrics on', SECONDS),
    ];
    printLoad(results);
    const rate = (label: string) => {
      const matching = results.filter((result) => result.label === label);
      return matching.reduce((sum, result) => sum + result.operations, 0) / matching.reduce((sum, result) => sum + result.seconds, 0);
    };
    const overhead = (1 - rate('logs and metrics on') / rate('logs and metrics off')) * 100;
    console.log(`confirmPayment/s: on ${rate('logs and metrics on').toFixed(0)}, off ${rate('logs and metrics off').toFixed(0)}: overhead ${overhead.toFixed(1)}% (target ≤ 5%)`);
    // On a machine other work loads, throughput follows the scheduler; the server's own CPU time per request does not.
    const perRequest = (label: string) => cpu.get(label)!.ms / cpu.get(label)!.operations;
    console.log(
      `server CPU per confirmPayment: on ${perRequest('logs and metrics on').toFixed(3)} ms, off ${perRequest('logs and metrics off').toFixed(3)} ms: ` +
        `overhead ${((perRequest('logs and metrics on') / perRequest('logs and metrics off') - 1) * 100).toFixed(1)}%`,
    );
    const before = rssMegabytes(on.child);
    const long = await phase(on, `${RSS_SECONDS} s, logs and metrics on`, RSS_SECONDS);
    printLoad([long]);
    console.log(`API process RSS: ${before.toFixed(0)} MB before, ${rssMegabytes(on.child).toFixed(0)} MB after ${RSS_SECONDS} s at ${CLIENTS} clients (target < 300 MB)`);
    console.log(`request log lines written: ${readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('"reqId"')).length} (${log})`);
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => new Promise((done) => (server.child.exitCode !== null ? done(null) : server.child.on('exit', done)))));
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
