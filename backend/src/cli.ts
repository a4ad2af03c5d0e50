import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AdminsService } from './admins/admins.service.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './admins/dto/admin.inputs.js';
import { AppModule } from './app.module.js';
import { logLevels, migrate, pendingMigrations, revertLastMigration } from './bootstrap.js';
import { CommissionsService } from './commissions/commissions.service.js';
import { DomainException } from './common/errors/domain.exception.js';
import { readSecret } from './common/read-secret.js';
import type { AppConfig } from './config/app-config.js';
import { DatabaseUnavailableError, resolveDatabase } from './database/database-url.js';
import { DEMO_MAX_USERS, DemoRepository } from './demo/demo.repository.js';
import { DEMO_DEFAULT_USERS, DEMO_MIN_USERS, DemoSeedRefused, DemoSeedService } from './demo/demo-seed.service.js';
import { loadConfigOrExit } from './lifecycle.js';
import { ReferralsService } from './referrals/referrals.service.js';
import { ReportMaintenanceService } from './reporting/report-maintenance.service.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { WalletsService } from './wallets/wallets.service.js';

type AppContext = Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

/** sysexits.h codes, as documented in the README's Operations section. */
const EXIT = { OK: 0, DRIFT: 1, USAGE: 64, DATA: 65, SCHEMA_BEHIND: 75 } as const;

/** The largest --seed: the seed is a 9-digit number in the demo statements. */
const MAX_SEED = 999_999_999;

type Options = NonNullable<ParseArgsConfig['options']>;

interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** NEW_ADMIN_PASSWORD or standard input, read before anything starts (reset-admin-password). */
  secret?: string;
}

interface Command {
  /** The arguments after the command's name, as the usage line shows them. */
  synopsis?: string;
  description: string;
  /** One line each, for the command's --help. */
  details?: string[];
  options?: Options;
  /** How many positional arguments it takes (default none). */
  positionals?: number;
  /**
   * Migrations this build has and the database lacks: `apply` applies them first (a command that
   * writes with the current schema), `require` refuses to run until `migrate` has applied them
   * (a check or job must not change the schema as a side effect), `own` is a migration command.
   */
  schema: 'apply' | 'require' | 'own';
  /** Checked before anything starts; a message means: refuse with exit code 64 (EX_USAGE). */
  check?(parsed: Parsed, config: AppConfig): string | undefined;
  /** Reads input before anything starts (e.g. a password); a message means: refuse with exit code 65 (EX_DATAERR). */
  prepare?(parsed: Parsed): Promise<string | undefined>;
  /** Run on the database alone (the migration commands); returns the exit code. */
  runOnDatabase?(databaseUrl: string, logger: Logger): Promise<number>;
  /** Run in the application; returns the exit code. */
  run?(context: AppContext, logger: Logger, parsed: Parsed): Promise<number>;
}

