import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { type Logger as PinoLogger, type LoggerOptions, pino } from 'pino';
import { type Options as PinoHttpOptions, pinoHttp } from 'pino-http';
import { actorName, type RequestPrincipal } from '../common/auth/principal.js';
import type { AppConfig } from '../config/app-config.js';

/** What a request's log line and metrics learn while it is handled (set by the GraphQL observer). */
export interface RequestObservation {
  /** The schema's root field the operation ran (a known name or the fixed unknown label). */
  operation?: string;
  /** The client's own operationName, shortened. */
  operationName?: string;
  /** OK, or the first error's extensions.code. */
  outcome?: string;
}

export type ObservedRequest = IncomingMessage & { id?: string; observed?: RequestObservation; principal?: RequestPrincipal; originalUrl?: string };

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's request id is kept when it looks like one (no control characters, bounded). */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Secrets never written: credentials in headers, and any password-like field in logged objects. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.*.password',
  '*.*.newPassword',
  '*.*.currentPassword',
];

const NEST_TO_PINO: Record<AppConfig['LOG_LEVEL'], string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** pino's options for this process: JSON lines in production, pino-pretty elsewhere (colour only on a terminal). */
export function pinoOptions(config: Pick<AppConfig, 'LOG_LEVEL' | 'logFormat'>): LoggerOptions {
  return {
    level: NEST_TO_PINO[config.LOG_LEVEL],
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: Boolean(process.stdout.isTTY), singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}

let root: PinoLogger | undefined;
let rootKey = '';

/** One pino logger per process (one pretty-printing worker thread, not one per app). */
export function rootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'logFormat'>): PinoLogger {
  const key = `${config.LOG_LEVEL}:${config.logFormat}`;
  if (!root || rootKey !== key) {
    const options = pinoOptions(config);
    // JSON lines go to stdout without blocking the event loop on each write (pino flushes at exit).
    root = options.transport ? pino(options) : pino(options, pino.destination({ dest: 1, sync: false }));
    rootKey = key;
  }
  return root;
}

/** The request's id: the caller's x-request-id when it sent a sane one, else a new UUID; echoed on the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** pino-http's settings: one line per request with id, operation, principal, duration and outcome. */
export function pinoHttpOptions(config: AppConfig): PinoHttpOptions {
  return {
    logger: rootLogger(config),
    genReqId: requestId,
    quietReqLogger: true,
    autoLogging: config.REQUEST_LOG_ENABLED ? { ignore: (req) => req.url === '/health/live' } : false,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, time) => `${req.method} ${(req as ObservedRequest).originalUrl ?? req.url} ${res.statusCode} ${time} ms`,
    customErrorMessage: (req, res) => `${req.method} ${(req as ObservedRequest).originalUrl ?? req.url} failed with ${res.statusCode}`,
    customProps: (req) => {
      const request = req as ObservedRequest;
      if (!request.observed && request.principal === undefined) return undefined as unknown as object;
      return {
        ...(request.observed?.operation ? { operation: request.observed.operation } : {}),
        ...(request.observed?.operationName ? { operationName: request.observed.operationName } : {}),
        principal: request.principal ? actorName(request.principal) : 'anonymous',
        outcome: request.observed?.outcome ?? 'OK',
      };
    },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** The request's child logger (carrying its reqId) while it is handled. */
const requestLoggers = new AsyncLocalStorage<PinoLogger>();

/**
 * pino-http for every request, and the request's logger kept in async-local storage for the
 * rest of its handling, so every Nest log line the request causes carries its reqId (what
 * nestjs-pino does; its Node 20 release cannot be loaded by Jest in ESM mode next to Nest 12).
 */
export function requestLoggingMiddleware(config: AppConfig) {
  const middleware = pinoHttp(pinoHttpOptions(config));
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    middleware(req, res);
    requestLoggers.run((req as IncomingMessage & { log: PinoLogger }).log, next);
  };
}

/**
 * Nest's logger over pino: before the application exists (configuration, the embedded database,
 * migrations), in the CLI, and inside requests, where each line carries the request's id.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  /** Inside a request: its logger (with reqId); otherwise the process's. */
  private get logger(): PinoLogger {
    return requestLoggers.getStore() ?? this.root;
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = typeof params[0] === 'string' && params[0].includes('\n    at ') ? params[0] : undefined;
    const fields = { ...(context ? { context } : {}), ...(stack ? { err: { stack } } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
}
