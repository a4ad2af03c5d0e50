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
  /** Every error's extensions.code (for graphql_errors_total), when there were errors. */
  errorCodes?: readonly string[];
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

/** pino's options for the application's lines: JSON in production, pino-pretty elsewhere (colour only on a terminal). */
export function pinoOptions(config: Pick<AppConfig, 'LOG_LEVEL' | 'logFormat'>): LoggerOptions {
  return {
    level: NEST_TO_PINO[config.LOG_LEVEL],
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...commonOptions(config),
  };
}

function commonOptions(config: Pick<AppConfig, 'logFormat'>): LoggerOptions {
  return {
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

interface Loggers {
  /** The application's lines (Nest's logger): every redaction path, wildcards included. */
  app: PinoLogger;
  /**
   * The request lines (pino-http), into the same destination. They hold only fields this file
   * builds (reqId, method, path, status, timing, operation, principal, outcome), never headers,
   * a query string or a body, so they need no redaction: pino's wildcard paths would otherwise
   * clone and walk every field of every request line and of pino-http's per-request child loggers.
   * (In development, with pino-pretty, it is the application's logger.)
   */
  request: PinoLogger;
}

let loggers: Loggers | undefined;
let loggersKey = '';

/**
 * One pair of pino loggers per process (one pretty-printing worker thread, not one per app).
 * JSON lines go to stdout through one asynchronous destination: a write never blocks the event
 * loop, lines written while one is in flight go out together in the next write, and pino
 * flushes what is left when the process exits.
 */
function processLoggers(config: Pick<AppConfig, 'LOG_LEVEL' | 'logFormat'>): Loggers {
  const key = `${config.LOG_LEVEL}:${config.logFormat}`;
  if (!loggers || loggersKey !== key) {
    const options = pinoOptions(config);
    if (options.transport) {
      // development: one pretty-printing worker thread for both
      const app = pino(options);
      loggers = { app, request: app };
    } else {
      const destination = pino.destination({ dest: 1, sync: false });
      loggers = { app: pino(options, destination), request: pino({ level: options.level, ...commonOptions(config) }, destination) };
    }
    loggersKey = key;
  }
  return loggers;
}

/** The process's application logger. */
export function rootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'logFormat'>): PinoLogger {
  return processLoggers(config).app;
}

/** The request's id: the caller's x-request-id when it sent a sane one, else a new UUID; echoed on the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The request's path without its query string (a GET's query could carry a document's variables). */
function path(req: IncomingMessage): string {
  const url = (req as ObservedRequest).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Adds what the request's handling learnt to its line's object (pino-http's own, not a copy or a child logger). */
function requestFields(req: IncomingMessage, fields: Record<string, unknown>): Record<string, unknown> {
  const request = req as ObservedRequest;
  const observed = request.observed;
  if (!observed && request.principal === undefined) return fields;
  if (observed?.operation) fields.operation = observed.operation;
  if (observed?.operationName) fields.operationName = observed.operationName;
  fields.principal = request.principal ? actorName(request.principal) : 'anonymous';
  fields.outcome = observed?.outcome ?? 'OK';
  return fields;
}

/**
 * The probes load balancers, Docker and compose send every few seconds: one line each would
 * drown the rest. A readiness change shows in the health status itself and in /metrics.
 */
const UNLOGGED_PATHS = new Set(['/health/live', '/health/ready']);

/**
 * The error pino-http makes up for a 5xx response that carried none (`failed with status code
 * 503`, with a stack pointing into pino-http): the status says it all; a real error is kept.
 */
function isStatusOnlyError(res: ServerResponse, error: Error | undefined): boolean {
  return !(res as ServerResponse & { err?: unknown }).err && error?.message === `failed with status code ${res.statusCode}`;
}

/** pino-http's settings: one line per request with id, operation, principal, duration and outcome. */
export function pinoHttpOptions(config: AppConfig): PinoHttpOptions {
  return {
    logger: processLoggers(config).request,
    genReqId: requestId,
    quietReqLogger: true,
    autoLogging: config.REQUEST_LOG_ENABLED ? { ignore: (req) => UNLOGGED_PATHS.has(path(req)) } : false,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, time) => `${req.method} ${path(req)} ${res.statusCode} ${time} ms`,
    customErrorMessage: (req, res, error) =>
      isStatusOnlyError(res, error) ? `${req.method} ${path(req)} ${res.statusCode}` : `${req.method} ${path(req)} ${res.statusCode} failed: ${error.message}`,
    customSuccessObject: (req, _res, fields) => requestFields(req, fields),
    customErrorObject: (req, res, error, fields) => {
      if (isStatusOnlyError(res, error)) delete fields.err;
      return requestFields(req, fields);
    },
    // our serializers see the raw objects: no full copy of the request and its headers first
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, url: path(req) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      // no enumerable extras of the error (a driver error's parameters), only what identifies it
      err: (error: Error) => ({ type: error?.name, message: error?.message, stack: error?.stack }),
    },
  };
}

/** The id of the request being handled (for the application's lines it causes). */
const requestIds = new AsyncLocalStorage<string>();

/**
 * pino-http for every request, and the request's id kept in async-local storage for the rest
 * of its handling, so every Nest log line the request causes carries its reqId (what
 * nestjs-pino does; see the README's logging section for why nestjs-pino itself is not used).
 */
export function requestLoggingMiddleware(config: AppConfig) {
  const middleware = pinoHttp(pinoHttpOptions(config));
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    middleware(req, res);
    requestIds.run((req as ObservedRequest).id!, next);
  };
}

/**
 * Nest's logger over pino: before the application exists (configuration, the embedded database,
 * migrations), in the CLI, and inside requests, where each line carries the request's id (one
 * logger with every redaction path; no child logger per request).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    if (!this.root.isLevelEnabled(level)) return;
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = typeof params[0] === 'string' && params[0].includes('\n    at ') ? params[0] : undefined;
    const reqId = requestIds.getStore();
    const fields = { ...(reqId ? { reqId } : {}), ...(context ? { context } : {}), ...(stack ? { err: { stack } } : {}) };
    if (message instanceof Error) this.root[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.root[level]({ ...fields, ...message });
    else this.root[level](fields, String(message));
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
