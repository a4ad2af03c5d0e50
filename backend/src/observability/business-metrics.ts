import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, type GaugeConfiguration } from 'prom-client';
import { AppConfig } from '../config/app-config.js';
import { ReportingService } from '../reporting/reporting.service.js';
import { BusinessFiguresRepository } from './business-figures.repository.js';
import { MetricsService } from './metrics.service.js';

interface BusinessFigures {
  pending: number;
  available: number;
  locked: number;
  openWithdrawals: number;
  openFraudFlags: number;
  pendingCommissions: number;
}

/**
 * A gauge with no series until the figures have been read once: a figure never read is unknown,
 * and a made-up 0 (no money owed, nothing open) would read as a fact on a dashboard.
 */
class FiguresGauge extends Gauge<string> {
  constructor(
    configuration: GaugeConfiguration<string>,
    private readonly known: () => boolean,
  ) {
    super(configuration);
  }

  override async get() {
    const metric = await super.get();
    return this.known() ? metric : { ...metric, values: [] };
  }
}

/**
 * The business gauges of /metrics, in the process that runs the jobs (the worker, or a single
 * all-in-one server), not in every API replica. The money comes from the reporting module's
 * maintained figures (`ReportingService.dashboard().liabilities`, sums of `report_hourly`
 * kept exact by the statements that change commissions and withdrawals): pending commissions
 * are the `pending` bucket, open withdrawals' amount the `locked` one. The counts of open items
 * are not kept there and come from BusinessFiguresRepository's index-bounded count. Read at most
 * every BUSINESS_METRICS_REFRESH_SECONDS, whatever the scrape interval. A failed read keeps the
 * last figures read, whose time `ott_business_figures_last_success_timestamp_seconds` shows;
 * until a read has succeeded the gauges have no series at all.
 */
@Injectable()
export class BusinessMetrics implements OnModuleInit {
  /** The read under way or last made (a failed one too: the database is not asked again before the interval). */
  private reading: { at: number; done: Promise<void> } | undefined;
  private latest: { figures: BusinessFigures; readAt: number } | undefined;
  private readonly refreshMs: number;

  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(ReportingService) private readonly reporting: ReportingService,
    @Inject(BusinessFiguresRepository) private readonly repository: BusinessFiguresRepository,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.refreshMs = config.BUSINESS_METRICS_REFRESH_SECONDS * 1000;
  }

  onModuleInit(): void {
    if (!this.metrics.enabled) return;
    const registers = [this.metrics.registry];
    const latest = () => this.figures();
    const known = () => this.latest !== undefined;
    const gauge = (name: string, help: string, read: (f: BusinessFigures) => number) =>
      new FiguresGauge(
        {
          name,
          help,
          registers,
          async collect() {
            const figures = await latest();
            if (figures) this.set(read(figures));
          },
        },
        known,
      );
    new FiguresGauge(
      {
        name: 'ott_liabilities_paise',
        help: 'Money owed to users, by wallet bucket (paise)',
        labelNames: ['bucket'],
        registers,
        async collect() {
          const f = await latest();
          if (!f) return;
          this.set({ bucket: 'pending' }, f.pending);
          this.set({ bucket: 'available' }, f.available);
          this.set({ bucket: 'locked' }, f.locked);
        },
      },
      known,
    );
    gauge('ott_open_withdrawals', 'Withdrawals waiting for an admin or the payout (PENDING, APPROVED, PROCESSING)', (f) => f.openWithdrawals);
    gauge('ott_open_withdrawals_amount_paise', 'Amount of the open withdrawals (paise)', (f) => f.locked);
    gauge('ott_open_fraud_flags', 'Fraud flags not yet resolved', (f) => f.openFraudFlags);
    gauge('ott_pending_commissions', 'Commissions still in their hold (PENDING)', (f) => f.pendingCommissions);
    gauge('ott_pending_commissions_amount_paise', 'Amount of the pending commissions (paise)', (f) => f.pending);
    const readAt = () => this.latest?.readAt;
    new FiguresGauge(
      {
        name: 'ott_business_figures_last_success_timestamp_seconds',
        help: 'When the ott_* gauges were last read from the database (Unix time); older than BUSINESS_METRICS_REFRESH_SECONDS means the reads fail',
        registers,
        async collect() {
          await latest();
          const at = readAt();
          if (at !== undefined) this.set(at / 1000);
        },
      },
      known,
    );
  }

  /** The latest figures read, after a new read when the last is older than the interval; undefined until one has succeeded. */
  private async figures(): Promise<BusinessFigures | undefined> {
    const now = Date.now();
    if (!this.reading || now - this.reading.at >= this.refreshMs) {
      const done = this.read().then(
        (figures) => {
          this.latest = { figures, readAt: Date.now() };
        },
        () => undefined,
      );
      this.reading = { at: now, done };
    }
    await this.reading.done;
    return this.latest?.figures;
  }

  private async read(): Promise<BusinessFigures> {
    const [{ liabilities }, counts] = await Promise.all([this.reporting.dashboard(), this.repository.openCounts()]);
    return { ...liabilities, ...counts };
  }
}