/** A migration command: `work` on the database alone, under the migrations' lock. */
function migrationCommand(description: string, work: (databaseUrl: string, logger: Logger) => Promise<unknown>, details?: string[]): Command {
  return {
    description,
    details,
    schema: 'own',
    async runOnDatabase(databaseUrl, logger) {
      await work(databaseUrl, logger);
      return EXIT.OK;
    },
  };
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
  migrate: migrationCommand('Apply the pending database migrations (one process at a time) and list them', migrate),
  'migrate:revert': migrationCommand('Revert the most recently applied migration and name it', revertLastMigration, [
    'Other commands then refuse to run until `migrate` applies it again.',
  ]),
  'release-commissions': {
    description: 'Release every PENDING commission whose hold has passed (same job as the hourly schedule)',
    schema: 'require',
    async run(context, logger) {
      const result = await context.get(CommissionsService).releaseMatured(new Date(), undefined, 'cli');
      logger.log(result.skipped ? 'Another runner is releasing right now; nothing done' : `Released ${result.released} commissions in ${result.batches} batch(es)`);
      return EXIT.OK;
    },
  },
  'reset-admin-password': {
    synopsis: '<telegramId>',
    description: "Set an admin's password (NEW_ADMIN_PASSWORD or standard input, never echoed); earlier tokens stop working",
    details: ["<telegramId>: the admin's numeric Telegram id.", `The password: ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`],
    positionals: 1,
    schema: 'require',
    check({ positionals }) {
      return /^\d{1,20}$/.test(positionals[0]) ? undefined : "<telegramId> must be the admin's numeric Telegram id (digits only)";
    },
    async prepare(parsed) {
      const password = process.env.NEW_ADMIN_PASSWORD || (await readSecret('New password: ').catch(() => ''));
      if (!password) return 'No password given: set NEW_ADMIN_PASSWORD or type it on standard input';
      if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
        return `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters (from NEW_ADMIN_PASSWORD or standard input)`;
      }
      parsed.secret = password;
      return undefined;
    },
    async run(context, logger, { positionals: [telegramId], secret }) {
      const operator = `cli:${userInfo().username}`;
      const admin = await context.get(AdminsService).resetPasswordFromCli(telegramId, secret!, operator);
      logger.log(`Password of admin ${admin.id} (Telegram id ${telegramId}) reset; every earlier token is revoked`);
      return EXIT.OK;
    },
  },
  'seed-demo': {
    synopsis: '[--users N] [--seed S]',
    description: `A realistic demo data set (default ${DEMO_DEFAULT_USERS.toLocaleString('en')} users, seed 1); refused in production`,
    details: [
      `--users N: demo users, ${DEMO_MIN_USERS} to ${DEMO_MAX_USERS.toLocaleString('en')} (default ${DEMO_DEFAULT_USERS.toLocaleString('en')})`,
      `--seed S: 0 to ${MAX_SEED.toLocaleString('en')}; the same seed gives the same data (default 1)`,
      'It runs once per database.',
    ],
    options: { users: { type: 'string' }, seed: { type: 'string' } },
    schema: 'apply',
    check({ values }, config) {
      const users = values.users as string | undefined;
      const seed = values.seed as string | undefined;
      if (config.isProduction) return 'seed-demo is refused in production (NODE_ENV=production)';
      if (users !== undefined && !wholeNumberIn(users, DEMO_MIN_USERS, DEMO_MAX_USERS)) {
        return `--users must be a whole number from ${DEMO_MIN_USERS} to ${DEMO_MAX_USERS}, not ${users}`;
      }
      if (seed !== undefined && !wholeNumberIn(seed, 0, MAX_SEED)) return `--seed must be a whole number from 0 to ${MAX_SEED}, not ${seed}`;
      return undefined;
    },
    async run(context, logger, { values }) {
      try {
        const report = await context.get(DemoSeedService).seed({
          users: Number(values.users ?? DEMO_DEFAULT_USERS),
          seed: Number(values.seed ?? 1),
        });
        logger.log(
          `Seeded in ${report.durationMs} ms: ${report.users} users (referral depth ${report.maxDepth}), orders ${JSON.stringify(report.orders)}, ` +
            `commissions ${JSON.stringify(report.commissions)}, withdrawals ${JSON.stringify(report.withdrawals)}, fraud flags ${JSON.stringify(report.fraudFlags)}, ${report.ledgerEntries} ledger entries`,
        );
        return EXIT.OK;
      } catch (error) {
        if (!(error instanceof DemoSeedRefused)) throw error;
        logger.error(error.message);
        return EXIT.DATA;
      }
    },
  },
  'reconcile-wallets': {
    description: 'Recompute every wallet from the ledger and list any drift (exit code 1 when there is drift)',
    schema: 'require',
    async run(context, logger) {
      const report = await context.get(WalletsService).reconcile();
      for (const drift of report.drift) logger.error(`user ${drift.userId}: ${drift.field} cached ${drift.cached}, ledger says ${drift.expected}`);
      logger.log(`Checked ${report.checkedWallets} wallets: ${report.driftedWallets} with drift`);
      return report.driftedWallets ? EXIT.DRIFT : EXIT.OK;
    },
  },
  'rebuild-referral-stats': {
    description: 'Recompute referral_stats from referrals, clicks and commissions, fix and list any drift (exit code 1 when there was drift)',
    schema: 'require',
    async run(context, logger) {
      const report = await context.get(ReferralsService).rebuildStats();
      for (const drift of report.drift) logger.error(`user ${drift.userId}: ${drift.field} was ${drift.cached ?? 'missing'}, source tables say ${drift.expected}`);
      const outcome = report.driftedUsers ? `${report.driftedUsers} had drifted (the first ${new Set(report.drift.map((drift) => drift.userId)).size} listed above), now fixed` : 'no drift';
      logger.log(`Checked ${report.checkedUsers} users in ${report.durationMs} ms: ${outcome}`);
      return report.driftedUsers ? EXIT.DRIFT : EXIT.OK;
    },
  },
  'reconcile-reports': {
    synopsis: '[--repair]',
    description: 'Recompute every report figure and list any drift (exit code 1 when there is drift); --repair rebuilds the reports',
    details: ['--repair: when there is drift, rebuild the reports from the source tables and check again.'],
    options: { repair: { type: 'boolean' } },
    schema: 'require',
    async run(context, logger, { values }) {
      const maintenance = context.get(ReportMaintenanceService);
      const drift = await maintenance.reconcile();
      for (const entry of drift) logger.error(describeReportDrift(entry));
      logger.log(drift.length ? `${drift.length} drifted figure(s)` : 'Reports are exact: no drift');
      if (drift.length && values.repair) {
        await maintenance.rebuild();
        const after = await maintenance.reconcile();
        logger.log(after.length ? `Still ${after.length} drifted figure(s) after the rebuild` : 'Rebuilt: no drift now');
      }
      return drift.length ? EXIT.DRIFT : EXIT.OK;
    },
  },
};

