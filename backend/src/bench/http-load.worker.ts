import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { Pool } from 'undici';

interface Job {
  url: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown>[];
  clients: number;
  seconds: number;
  /** Ready-made requests (body and extra headers each) sent instead of `query` with `variables`. */
  requests?: { body: string; headers: Record<string, string> }[];
}

/** Keep-alive connection pools by origin, kept between phases so connections stay warm. */
const pools = new Map<string, Pool>();

/**
 * Sends GraphQL requests from its own thread, so the load generator does not share the server's
 * event loop; undici's pool costs a fraction of the CPU of `fetch`, which leaves the two cores to
 * the server and PostgreSQL being measured. One connection per client, no pipelining.
 */
async function run({ url, headers, query, variables, clients, seconds, requests }: Job) {
  const { origin, pathname } = new URL(url);
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 128, pipelining: 1, keepAliveTimeout: 60_000 });
    pools.set(origin, pool);
  }
  const requestHeaders = { 'content-type': 'application/json', ...headers };
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const total = requests?.length ?? variables.length;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total && performance.now() < deadline) {
        const index = next++;
        const body = requests ? requests[index].body : JSON.stringify({ query, variables: variables[index] });
        const begin = performance.now();
        try {
          const response = await pool.request({ method: 'POST', path: pathname, headers: requests ? { ...requestHeaders, ...requests[index].headers } : requestHeaders, body });
          const result = (await response.body.json()) as { errors?: unknown[] };
          if (response.statusCode !== 200 || result.errors) throw new Error(`HTTP ${response.statusCode}: ${JSON.stringify(result.errors ?? result).slice(0, 300)}`);
          latencies.push(performance.now() - begin);
        } catch (error) {
          errors += 1;
          firstError ??= String(error);
        }
      }
    }),
  );
  return { latencies, errors, firstError, used: Math.min(next, total), seconds: (performance.now() - started) / 1000 };
}

// One long-lived thread runs every load phase, so its connections stay warm between phases.
parentPort!.on('message', (job: Job) => {
  void run(job).then((result) => parentPort!.postMessage(result));
});
