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

/** The API could not be reached (or failed on its side) even after the retries. */
export class ApiUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiUnavailableError';
  }
}

export interface ApiClientOptions {
  url: string;
  apiKey: string;
  /** Delays before each retry of a failed call, in ms; the call is tried retryDelays.length + 1 times. */
  retryDelays?: number[];
  /** Per attempt. */
  timeoutMs?: number;
  logger?: Pick<Console, 'warn'>;
}

/** Retries go 0.5 s, 1.5 s, 3 s apart: a restarting API gets five seconds before the user hears an apology. */
const DEFAULT_RETRY_DELAYS = [500, 1500, 3000];

class RetryableFailure extends Error {}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; [key: string]: unknown } }[];
}

/**
 * The bot's side of the API: GraphQL over HTTP with the API key, one typed document per call.
 * Network failures, timeouts, 5xx answers and INTERNAL_SERVER_ERROR are retried with back-off;
 * a coded refusal (BAD_USER_INPUT, CONFLICT, …) is thrown at once as an ApiError.
 */
export class ApiClient {
  private readonly printed = new WeakMap<object, string>();
  private readonly retryDelays: number[];
  private readonly timeoutMs: number;

  constructor(private readonly options: ApiClientOptions) {
    this.retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<TResult> {
    let query = this.printed.get(document);
    if (!query) this.printed.set(document, (query = print(document)));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt<TResult>(query, variables ?? {});
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        if (attempt >= this.retryDelays.length) throw new ApiUnavailableError(error.message);
        this.options.logger?.warn(`API call failed (${error.message}); retry ${attempt + 1} in ${this.retryDelays[attempt]} ms`);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelays[attempt]));
      }
    }
  }

  private async attempt<TResult>(query: string, variables: Record<string, unknown>): Promise<TResult> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': this.options.apiKey },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new RetryableFailure(`network: ${(error as Error).message}`);
    }
    let body: GraphQLBody<TResult>;
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
