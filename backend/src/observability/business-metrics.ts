import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
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

const EMPTY_FIGURES: BusinessFigures = { pending: 0, available: 0, locked: 0, openWithdrawals: 0, openFraudFlags: 0, pendingCommissions: 0 };

/**
 * The business gauges of /metrics, in the process that runs the jobs (the worker, or a single
 * all-in-one server), not in every API replica. The money comes from the reporting module's
 * maintained figures (`ReportingService.dashboard().liabilities`, sums of `report_hourly`
 * kept exact by the statements that change commissions and withdrawals): pending commissions
 * are the `pending` bucket, open withdrawals' amount the `locked` one. The counts of open items
 * are not kept there and come from BusinessFiguresRepository's index-bounded count. Read at most
 * every BUSINESS_METRICS_REFRESH_SECONDS, whatever the scrape interval; a failed read shows the
 * previous figures.
 */
@Injectable()
export class BusinessMetrics implements OnModuleInit {
  private business: { at: number; figures: Promise<BusinessFigures> } | undefined;
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
    const figures = () => this.figures();
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
    gauge('ott_open_withdrawals_amount_paise', 'Amount of the open withdrawals (paise)', (f) => f.locked);
    gauge('ott_open_fraud_flags', 'Fraud flags not yet resolved', (f) => f.openFraudFlags);
    gauge('ott_pending_commissions', 'Commissions still in their hold (PENDING)', (f) => f.pendingCommissions);
    gauge('ott_pending_commissions_amount_paise', 'Amount of the pending commissions (paise)', (f) => f.pending);
  }

  private figures(): Promise<BusinessFigures> {
    const now = Date.now();
    if (!this.business || now - this.business.at >= this.refreshMs) {
      const previous = this.business?.figures;
      const figures = this.read().catch(async () => (previous ? previous : Promise.reject(new Error('business figures unavailable'))));
      this.business = { at: now, figures };
    }
    return this.business.figures.catch(() => EMPTY_FIGURES);
  }

  private async read(): Promise<BusinessFigures> {
    const [{ liabilities }, counts] = await Promise.all([this.reporting.dashboard(), this.repository.openCounts()]);
    return { ...liabilities, ...counts };
  }
}
