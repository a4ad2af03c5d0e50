import { type DynamicModule, Global, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { drainMiddleware } from './drain.middleware.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { loggerParams } from './logging.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * Logs (nestjs-pino: one JSON line per request with its id, operation, principal, duration and
 * outcome; every line a request causes carries its id) and metrics (GET /metrics), for the API
 * and the worker alike.
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggerParams(config))],
      controllers: [MetricsController],
      providers: [MetricsService, HttpMetricsMiddleware],
      exports: [MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(drainMiddleware, HttpMetricsMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
