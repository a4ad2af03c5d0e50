import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { ReportingModule } from '../reporting/reporting.module.js';
import { BusinessFiguresRepository } from './business-figures.repository.js';
import { BusinessMetrics } from './business-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * Metrics (GET /metrics) for the API and the worker alike, with the business gauges where the
 * jobs run; the request logs and request timings are installed on the HTTP server by
 * `useRequestLogger` (ahead of every route, static files included).
 */
@Global()
@Module({})
export class ObservabilityModule {
  /** `runsJobs`: whether this process runs the scheduled jobs (the worker always does, whatever JOBS_ENABLED says). */
  static register(config: AppConfig, { runsJobs = config.JOBS_ENABLED }: { runsJobs?: boolean } = {}): DynamicModule {
    const business = config.METRICS_ENABLED && runsJobs;
    return {
      module: ObservabilityModule,
      imports: business ? [ReportingModule] : [],
      controllers: [MetricsController],
      providers: [MetricsService, ...(business ? [BusinessFiguresRepository, BusinessMetrics] : [])],
      exports: [MetricsService],
    };
  }
}
