import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { ReportMaintenanceService } from '../reporting/report-maintenance.service.js';
import { DEMO_MAX_USERS, type DemoCounts, DemoRepository } from './demo.repository.js';

export const DEMO_DEFAULT_USERS = 10_000;
export const DEMO_MIN_USERS = 20;

export interface DemoSeedOptions {
  users: number;
  seed: number;
}

export interface DemoSeedReport extends DemoCounts {
  durationMs: number;
}

export class DemoSeedRefused extends Error {}

/**
 * `seed-demo`: a realistic data set for a demo or a newcomer's first look at the panel, built with
 * set-based SQL in one transaction and deterministic from a seed. A referral forest several
 * levels deep (a few roots, early users with many referrals); orders over the last 90 days,
 * paid, failed, refunded and pending; commissions at today's default rates, released once their
 * hold has passed, reversed or clawed back on refunds; withdrawals in every state; fraud flags
 * on shared devices and from "support", open and closed. The books balance by construction:
 * every movement is a ledger row, the wallets are the ledger's sums, and referral_stats is
 * computed from the same rows `rebuildReferralStats` reads; the reports are rebuilt from the
 * result in the same transaction.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(DemoRepository) private readonly demo: DemoRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(ReportMaintenanceService) private readonly reports: ReportMaintenanceService,
  ) {}

  async seed(options: DemoSeedOptions): Promise<DemoSeedReport> {
    if (this.config.isProduction) throw new DemoSeedRefused('seed-demo is refused in production (NODE_ENV=production): it writes invented users and money');
    if (!Number.isInteger(options.users) || options.users < DEMO_MIN_USERS || options.users > DEMO_MAX_USERS) {
      throw new DemoSeedRefused(`--users must be a whole number from ${DEMO_MIN_USERS} to ${DEMO_MAX_USERS}`);
    }
    const started = Date.now();
    const { seed, users } = options;
    // one progress line a phase: a large seed runs for minutes
    const step = async (name: string, work: () => Promise<number | void>) => {
      const at = Date.now();
      const rows = await work();
      this.logger.log(`${name}: ${typeof rows === 'number' ? `${rows.toLocaleString('en')} rows, ` : ''}${Date.now() - at} ms`);
    };
    await this.transactions.run(async () => {
      const existing = await this.demo.countDemoUsers();
      if (existing) throw new DemoSeedRefused(`this database already holds ${existing} demo users: seed-demo runs once per database`);
      this.logger.log(`Seeding ${users.toLocaleString('en')} demo users (seed ${seed}) in one transaction`);
      await this.demo.tuneForBulkLoad();
      await step('users', () => this.demo.insertUsers(seed, users));
      await step('referrers', () => this.demo.assignReferrers(seed, users));
      await step('referrals', () => this.demo.insertReferrals(users));
      await step('clicks', () => this.demo.insertReferralClicks(seed, users));
      await this.demo.analyze('users');
      await step('device flags', () => this.demo.flagSharedDevices(seed, users));
      await step('manual flags', () => this.demo.insertManualFlags(seed, users));
      await step('suspicious', () => this.demo.holdFlaggedUsers(users));
      await step('orders', () => this.demo.insertOrders(seed, users));
      await this.demo.analyze('orders');
      await step('commissions', () => this.demo.insertCommissions(users));
      await step('conversions', () => this.demo.markConversions(users));
      await step('commission ledger', () => this.demo.insertCommissionLedger(users));
      await this.demo.analyze('commissions');
      await step('withdrawals', () => this.demo.insertWithdrawals(seed, users));
      await step('withdrawal ledger', () => this.demo.insertWithdrawalLedger(users));
      await this.demo.analyze('withdrawals');
      await step('wallets', () => this.demo.insertWallets(users));
      await step('referral stats', () => this.demo.insertReferralStats(users));
      // The rows above are set-based, not the payments' and releases' own statements, which keep
      // the reports: the rollups are rebuilt from them before the seed commits.
      await step('reports', () => this.reports.rebuild());
    });
    const report: DemoSeedReport = { ...(await this.demo.report(users)), durationMs: Date.now() - started };
    this.logger.log(`Demo data: ${report.users} users, ${report.referrals} referrals (depth ${report.maxDepth}), ${JSON.stringify(report.orders)} orders, ${report.durationMs} ms`);
    return report;
  }
}
