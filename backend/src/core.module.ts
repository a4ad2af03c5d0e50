import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config.js';
import { DatabasePool } from './database/database-pool.js';
import { dataSourceOptions } from './data-source.js';
import { JobLeasesRepository } from './database/job-leases.repository.js';
import { JobLeases } from './database/job-leases.service.js';
import { TransactionService } from './database/transaction.service.js';

/** What every process needs: the config, the database and its transactions. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.DATABASE_POOL_SIZE))],
      providers: [
        { provide: AppConfig, useValue: config },
        {
          provide: DatabasePool,
          useFactory: () => new DatabasePool({ url: databaseUrl, size: config.DATABASE_POOL_SIZE, preparedStatements: config.DATABASE_PREPARED_STATEMENTS }),
        },
        TransactionService,
        JobLeasesRepository,
        JobLeases,
      ],
      exports: [AppConfig, DatabasePool, TransactionService, JobLeases],
    };
  }
}
