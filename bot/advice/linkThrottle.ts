/**
 * Slows down guessing of one-time link tokens from one address.
 *
 * Rules:
 * - Only wrong tokens count (unknown, used, revoked or expired); opening a good link costs nothing.
 * - The first `freeFailures` wrong tokens in `windowMs` are answered at once (a mistyped
 *   link, an old email opened twice); after that each answer waits twice as long as the
 *   one before, from `baseDelayMs` up to `maxDelayMs`.
 * - From `blockAfter` wrong tokens in the window, the address is refused outright (429 with
 *   Retry-After) until the window has passed since its oldest counted failure.
 * - A 256-bit token cannot be guessed anyway; this keeps a scan from costing us a database
 *   lookup per attempt and makes one visible in the logs.
 *
 * The clock is injected; the decisions are pure functions of the recorded failures.
 */
export interface LinkThrottleOptions {
  freeFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  blockAfter?: number;
  windowMs?: number;
  now?: () => number;
  /** Addresses remembered at most (oldest forgotten first), so a spray of addresses cannot exhaust memory. */
  maxAddresses?: number;
}

export type ThrottleDecision = { kind: 'go'; delayMs: number } | { kind: 'blocked'; retryAfterSeconds: number };

/** The wait before answering, given how many wrong tokens came in the window. @example delayAfter(7, { freeFailures: 5, baseDelayMs: 250, maxDelayMs: 8000 }) //=> 1000 */
export function delayAfter(failures: number, o: { freeFailures: number; baseDelayMs: number; maxDelayMs: number }): number {
  if (failures < o.freeFailures) return 0;
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (failures - o.freeFailures));
}

export class LinkThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly o: Required<Omit<LinkThrottleOptions, 'now'>> & { now: () => number };

  constructor(options: LinkThrottleOptions = {}) {
    this.o = {
      freeFailures: options.freeFailures ?? 5,
      baseDelayMs: options.baseDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 8000,
      blockAfter: options.blockAfter ?? 30,
      windowMs: options.windowMs ?? 15 * 60_000,
      maxAddresses: options.maxAddresses ?? 10_000,
      now: options.now ?? Date.now,
    };
  }

  private recent(address: string): number[] {
    const cutoff = this.o.now() - this.o.windowMs;
    const kept = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(address);
    else this.failures.set(address, kept);
    return kept;
  }

  /** What to do with the next request from `address`. */
  decide(address: string): ThrottleDecision {
    const recent = this.recent(address);
    if (recent.length >= this.o.blockAfter) {
      const oldest = recent[0] as number;
      return { kind: 'blocked', retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.o.windowMs - this.o.now()) / 1000)) };
    }
    return { kind: 'go', delayMs: delayAfter(recent.length, this.o) };
  }

  /** Counts one wrong token from `address`. */
  recordFailure(address: string): void {
    const recent = this.recent(address);
    recent.push(this.o.now());
    this.failures.delete(address);
    this.failures.set(address, recent);
    if (this.failures.size > this.o.maxAddresses) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