/**
 * One drifted report figure in words. `daily:` figures compare two rollups (report_daily against
 * the compacted hours it is kept from); every other figure compares a rollup with the source tables.
 */
export function describeReportDrift(entry: { figure: string; bucket?: Date | null; actual: unknown; expected: unknown }): string {
  const at = entry.bucket ? ` at ${entry.bucket.toISOString()}` : '';
  return entry.figure.startsWith('daily:')
    ? `${entry.figure}${at}: report_daily says ${entry.actual}, the compacted hours say ${entry.expected}`
    : `${entry.figure}${at}: reports say ${entry.actual}, source tables say ${entry.expected}`;
}

function wholeNumberIn(text: string, min: number, max: number): boolean {
  return /^\d{1,16}$/.test(text) && Number(text) >= min && Number(text) <= max;
}

const usageLine = (name: string) => `Usage: node dist/cli.js ${name}${COMMANDS[name].synopsis ? ` ${COMMANDS[name].synopsis}` : ''}`;

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'Usage: node dist/cli.js <command> [options]   (npm run cli -w backend -- <command> [options])',
    '',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.description}`),
    '',
    'node dist/cli.js <command> --help describes one command.',
  ].join('\n');
}

function commandHelp(name: string): string {
  const command = COMMANDS[name];
  const schema = {
    apply: 'Applies pending migrations first.',
    require: 'Refuses to run while migrations are pending (run `migrate` first).',
    own: undefined,
  }[command.schema];
  return [usageLine(name), '', command.description, ...(command.details ?? []), ...(schema ? [schema] : [])].join('\n');
}

/** The command's arguments, strictly: an unknown option, a missing value or an extra argument is an error. */
function parseCommandArgs(name: string, args: string[]): Parsed | { help: true } | { error: string } {
  const command = COMMANDS[name];
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return { help: true };
    const expected = command.positionals ?? 0;
    if (positionals.length !== expected) {
      return { error: expected ? `${name} takes ${expected} argument(s), got ${positionals.length}` : `${name} takes no argument (got ${positionals.join(' ')})` };
    }
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    // parseArgs' own messages name the option ("Unknown option '--bogus'", "argument missing")
    return { error: `${name}: ${(error as Error).message}` };
  }
}

async function cli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? args[0] : undefined;
    if (topic && !COMMANDS[topic]) {
      console.error(`Unknown command: ${topic}\n\n${usage()}`);
      return EXIT.USAGE;
    }
    console.log(topic ? commandHelp(topic) : usage());
    return EXIT.OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command: ${name}\n\n${usage()}`);
    return EXIT.USAGE;
  }
  const parsed = parseCommandArgs(name, args);
  if ('help' in parsed) {
    console.log(commandHelp(name));
    return EXIT.OK;
  }
  if ('error' in parsed) {
    console.error(`${parsed.error}\n\n${commandHelp(name)}`);
    return EXIT.USAGE;
  }

  const logger = new Logger('Cli');
  const config: AppConfig = loadConfigOrExit();
  config.JOBS_ENABLED = false;
  const refusal = command.check?.(parsed, config);
  if (refusal) {
    logger.error(refusal);
    return EXIT.USAGE;
  }
  const badInput = await command.prepare?.(parsed);
  if (badInput) {
    logger.error(badInput);
    return EXIT.DATA;
  }
  const database = await resolveDatabase(config);
  try {
    if (command.runOnDatabase) return await command.runOnDatabase(database.url, logger);
    if (command.schema === 'apply') {
      logger.log(`${name} writes with the current schema: applying pending migrations first`);
      await migrate(database.url);
    } else {
      const pending = await pendingMigrations(database.url);
      if (pending.length) {
        const named = pending.length > 3 ? `${pending.slice(0, 3).join(', ')} and ${pending.length - 3} more` : pending.join(', ');
        logger.error(`${pending.length} migration(s) not applied to this database (${named}): run \`migrate\` first; ${name} does not change the schema`);
        return EXIT.SCHEMA_BEHIND;
      }
    }
    const context = await NestFactory.createApplicationContext(CliModule.register(config, database.url), { logger: logLevels(config.LOG_LEVEL) });
    try {
      return await command.run!(context, logger, parsed);
    } finally {
      await context.close();
    }
  } finally {
    await database.embedded?.stop();
  }
}

cli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    const logger = new Logger('Cli');
    // A refusal of the application's rules (an unknown admin, ...) or an unreachable database is
    // told in one line; anything else is a bug, with its stack.
    if (error instanceof DomainException || error instanceof DatabaseUnavailableError) logger.error(error.message);
    else logger.error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined);
    process.exit(1);
  },
);
