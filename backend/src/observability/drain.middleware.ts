import type { NextFunction, Request, Response } from 'express';
import { readiness } from '../health/readiness.js';

/**
 * While the process drains (SIGTERM), each response asks the client to close its keep-alive
 * connection, so the HTTP server can finish: the client's next request opens a new connection,
 * which the load balancer sends to another instance.
 */
export function drainMiddleware(_req: Request, res: Response, next: NextFunction): void {
  if (readiness.draining) res.setHeader('connection', 'close');
  next();
}
