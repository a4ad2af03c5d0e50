import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { DatabasePool } from '../database/database-pool.js';
import { poolRegistry } from '../database/observed-pg.js';

/** The label of an operation a client named but the schema does not have (so no client can mint label values). */
export const UNKNOWN_OPERATION = '__unknown';
/** The label of a request outside GraphQL that matched no route (static files, 404s). */
export const OTHER_ROUTE = '__other';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

/** A histogram's series for one label combination (prom-client's `labels(...)` handle). */
type Series = ReturnType<Histogram<string>['labels']>;

/** Per-request series handles, made once per label combination (bounded: known operations only). */
class SeriesCache {
  private readonly byKey = new Map<string, Map<string, Series>>();

  constructor(private readonly make: (first: string, second: string) => Series) {}

  get(first: string, second: string): Series {
    let inner = this.byKey.get(first);
    if (!inner) this.byKey.set(first, (inner = new Map()));
    let series = inner.get(second);
    if (!series) inner.set(second, (series = this.make(first, second)));
    return series;
  }
}

/**
 * What `GET /metrics` shows, in a registry of this application's own (two apps in one process,
 * as in tests, never share counters): process and runtime defaults, HTTP and GraphQL durations
 * labelled by the schema's operation names only, errors by code, the PostgreSQL pool, jobs and
 * (in the process that runs the jobs) the business gauges of business-metrics.ts.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly enabled: boolean;
  private known = new Set<string>();
  private readonly httpDuration: Histogram<'method' | 'operation' | 'status'>;
  private readonly graphqlDuration: Histogram<'operation' | 'outcome'>;
  private readonly graphqlErrors: Counter<'operation' | 'code'>;
  private readonly jobRuns: Counter<'job' | 'outcome'>;
  private readonly jobDuration: Histogram<'job'>;
  private readonly jobItems: Counter<'job'>;
  private readonly jobSkipped: Counter<'job'>;
  private readonly jobLastSuccess: Gauge<'job'>;
  /** http_request_duration_seconds by "<method> <status>", then operation */
  private readonly httpSeries: SeriesCache;
  /** graphql_operation_duration_seconds by operation, then outcome */
  private readonly graphqlSeries: SeriesCache;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DatabasePool) database: DatabasePool,
    @Inject(DataSource) dataSource: DataSource,
  ) {
    this.enabled = config.METRICS_ENABLED;
    const registers = [this.registry];
    if (this.enabled) collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, operation (GraphQL root field or route) and status',
      labelNames: ['method', 'operation', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operations by root field and outcome (OK or the first error code)',
      labelNames: ['operation', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors by extensions.code', labelNames: ['operation', 'code'], registers });
    this.jobRuns = new Counter({ name: 'job_runs_total', help: 'Scheduled job runs by outcome (success, failure, skipped)', labelNames: ['job', 'outcome'], registers });
    this.jobDuration = new Histogram({ name: 'job_duration_seconds', help: 'Scheduled job run time', labelNames: ['job'], buckets: JOB_BUCKETS, registers });
    this.jobItems = new Counter({ name: 'job_items_total', help: 'Items a job processed (commissions released, users flagged, payments folded, report rows compacted, orders expired, payouts checked)', labelNames: ['job'], registers });
    this.jobSkipped = new Counter({ name: 'job_skipped_total', help: 'Runs skipped: another instance was running the job (or, for payout-status, no payout provider to ask)', labelNames: ['job'], registers });
    this.jobLastSuccess = new Gauge({ name: 'job_last_success_timestamp_seconds', help: 'When the job last finished successfully (Unix time)', labelNames: ['job'], registers });
    this.httpSeries = new SeriesCache((methodStatus, operation) => {
      const space = methodStatus.indexOf(' ');
      return this.httpDuration.labels({ method: methodStatus.slice(0, space), operation, status: methodStatus.slice(space + 1) });
    });
    this.graphqlSeries = new SeriesCache((operation, outcome) => this.graphqlDuration.labels({ operation, outcome }));
    // TypeORM's pools, through the driver it was given (database/observed-pg.ts), not its internals
    const typeorm = poolRegistry(dataSource.options.type === 'postgres' ? dataSource.options.driver : undefined);
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections of this process: total, idle, and requests waiting for one; pool="app" is the repositories\' pool, pool="typeorm" TypeORM\'s (transactions, query builder)',
      labelNames: ['pool', 'state'],
      registers,
      collect() {
        const app = database.stats();
        this.set({ pool: 'app', state: 'total' }, app.total);
        this.set({ pool: 'app', state: 'idle' }, app.idle);
        this.set({ pool: 'app', state: 'waiting' }, app.waiting);
        if (!typeorm) return;
        let total = 0;
        let idle = 0;
        let waiting = 0;
        for (const pool of typeorm.pools) {
          total += pool.totalCount;
          idle += pool.idleCount;
          waiting += pool.waitingCount;
        }
        this.set({ pool: 'typeorm', state: 'total' }, total);
        this.set({ pool: 'typeorm', state: 'idle' }, idle);
        this.set({ pool: 'typeorm', state: 'waiting' }, waiting);
      },
    });
  }

  /** The schema's Query and Mutation field names: the only operation label values. */
  setKnownOperations(names: Iterable<string>): void {
    this.known = new Set(names);
  }

  operationLabel(name: string | undefined | null): string {
    return name && this.known.has(name) ? name : UNKNOWN_OPERATION;
  }

  /** One HTTP request (`methodStatus`: "POST 200"), timed once. */
  observeHttp(methodStatus: string, operation: string, seconds: number): void {
    if (this.enabled) this.httpSeries.get(methodStatus, operation).observe(seconds);
  }

  /** One GraphQL operation: its request's duration (the same measurement as observeHttp's), outcome and errors by code. */
  observeGraphql(operation: string, outcome: string, seconds: number, errorCodes: readonly string[] | undefined): void {
    if (!this.enabled) return;
    this.graphqlSeries.get(operation, outcome).observe(seconds);
    if (errorCodes) for (const code of errorCodes) this.graphqlErrors.inc({ operation, code });
  }

  /** Shows a job's series (at zero) before its first run. */
  declareJob(job: string): void {
    for (const outcome of ['success', 'failure', 'skipped']) this.jobRuns.inc({ job, outcome }, 0);
    this.jobItems.inc({ job }, 0);
    this.jobSkipped.inc({ job }, 0);
  }

  /** Runs one scheduled job, measuring it; `work` says how many items it handled and whether it skipped. */
  async job<T extends object>(job: string, work: () => Promise<T>, items: (result: T) => number): Promise<T> {
    const end = this.jobDuration.startTimer({ job });
    try {
      const result = await work();
      if ('skipped' in result && result.skipped === true) {
        this.jobSkipped.inc({ job });
        this.jobRuns.inc({ job, outcome: 'skipped' });
      } else {
        end();
        this.jobRuns.inc({ job, outcome: 'success' });
        this.jobItems.inc({ job }, items(result));
        this.jobLastSuccess.set({ job }, Date.now() / 1000);
      }
      return result;
    } catch (error) {
      end();
      this.jobRuns.inc({ job, outcome: 'failure' });
      throw error;
    }
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
