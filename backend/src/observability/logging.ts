import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoggerService, RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { type Logger as PinoLogger, type LoggerOptions, pino } from 'pino';
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
    root = pino(pinoOptions(config));
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

/** nestjs-pino's settings: one line per request with id, operation, principal, duration and outcome. */
export function loggerParams(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
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
        req: (req: { method: string; url: string; remoteAddress?: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/**
 * A Nest logger over the process's pino logger, for what is logged before the application exists
 * (configuration, the embedded database, migrations) and by the CLI: the same format as the rest.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

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
