import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { installPgTypeParsers } from './pg-types.js';

export function dataSourceOptions(url: string, poolSize = 16): DataSourceOptions {
  installPgTypeParsers();
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    // A connection attempt to an unreachable server fails after 5 s instead of holding the request.
    extra: { max: poolSize, application_name: 'ott-referral', connectionTimeoutMillis: 5000 },
  };
}

/** For the TypeORM CLI: `typeorm -d dist/database/data-source.js migration:show`. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ott'));
