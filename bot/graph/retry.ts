/**
 * Throttling policy: when to retry a Graph request, how long to wait, and a shared budget
 * that stops a 429 storm from turning into a retry storm.
 *
 * Rules, in order:
 * - 429 and 503 mean Graph refused the request without acting, so any method may be retried,
 *   never sooner than `Retry-After`.
 * - 504, timeouts and dropped connections may come after Graph acted, so only idempotent
 *   requests (GET, PUT, DELETE, or a POST the caller marks idempotent) are retried.
 * - A request whose body cannot be replayed (a stream) is never retried.
 * - Each request retries at most `maxRetries` times, and every retry also spends one token
 *   from a {@link RetryBudget} shared by the client; when it is empty the failure surfaces.
 * - A `Retry-After` longer than `maxRetryAfterSeconds` is not waited out in-process; the
 *   caller gets `graph-throttled` with the delay and can reschedule.
 */

/** Settings for retries. All optional. */
export interface RetryOptions {
  /** Retries per request. Default 4. */
  maxRetries?: number;
  /** Longest `Retry-After` honoured by waiting, seconds. Default 60. */
  maxRetryAfterSeconds?: number;
  /** First backoff step when Graph gives no `Retry-After`, ms. Default 500. */
  baseDelayMs?: number;
  /** Longest backoff without `Retry-After`, ms. Default 30 s. */
  maxDelayMs?: number;
  /** Shared budget; default a new one per client. */
  budget?: RetryBudget;
  /** Waits `ms`; injectable so tests can observe the delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Clock (for HTTP-date `Retry-After`). */
  now?: () => number;
}

/** The fully defaulted form of {@link RetryOptions}. */
export interface RetryPolicy {
  maxRetries: number;
  maxRetryAfterSeconds: number;
  baseDelayMs: number;
  maxDelayMs: number;
  budget: RetryBudget;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

/** Fills in defaults. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxRetries: options.maxRetries ?? 4,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 60,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    budget: options.budget ?? new RetryBudget(),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
}

/** Options for {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Tokens when full (and at start). Default 20. */
  capacity?: number;
  /** Tokens earned by each new (non-retry) request. Default 0.2: at most one retry per five calls over time. */
  refillPerRequest?: number;
}

/**
 * A token bucket for retries shared by every request of one client: each new request
 * earns a fraction of a token, each retry spends a whole one. In steady state retries stay
 * under `refillPerRequest` of traffic, so a throttled tenant is not hit harder.
 */
export class RetryBudget {
  private tokens: number;
  private readonly capacity: number;
  private readonly refill: number;
  /** Retries granted so far (for tests and benchmarks). */
  spent = 0;
  /** Retries refused for lack of budget. */
  refused = 0;

  constructor(options: RetryBudgetOptions = {}) {
    this.capacity = options.capacity ?? 20;
    this.refill = options.refillPerRequest ?? 0.2;
    this.tokens = this.capacity;
  }

  /** Credits the budget for one new request. */
  recordRequest(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.refill);
  }

  /** Spends one token if available. */
  tryRetry(): boolean {
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.spent++;
      return true;
    }
    this.refused++;
    return false;
  }

  /** Tokens left. */
  get available(): number {
    return this.tokens;
  }
}

/** True for methods HTTP defines as idempotent. */
export function isIdempotentMethod(method: string): boolean {
  return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

/** Parses `Retry-After` (delta-seconds or HTTP-date) to milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What went wrong with one attempt. */
export type AttemptFailure =
  | { kind: 'status'; status: number; retryAfter?: string | null }
  | { kind: 'network' }
  | { kind: 'timeout' };

/** Whether a failed attempt may be retried at all (budget and counts aside). */
export function isRetryable(failure: AttemptFailure, request: { idempotent: boolean; replayable: boolean }): boolean {
  if (!request.replayable) return false;
  if (failure.kind === 'status') {
    if (failure.status === 429 || failure.status === 503) return true;
    return failure.status === 504 && request.idempotent;
  }
  return request.idempotent;
}

/**
 * The wait before retry number `attempt` (1-based), or `undefined` when the wait Graph
 * asks for exceeds `maxRetryAfterSeconds`. With `Retry-After`: that delay plus up to 10%
 * (at most 1 s) of jitter, so throttled clients do not return in lockstep. Without: full
 * jitter over an exponential step, `random * min(maxDelay, base * 2^(attempt-1))`.
 *
 * @example retryDelayMs({ kind: 'status', status: 429, retryAfter: '2' }, 1, policy) // 2000..2200
 */
export function retryDelayMs(failure: AttemptFailure, attempt: number, policy: RetryPolicy): number | undefined {
  const asked = failure.kind === 'status' ? parseRetryAfter(failure.retryAfter, policy.now()) : undefined;
  if (asked !== undefined) {
    if (asked > policy.maxRetryAfterSeconds * 1000) return undefined;
    return asked + Math.floor(policy.random() * Math.min(1000, asked * 0.1));
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * step);
}

/** The outcome of {@link runWithRetry} when every attempt failed. */
export type RetryGiveUp =
  | { reason: 'not-retryable' | 'retries-exhausted' | 'budget-exhausted' | 'retry-after-too-long'; failure: AttemptFailure };

/** Hooks {@link runWithRetry} reports through. */
export interface RetryHooks {
  onRetry?: (info: { attempt: number; delayMs: number; failure: AttemptFailure }) => void | Promise<void>;
}

/**
 * Runs `attempt` until it succeeds or the policy says stop. `attempt` returns either a
 * success value or an {@link AttemptFailure} (a throwing `attempt` is not caught here).
 * The budget is credited once for the request.
 */
export async function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<{ ok: true; value: T } | { ok: false; failure: AttemptFailure; value: T }>,
  request: { idempotent: boolean; replayable: boolean },
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<{ ok: true; value: T } | { ok: false; value: T; giveUp: RetryGiveUp }> {
  policy.budget.recordRequest();
  for (let n = 0; ; n++) {
    const result = await attempt(n);
    if (result.ok) return result;
    const failure = result.failure;
    if (!isRetryable(failure, request)) return { ok: false, value: result.value, giveUp: { reason: 'not-retryable', failure } };
    if (n >= policy.maxRetries) return { ok: false, value: result.value, giveUp: { reason: 'retries-exhausted', failure } };
    const delayMs = retryDelayMs(failure, n + 1, policy);
    if (delayMs === undefined) return { ok: false, value: result.value, giveUp: { reason: 'retry-after-too-long', failure } };
    if (!policy.budget.tryRetry()) return { ok: false, value: result.value, giveUp: { reason: 'budget-exhausted', failure } };
    await hooks.onRetry?.({ attempt: n + 1, delayMs, failure });
    await policy.sleep(delayMs);
  }
}
