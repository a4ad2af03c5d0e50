import { DataSource, type DataSourceOptions } from 'typeorm';
import { AdminLog } from './audit/admin-log.entity.js';
import { Commission } from './commissions/commission.entity.js';
import { FraudFlag } from './fraud/fraud-flag.entity.js';
import { Order } from './orders/order.entity.js';
import { PaymentEvent } from './payments/payment-event.entity.js';
import { PayoutEvent } from './payouts/payout-event.entity.js';
import { Referral, ReferralClick } from './referrals/referral.entity.js';
import { ReferralStatsRow } from './referrals/referral-stats.entity.js';
import { Setting } from './settings/setting.entity.js';
import { User } from './users/user.entity.js';
import { Wallet, WalletTransaction } from './wallets/wallet.entity.js';
import { Withdrawal } from './withdrawals/withdrawal.entity.js';
import { MIGRATIONS } from './database/migrations/index.js';
import { observedPg } from './database/observed-pg.js';
import { installPgTypeParsers } from './database/pg-types.js';
import { TypeOrmLogger } from './observability/typeorm-logger.js';

/** Every TypeORM entity of the application (the data source is composed here, above the domain modules). */
export const ENTITIES = [User, Referral, ReferralClick, ReferralStatsRow, Order, Commission, Wallet, WalletTransaction, Withdrawal, FraudFlag, AdminLog, Setting, PaymentEvent, PayoutEvent];

export function dataSourceOptions(url: string, poolSize = 16): DataSourceOptions {
  installPgTypeParsers();
  return {
    type: 'postgres',
    // pg itself, whose pools /metrics can count (db_pool_connections{pool="typeorm"})
    driver: observedPg(),
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // through the process's pino logger (JSON lines in production), not TypeORM's console output
    logger: new TypeOrmLogger(['error', 'warn', 'migration']),
    // A connection attempt to an unreachable server fails after 5 s instead of holding the request.
    extra: { max: poolSize, application_name: 'ott-referral', connectionTimeoutMillis: 5000 },
  };
}

/** For the TypeORM CLI: `typeorm -d dist/data-source.js migration:show`. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ott'));
