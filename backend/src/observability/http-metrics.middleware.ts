import type { NextFunction, Request, Response } from 'express';
import type { ObservedRequest } from './logging.js';
import { type MetricsService, OTHER_ROUTE } from './metrics.service.js';

/**
 * Times every HTTP request. Its `operation` label is the GraphQL root field for /graphql (as
 * the GraphQL observer named it), the matched route for controllers, or one fixed label (static
 * files, unknown paths), so a client cannot create label values by choosing URLs.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!metrics.enabled) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const observed = (req as unknown as ObservedRequest).observed;
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : undefined;
      const operation = observed?.operation ?? route ?? OTHER_ROUTE;
      metrics.observeHttp(req.method, operation, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
