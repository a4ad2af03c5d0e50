import type { NextFunction, Request, Response } from 'express';
import type { ObservedRequest } from './logging.js';
import { type MetricsService, OTHER_ROUTE } from './metrics.service.js';

/**
 * Times every HTTP request, once: its duration feeds http_request_duration_seconds and, for a
 * GraphQL request, graphql_operation_duration_seconds (with the operation, outcome and error
 * codes the GraphQL observer left on the request). The `operation` label is the GraphQL root
 * field for /graphql, the matched route for controllers, or one fixed label (static files,
 * unknown paths), so a client cannot create label values by choosing URLs.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!metrics.enabled) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const observed = (req as unknown as ObservedRequest).observed;
      if (observed?.operation) {
        metrics.observeHttp(`${req.method} ${res.statusCode}`, observed.operation, seconds);
        metrics.observeGraphql(observed.operation, observed.outcome ?? 'OK', seconds, observed.errorCodes);
        return;
      }
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : OTHER_ROUTE;
      metrics.observeHttp(`${req.method} ${res.statusCode}`, route, seconds);
    });
    next();
  };
}
