/**
 * Slows down guessing of one-time link tokens from one address.
 *
 * Rules:
 * - Every attempt is counted before its lookup (`attempt`), synchronously, so guesses sent
 *   in parallel are all counted; a good link's attempt is then taken back, so only wrong
 *   tokens (unknown, used, revoked or expired) stay counted and a good link costs nothing.
 * - Attempts are counted under each key given: the client's address and the link's token
 *   prefix (a scan of one link from many addresses is counted too). The worst key decides.
 * - A valid link always opens, even from a throttled address: behind a proxy many families
 *   share an address, and one guesser must not lock them all out. The refusal and the wait
 *   are for wrong tokens only.
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

  /**
   * Counts an attempt under every key now, before the lookup, and says how a wrong token
   * should be answered given the attempts before it (parallel ones included). `settle(true)`
   * once the token proved good takes the attempt back.
   */
  attempt(keys: readonly string[]): { decision: ThrottleDecision; settle(valid: boolean): void } {
    const decisions = keys.map((k) => this.decide(k));
    const blocked = decisions.filter((d): d is Extract<ThrottleDecision, { kind: 'blocked' }> => d.kind === 'blocked');
    const decision: ThrottleDecision = blocked.length
      ? { kind: 'blocked', retryAfterSeconds: Math.max(...blocked.map((d) => d.retryAfterSeconds)) }
      : { kind: 'go', delayMs: Math.max(0, ...decisions.map((d) => (d.kind === 'go' ? d.delayMs : 0))) };
    const at = this.o.now();
    for (const k of keys) this.recordFailure(k, at);
    return {
      decision,
      settle: (valid) => {
        if (!valid) return;
        for (const k of keys) {
          const list = this.failures.get(k);
          const i = list?.lastIndexOf(at) ?? -1;
          if (list && i !== -1) list.splice(i, 1);
          if (list?.length === 0) this.failures.delete(k);
        }
      },
    };
  }

  /** Counts one wrong token from `address`. */
  recordFailure(address: string, at = this.o.now()): void {
    const recent = this.recent(address);
    recent.push(at);
    this.failures.delete(address);
    this.failures.set(address, recent);
    if (this.failures.size > this.o.maxAddresses) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
