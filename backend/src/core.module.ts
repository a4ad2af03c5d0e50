import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source.js';
import { TransactionService } from './database/transaction.service.js';

/** What every process needs: the config, the database and its transactions. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.DATABASE_POOL_SIZE))],
      providers: [{ provide: AppConfig, useValue: config }, TransactionService],
      exports: [AppConfig, TransactionService],
    };
  }
}
