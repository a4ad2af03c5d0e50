import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { SettingsModule } from './settings/settings.module.js';

/** The background worker: scheduled jobs, and an HTTP port with only /health/* and /metrics. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.register(config, databaseUrl),
        // the business gauges live where the jobs run: here, even with JOBS_ENABLED=false (an env file shared with the API)
        ObservabilityModule.register(config, { runsJobs: true }),
        HealthModule,
        AuditModule,
        SettingsModule,
        JobsModule.register(true),
      ],
    };
  }
}
