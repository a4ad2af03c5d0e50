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
  static register(config: AppConfig): DynamicModule {
    const business = config.METRICS_ENABLED && config.JOBS_ENABLED;
    return {
      module: ObservabilityModule,
      imports: business ? [ReportingModule] : [],
      controllers: [MetricsController],
      providers: [MetricsService, ...(business ? [BusinessFiguresRepository, BusinessMetrics] : [])],
      exports: [MetricsService],
    };
  }
}
