import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { AppConfig } from '../config/app-config.js';

/** The label of an operation a client named but the schema does not have (so no client can mint label values). */
export const UNKNOWN_OPERATION = '__unknown';
/** The label of a request outside GraphQL that matched no route (static files, 404s). */
export const OTHER_ROUTE = '__other';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

interface BusinessFigures {
  pending: number;
  available: number;
  locked: number;
  openWithdrawals: number;
  openWithdrawalsAmount: number;
  openFraudFlags: number;
  pendingCommissions: number;
  pendingCommissionsAmount: number;
}

/**
 * What `GET /metrics` shows, in a registry of this application's own (two apps in one process,
 * as in tests, never share counters): process and runtime defaults, HTTP and GraphQL durations
 * labelled by the schema's operation names only, errors by code, the PostgreSQL pool, jobs and
 * a few business gauges.
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
  private business: { at: number; figures: Promise<BusinessFigures> } | undefined;
  /** Business figures are read at most this often, whatever the scrape interval. */
  private readonly businessRefreshMs: number;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Optional() @Inject('BUSINESS_METRICS') businessMetrics?: boolean,
  ) {
    this.enabled = config.METRICS_ENABLED;
    this.businessRefreshMs = config.BUSINESS_METRICS_REFRESH_SECONDS * 1000;
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
    this.jobItems = new Counter({ name: 'job_items_total', help: 'Items a job processed (commissions released, users flagged)', labelNames: ['job'], registers });
    this.jobSkipped = new Counter({ name: 'job_skipped_total', help: 'Runs skipped because another instance was running the job', labelNames: ['job'], registers });
    this.jobLastSuccess = new Gauge({ name: 'job_last_success_timestamp_seconds', help: 'When the job last finished successfully (Unix time)', labelNames: ['job'], registers });
    const pool = () => (this.dataSource.driver as PostgresDriver).master as Pool | undefined;
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections of this process: total, idle, and requests waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        const current = pool();
        this.set({ state: 'total' }, current?.totalCount ?? 0);
        this.set({ state: 'idle' }, current?.idleCount ?? 0);
        this.set({ state: 'waiting' }, current?.waitingCount ?? 0);
      },
    });
    // Business figures once per deployment: in the process that runs the jobs (the worker, or a
    // single all-in-one server), not in every API replica.
    if (this.enabled && (businessMetrics ?? config.JOBS_ENABLED)) this.registerBusinessGauges(registers);
  }

  /** The schema's Query and Mutation field names: the only operation label values. */
  setKnownOperations(names: Iterable<string>): void {
    this.known = new Set(names);
  }

  operationLabel(name: string | undefined | null): string {
    return name && this.known.has(name) ? name : UNKNOWN_OPERATION;
  }

  observeHttp(method: string, operation: string, status: number, seconds: number): void {
    if (this.enabled) this.httpDuration.observe({ method, operation, status: String(status) }, seconds);
  }

  observeGraphql(operation: string, outcome: string, seconds: number, errorCodes: string[]): void {
    if (!this.enabled) return;
    this.graphqlDuration.observe({ operation, outcome }, seconds);
    for (const code of errorCodes) this.graphqlErrors.inc({ operation, code });
  }

  /** Shows a job's series (at zero) before its first run. */
  declareJob(job: string): void {
    for (const outcome of ['success', 'failure', 'skipped']) this.jobRuns.inc({ job, outcome }, 0);
    this.jobItems.inc({ job }, 0);
    this.jobSkipped.inc({ job }, 0);
  }

  /** Runs one scheduled job, measuring it; `work` says how many items it handled and whether it skipped. */
  async job<T extends { skipped?: boolean }>(job: string, work: () => Promise<T>, items: (result: T) => number): Promise<T> {
    const end = this.jobDuration.startTimer({ job });
    try {
      const result = await work();
      if (result.skipped) {
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

  private registerBusinessGauges(registers: Registry[]): void {
    const figures = () => this.businessFigures();
    const gauge = (name: string, help: string, read: (f: BusinessFigures) => number) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(read(await figures()));
        },
      });
    new Gauge({
      name: 'ott_liabilities_paise',
      help: 'Money owed to users, by wallet bucket (paise)',
      labelNames: ['bucket'],
      registers,
      async collect() {
        const f = await figures();
        this.set({ bucket: 'pending' }, f.pending);
        this.set({ bucket: 'available' }, f.available);
        this.set({ bucket: 'locked' }, f.locked);
      },
    });
    gauge('ott_open_withdrawals', 'Withdrawals waiting for an admin or the payout (PENDING, APPROVED, PROCESSING)', (f) => f.openWithdrawals);
    gauge('ott_open_withdrawals_amount_paise', 'Amount of the open withdrawals (paise)', (f) => f.openWithdrawalsAmount);
    gauge('ott_open_fraud_flags', 'Fraud flags not yet resolved', (f) => f.openFraudFlags);
    gauge('ott_pending_commissions', 'Commissions still in their hold (PENDING)', (f) => f.pendingCommissions);
    gauge('ott_pending_commissions_amount_paise', 'Amount of the pending commissions (paise)', (f) => f.pendingCommissionsAmount);
  }

  /**
   * Read at most every BUSINESS_METRICS_REFRESH_SECONDS. Each figure comes from an open set that
   * an index bounds (pending commissions, open withdrawals and flags); the pending and locked
   * buckets equal those sets' sums by the ledger's rules. Only `available` needs every wallet:
   * it is summed at most every five refreshes. (Hook for the reporting module: its maintained
   * liabilities can replace these reads.)
   */
  private businessFigures(): Promise<BusinessFigures> {
    const now = Date.now();
    if (!this.business || now - this.business.at >= this.businessRefreshMs) {
      const previous = this.business?.figures;
      const figures = this.readBusinessFigures().catch(async () => (previous ? previous : Promise.reject(new Error('business figures unavailable'))));
      this.business = { at: now, figures };
    }
    return this.business.figures.catch(() => EMPTY_FIGURES);
  }

  private availableCache: { at: number; value: number } | undefined;

  private async readBusinessFigures(): Promise<BusinessFigures> {
    const [open] = await this.dataSource.query<
      { open_withdrawals: number; open_withdrawals_amount: string; open_fraud_flags: number; pending_commissions: number; pending_commissions_amount: string }[]
    >(
      `SELECT (SELECT count(*) FROM withdrawals WHERE status IN ('PENDING', 'APPROVED', 'PROCESSING'))::int AS open_withdrawals,
              (SELECT coalesce(sum(amount), 0) FROM withdrawals WHERE status IN ('PENDING', 'APPROVED', 'PROCESSING'))::text AS open_withdrawals_amount,
              (SELECT count(*) FROM fraud_flags WHERE status = 'OPEN')::int AS open_fraud_flags,
              (SELECT count(*) FROM commissions WHERE status = 'PENDING')::int AS pending_commissions,
              (SELECT coalesce(sum(amount), 0) FROM commissions WHERE status = 'PENDING')::text AS pending_commissions_amount`,
    );
    if (!this.availableCache || Date.now() - this.availableCache.at >= 5 * this.businessRefreshMs) {
      const [{ available }] = await this.dataSource.query<{ available: string }[]>('SELECT coalesce(sum(available), 0)::text AS available FROM wallets');
      this.availableCache = { at: Date.now(), value: Number(available) };
    }
    const pendingAmount = Number(open.pending_commissions_amount);
    const lockedAmount = Number(open.open_withdrawals_amount);
    return {
      pending: pendingAmount,
      available: this.availableCache.value,
      locked: lockedAmount,
      openWithdrawals: open.open_withdrawals,
      openWithdrawalsAmount: lockedAmount,
      openFraudFlags: open.open_fraud_flags,
      pendingCommissions: open.pending_commissions,
      pendingCommissionsAmount: pendingAmount,
    };
  }
}

const EMPTY_FIGURES: BusinessFigures = {
  pending: 0,
  available: 0,
  locked: 0,
  openWithdrawals: 0,
  openWithdrawalsAmount: 0,
  openFraudFlags: 0,
  pendingCommissions: 0,
  pendingCommissionsAmount: 0,
};
