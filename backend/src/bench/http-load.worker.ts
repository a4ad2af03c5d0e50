import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';

interface Job {
  url: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown>[];
  clients: number;
  seconds: number;
}

/** Sends GraphQL requests from its own thread, so the load generator does not share the server's event loop. */
async function run({ url, headers, query, variables, clients, seconds }: Job) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < variables.length && performance.now() < deadline) {
        const body = JSON.stringify({ query, variables: variables[next++] });
        const begin = performance.now();
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
          const result = (await response.json()) as { errors?: unknown[] };
          if (result.errors) throw new Error(JSON.stringify(result.errors).slice(0, 300));
          latencies.push(performance.now() - begin);
        } catch (error) {
          errors += 1;
          firstError ??= String(error);
        }
      }
    }),
  );
  return { latencies, errors, firstError, used: Math.min(next, variables.length), seconds: (performance.now() - started) / 1000 };
}

// One long-lived thread runs every load phase, so its HTTP client stays warm between phases.
parentPort!.on('message', (job: Job) => {
  void run(job).then((result) => parentPort!.postMessage(result));
});
