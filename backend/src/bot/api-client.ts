import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** The API answered with a coded GraphQL error: a refusal to explain to the user, never to retry. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string | undefined,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The API could not be reached (or failed on its side) within the time budget. */
export class ApiUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiUnavailableError';
  }
}

/**
 * A call sent at most once failed after it may have reached the API (a timeout, a dropped
 * connection, a 5xx): it may or may not have taken effect, so the caller has to look.
 */
export class ApiOutcomeUnknownError extends ApiUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'ApiOutcomeUnknownError';
  }
}

export interface ApiClientOptions {
  url: string;
  apiKey: string;
  /** Pauses before each retry of a failed call, in ms; the call is tried at most retryDelays.length + 1 times. */
  retryDelays?: number[];
  /** Per attempt. */
  timeoutMs?: number;
  /** All the calls of one user's update together (see scope()). */
  budgetMs?: number;
  logger?: Pick<Console, 'warn'>;
}

export interface CallOptions {
  /** No attempt starts after this (epoch ms), and none outlasts it. */
  deadline?: number;
  /** A write that is not idempotent: re-sent only when the connection was refused before anything was sent. */
  once?: boolean;
}

/** Retries go 0.25 s, 0.75 s, 1.5 s apart: a refused connection gives up after 2.5 s. */
const DEFAULT_RETRY_DELAYS = [250, 750, 1500];
const DEFAULT_TIMEOUT_MS = 5_000;
/** Well inside the ~10 s Telegram waits for a webhook answer. */
const DEFAULT_BUDGET_MS = 8_000;
/** Connection errors raised before a byte of the request left: nothing can have reached the API. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly notSent = false,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; [key: string]: unknown } }[];
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } })?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

/**
 * The bot's side of the API: GraphQL over HTTP with the API key, one typed document per call.
 * Network failures, timeouts, 5xx answers and INTERNAL_SERVER_ERROR are retried with back-off
 * within a deadline; a coded refusal (BAD_USER_INPUT, CONFLICT, …) is thrown at once as an ApiError.
 */
export class ApiClient {
  private readonly printed = new WeakMap<object, string>();
  private readonly retryDelays: number[];
  private readonly timeoutMs: number;
  readonly budgetMs: number;

  constructor(private readonly options: ApiClientOptions) {
    this.retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /** The calls of one update: one time budget for all, and after one found the API unreachable the rest fail at once. */
  scope(budgetMs = this.budgetMs): ApiScope {
    return new ApiScope(this, Date.now() + budgetMs);
  }

  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    call: CallOptions = {},
  ): Promise<TResult> {
    let query = this.printed.get(document);
    if (!query) this.printed.set(document, (query = print(document)));
    const deadline = call.deadline ?? Date.now() + this.budgetMs;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ApiUnavailableError('no time left for the call');
      try {
        return await this.attempt<TResult>(query, variables, Math.min(this.timeoutMs, remaining));
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        if (call.once && !error.notSent) throw new ApiOutcomeUnknownError(error.message);
        const delay = this.retryDelays[attempt];
        if (delay === undefined || Date.now() + delay >= deadline) throw new ApiUnavailableError(error.message);
        this.options.logger?.warn(`API call failed (${error.message}); retry ${attempt + 1} in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async attempt<TResult>(query: string, variables: Record<string, unknown>, timeoutMs: number): Promise<TResult> {
    let response: Response;
    let body: GraphQLBody<TResult>;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.options.apiKey },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const code = causeCode(error);
      throw new RetryableFailure(`network: ${(error as Error).message}${code ? ` (${code})` : ''}`, code !== undefined && NOT_SENT_CODES.has(code));
    }
    try {
      body = (await response.json()) as GraphQLBody<TResult>;
    } catch {
      throw new RetryableFailure(`HTTP ${response.status} without a GraphQL body`);
    }
    const error = body.errors?.[0];
    if (error) {
      const { code = 'INTERNAL_SERVER_ERROR', reason, ...details } = error.extensions ?? {};
      if (code === 'INTERNAL_SERVER_ERROR' || response.status >= 500) throw new RetryableFailure(`${code}: ${error.message}`);
      throw new ApiError(code, typeof reason === 'string' ? reason : undefined, error.message, details);
    }
    if (response.status >= 500 || !body.data) throw new RetryableFailure(`HTTP ${response.status}`);
    return body.data;
  }
}

/** See ApiClient.scope(). */
export class ApiScope {
  private unavailable?: ApiUnavailableError;

  constructor(
    private readonly client: ApiClient,
    private readonly deadline: number,
  ) {}

  request<TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    return this.send(document, variables, false);
  }

  /** For a write that must not happen twice: see CallOptions.once. */
  requestOnce<TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    return this.send(document, variables, true);
  }

  private async send<TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, once: boolean) {
    if (this.unavailable) throw this.unavailable;
    try {
      return await this.client.request(document, variables, { deadline: this.deadline, once });
    } catch (error) {
      if (error instanceof ApiUnavailableError && !(error instanceof ApiOutcomeUnknownError)) this.unavailable = error;
      throw error;
    }
  }
}
