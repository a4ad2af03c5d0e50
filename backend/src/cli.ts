import { userInfo } from 'node:os';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AdminsService } from './admins/admins.service.js';
import { AppModule } from './app.module.js';
import { logLevels, migrate } from './bootstrap.js';
import { CommissionsService } from './commissions/commissions.service.js';
import { readSecret } from './common/read-secret.js';
import type { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './data-source.js';
import { resolveDatabase } from './database/database-url.js';
import { DemoRepository } from './demo/demo.repository.js';
import { DEMO_DEFAULT_USERS, DemoSeedRefused, DemoSeedService } from './demo/demo-seed.service.js';
import { loadConfigOrExit } from './lifecycle.js';
import { ReferralsService } from './referrals/referrals.service.js';
import { ReportMaintenanceService } from './reporting/report-maintenance.service.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { WalletsService } from './wallets/wallets.service.js';

type AppContext = Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

interface Command {
  description: string;
  /** Returns the process exit code. */
  run(context: AppContext, logger: Logger, args: string[]): Promise<number>;
  /** Checked before any database work; a message means: refuse with exit code 64 (EX_USAGE). */
  check?(args: string[], config: AppConfig): string | undefined;
}

/** `--name value` from the command's arguments. */
function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

/** The commands' module: the whole application plus what only the CLI uses. */
@Module({})
class CliModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return { module: CliModule, imports: [AppModule.register(config, databaseUrl), ReportingModule], providers: [DemoRepository, DemoSeedService] };
  }
}

