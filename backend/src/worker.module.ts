import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { SettingsModule } from './settings/settings.module.js';

/** The background worker: scheduled jobs only, no HTTP. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.register(config, databaseUrl), AuditModule, SettingsModule, JobsModule.register(true)],
    };
  }
}
