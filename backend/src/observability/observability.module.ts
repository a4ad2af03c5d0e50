import { type DynamicModule, Global, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { drainMiddleware } from './drain.middleware.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * Metrics (GET /metrics) for the API and the worker alike; the request logs are installed on
 * the HTTP server by `useRequestLogger` (they must run before any route).
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static register(_config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [MetricsController],
      providers: [MetricsService, HttpMetricsMiddleware],
      exports: [MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(drainMiddleware, HttpMetricsMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