/** Operator commands: `node dist/cli.js <command>` (or the npm scripts in backend/package.json). */
const COMMANDS: Record<string, Command> = {
  'release-commissions': {
    description: 'Release every PENDING commission whose hold has passed (same job as the hourly schedule)',
    async run(context, logger) {
      const result = await context.get(CommissionsService).releaseMatured(new Date(), undefined, 'cli');
      logger.log(result.skipped ? 'Another runner is releasing right now; nothing done' : `Released ${result.released} commissions in ${result.batches} batch(es)`);
      return 0;
    },
  },
  'reset-admin-password': {
    description: 'reset-admin-password <telegramId>: set an admin\'s password (NEW_ADMIN_PASSWORD or standard input, never echoed); earlier tokens stop working',
    check(args) {
      return /^\d{1,20}$/.test(args[0] ?? '') ? undefined : 'Usage: reset-admin-password <telegramId> (the admin\'s numeric Telegram id)';
    },
    async run(context, logger, args) {
      const password = process.env.NEW_ADMIN_PASSWORD || (await readSecret('New password: '));
      const operator = `cli:${userInfo().username}`;
      const admin = await context.get(AdminsService).resetPasswordFromCli(args[0], password, operator);
      logger.log(`Password of admin ${admin.id} (Telegram id ${args[0]}) reset; every earlier token is revoked`);
      return 0;
    },
  },
  'seed-demo': {
    description: `seed-demo [--users N] [--seed S]: a realistic demo data set (default ${DEMO_DEFAULT_USERS} users, seed 1); refused in production`,
    check(args, config) {
      if (config.isProduction) return 'seed-demo is refused in production (NODE_ENV=production)';
      const users = option(args, 'users');
      const seed = option(args, 'seed');
      if (users !== undefined && !/^\d+$/.test(users)) return '--users must be a whole number';
      if (seed !== undefined && !/^\d{1,9}$/.test(seed)) return '--seed must be a whole number';
      return undefined;
    },
    async run(context, logger, args) {
      try {
        const report = await context.get(DemoSeedService).seed({
          users: Number(option(args, 'users') ?? DEMO_DEFAULT_USERS),
          seed: Number(option(args, 'seed') ?? 1),
        });
        logger.log(
          `Seeded in ${report.durationMs} ms: ${report.users} users (referral depth ${report.maxDepth}), orders ${JSON.stringify(report.orders)}, ` +
            `commissions ${JSON.stringify(report.commissions)}, withdrawals ${JSON.stringify(report.withdrawals)}, fraud flags ${JSON.stringify(report.fraudFlags)}, ${report.ledgerEntries} ledger entries`,
        );
        return 0;
      } catch (error) {
        if (!(error instanceof DemoSeedRefused)) throw error;
        logger.error(error.message);
        return 65;
      }
    },
  },
  'reconcile-wallets': {
    description: 'Recompute every wallet from the ledger and list any drift (exit code 1 when there is drift)',
    async run(context, logger) {
      const report = await context.get(WalletsService).reconcile();
      for (const drift of report.drift) logger.error(`user ${drift.userId}: ${drift.field} cached ${drift.cached}, ledger says ${drift.expected}`);
      logger.log(`Checked ${report.checkedWallets} wallets: ${report.driftedWallets} with drift`);
      return report.driftedWallets ? 1 : 0;
    },
  },
  'rebuild-referral-stats': {
    description: 'Recompute referral_stats from referrals, clicks and commissions, fix and list any drift (exit code 1 when there was drift)',
    async run(context, logger) {
      const report = await context.get(ReferralsService).rebuildStats();
      for (const drift of report.drift) logger.error(`user ${drift.userId}: ${drift.field} was ${drift.cached ?? 'missing'}, source tables say ${drift.expected}`);
      const outcome = report.driftedUsers ? `${report.driftedUsers} had drifted (the first ${new Set(report.drift.map((drift) => drift.userId)).size} listed above), now fixed` : 'no drift';
      logger.log(`Checked ${report.checkedUsers} users in ${report.durationMs} ms: ${outcome}`);
      return report.driftedUsers ? 1 : 0;
    },
  },
  'reconcile-reports': {
    description: 'Recompute every report figure from the source tables and list any drift (exit code 1 when there is drift); --repair rebuilds the reports',
    async run(context, logger) {
      const maintenance = context.get(ReportMaintenanceService);
      const drift = await maintenance.reconcile();
      for (const entry of drift) {
        logger.error(`${entry.figure}${entry.bucket ? ` at ${entry.bucket.toISOString()}` : ''}: reports say ${entry.actual}, source tables say ${entry.expected}`);
      }
      logger.log(drift.length ? `${drift.length} drifted figure(s)` : 'Reports are exact: no drift');
      if (drift.length && process.argv.includes('--repair')) {
        await maintenance.rebuild();
        const after = await maintenance.reconcile();
        logger.log(after.length ? `Still ${after.length} drifted figure(s) after the rebuild` : 'Rebuilt: no drift now');
      }
      return drift.length ? 1 : 0;
    },
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length), 'migrate:revert'.length);
  return [
    'Usage: node dist/cli.js <command>',
    '',
    `  ${'migrate'.padEnd(width)}  Apply pending database migrations`,
    `  ${'migrate:revert'.padEnd(width)}  Revert the most recent migration`,
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.description}`),
  ].join('\n');
}

async function revertLastMigration(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

async function cli(name: string | undefined, args: string[]): Promise<number> {
  if (!name || (!COMMANDS[name] && name !== 'migrate' && name !== 'migrate:revert')) {
    console.error(usage());
    return name ? 64 : 0;
  }
  const logger = new Logger('Cli');
  const config: AppConfig = loadConfigOrExit();
  config.JOBS_ENABLED = false;
  const refusal = COMMANDS[name]?.check?.(args, config);
  if (refusal) {
    logger.error(refusal);
    return 64;
  }
  const database = await resolveDatabase(config);
  try {
    if (name === 'migrate:revert') {
      await revertLastMigration(database.url);
      return 0;
    }
    await migrate(database.url);
    if (name === 'migrate') return 0;
    const context = await NestFactory.createApplicationContext(CliModule.register(config, database.url), { logger: logLevels(config.LOG_LEVEL) });
    try {
      return await COMMANDS[name].run(context, logger, args);
    } finally {
      await context.close();
    }
  } finally {
    await database.embedded?.stop();
  }
}

cli(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error) => {
    new Logger('Cli').error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined);
    process.exit(1);
  },
);
