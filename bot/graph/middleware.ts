import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../log/logger';
import { GraphTransportError } from './errors';
import { type AttemptFailure, isIdempotentMethod, type RetryPolicy, runWithRetry } from './retry';

/** Returns a Graph access token (cached by the caller's broker). */
export type TokenSource = () => Promise<string>;

type HeaderBag = Record<string, string>;

function urlOf(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

function headersOf(context: Context): HeaderBag {
  if (!context.options) context.options = {};
  const options = context.options;
  if (options.headers instanceof Headers) {
    const copy: HeaderBag = {};
    options.headers.forEach((value, key) => {
      copy[key] = value;
    });
    options.headers = copy;
  }
  options.headers ??= {};
  return options.headers as HeaderBag;
}

function deleteHeader(headers: HeaderBag, name: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
}

/**
 * Attaches `Authorization: Bearer` and a `client-request-id` to requests for the Graph
 * origin only, and strips them from any other origin.
 *
 * Used instead of the SDK's AuthenticationHandler, whose host check (`customHosts`)
 * recognises only `https://` URLs, so a local `http://127.0.0.1` test Graph would never get
 * a token. Matching the exact origin (scheme, host and port) is also stricter: an absolute
 * URL from a response (an upload or download URL on another host) never receives the token.
 */
export class GraphAuthMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly graphOrigin: string,
    private readonly tokens: TokenSource,
  ) {}

  /** Runs this step then the rest of the chain. */
  async execute(context: Context): Promise<void> {
    const headers = headersOf(context);
    if (new URL(urlOf(context)).origin === this.graphOrigin) {
      let token: string;
      try {
        token = await this.tokens();
      } catch (error) {
        throw new GraphTransportError('identity', 'Could not obtain a Microsoft Graph token.', error);
      }
      deleteHeader(headers, 'Authorization');
      headers.Authorization = `Bearer ${token}`;
      if (!Object.keys(headers).some((k) => k.toLowerCase() === 'client-request-id')) headers['client-request-id'] = randomUUID();
    } else {
      deleteHeader(headers, 'Authorization');
    }
    await this.next?.execute(context);
  }

  /** Links the next middleware. */
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Marks one POST or PATCH as safe to retry after a dropped connection (for example an
 * event create carrying a `transactionId`, which Graph deduplicates). Pass it with
 * `.middlewareOptions([new IdempotentRequest()])`.
 */
export class IdempotentRequest {
  readonly idempotent = true;
}

function isReplayable(body: unknown): boolean {
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

/**
 * Honours 429/503 `Retry-After` (and retries idempotent requests after 504s, timeouts and
 * dropped connections) under a {@link RetryPolicy}. A non-idempotent request that fails in
 * transit is never resent: it surfaces as `outcome-unknown` so the caller can check first.
 */
export class ThrottleRetryMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
  ) {}

  /** Runs the rest of the chain, retrying as the policy allows. */
  async execute(context: Context): Promise<void> {
    if (!context.options) context.options = {};
    const options = context.options;
    const method = (options.method ?? 'GET').toUpperCase();
    const marked = context.middlewareControl?.getMiddlewareOptions(IdempotentRequest) !== undefined;
    const request = { idempotent: isIdempotentMethod(method) || marked, replayable: isReplayable(options.body) };
    const path = new URL(urlOf(context)).pathname;
    let transportError: GraphTransportError | undefined;

    const outcome = await runWithRetry<Response | undefined>(
      async (n) => {
        if (n > 0) headersOf(context)['Retry-Attempt'] = String(n);
        try {
          await this.next?.execute(context);
        } catch (error) {
          if (error instanceof GraphTransportError && (error.kind === 'network' || error.kind === 'timeout')) {
            transportError = error;
            context.response = undefined;
            return { ok: false, failure: { kind: error.kind }, value: undefined };
          }
          throw error;
        }
        const response = context.response;
        if (response && (response.status === 429 || response.status === 503 || response.status === 504)) {
          const failure: AttemptFailure = { kind: 'status', status: response.status, retryAfter: response.headers.get('Retry-After') };
          return { ok: false, failure, value: response };
        }
        return { ok: true, value: response };
      },
      request,
      this.policy,
      {
        onRetry: async ({ attempt, delayMs, failure }) => {
          await context.response?.body?.cancel().catch(() => undefined);
          this.logger.warn('graph request retried', {
            method,
            path,
            ...(failure.kind === 'status' ? { status: failure.status } : { failure: failure.kind }),
            attempt,
            delayMs,
          });
        },
      },
    );
    if (outcome.ok) return;
    const failure = outcome.giveUp.failure;
    const cutOff = failure.kind !== 'status' || failure.status === 504;
    if (cutOff && !request.idempotent) {
      await context.response?.body?.cancel().catch(() => undefined);
      throw new GraphTransportError('outcome-unknown', `${method} ${path} was cut off; Graph may have acted.`, transportError);
    }
    if (failure.kind !== 'status') throw transportError ?? new GraphTransportError('network', `${method} ${path} failed.`);
    this.logger.warn('graph request gave up', { method, path, status: failure.status, reason: outcome.giveUp.reason });
    // The final throttled response stays in context; the SDK turns it into a GraphError.
  }

  /** Links the next middleware. */
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The last link: sends the request with the injected `fetch`. `timeoutMs` bounds the wait
 * for response headers only, so a long streamed download is not cut off mid-body.
 */
export class FetchTransport implements Middleware {
  constructor(
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  /** Sends the request and stores the response on the context. */
  async execute(context: Context): Promise<void> {
    const controller = new AbortController();
    const callerSignal = context.options?.signal ?? undefined;
    const onAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      context.response = await this.fetchImpl(context.request, { ...context.options, signal: controller.signal });
    } catch (error) {
      if (callerSignal?.aborted) throw error;
      if (timedOut) throw new GraphTransportError('timeout', `No response within ${this.timeoutMs} ms.`, error);
      throw new GraphTransportError('network', 'The connection to Microsoft Graph failed.', error);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }
}
