import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * Metrics (GET /metrics) for the API and the worker alike; the request logs and request
 * timings are installed on the HTTP server by `useRequestLogger` (ahead of every route,
 * static files included).
 */
@Global()
@Module({})
export class ObservabilityModule {
  static register(_config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [MetricsController],
      providers: [MetricsService],
      exports: [MetricsService],
    };
  }
}
