/** Where a fault applies: whole HTTP requests, sub-requests inside `$batch`, or upload/download URLs. */
export type FaultTarget = 'graph' | 'batch-part' | 'upload' | 'download';

/** What the server does instead of answering normally. */
export type FaultAction =
  /** Answer with this status and a Graph error body (429/503 carry `Retry-After` when given). */
  | { type: 'status'; status: number; retryAfterSeconds?: number; code?: string; message?: string }
  /**
   * Cut the TCP connection. `afterBodyBytes`: read that many request-body bytes first (and
   * keep none of them). `afterCommit`: process the request fully, then cut before answering,
   * so the client cannot tell whether it happened.
   */
  | { type: 'drop'; afterBodyBytes?: number; afterCommit?: boolean }
  /** Wait before handling (to trip client timeouts). */
  | { type: 'delay'; ms: number };

/** One injected fault. */
export interface FaultRule {
  action: FaultAction;
  method?: string;
  /** Substring of, or pattern for, the request path (sub-request URL for `batch-part`). */
  path?: string | RegExp;
  /** Default: any target. */
  target?: FaultTarget;
  /** How many matching requests it hits. Default 1; `Infinity` for a storm. */
  times?: number;
  /** Let this many matching requests through first. Default 0. */
  skip?: number;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  toSkip: number;
  hits: number;
}

/** The server's fault list: rules are tried in the order added; the first live match fires. */
export class FaultInjector {
  private readonly rules: ActiveRule[] = [];

  /** Adds a rule; returns a handle whose `hits` counts how often it fired. */
  add(rule: FaultRule): { readonly hits: number } {
    const active: ActiveRule = { ...rule, remaining: rule.times ?? 1, toSkip: rule.skip ?? 0, hits: 0 };
    this.rules.push(active);
    return active;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules.length = 0;
  }

  /** Finds and consumes the fault for a request, if any. */
  take(target: FaultTarget, method: string, path: string): FaultAction | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.target && rule.target !== target) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined) {
        const hit = typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
        if (!hit) continue;
      }
      if (rule.toSkip > 0) {
        rule.toSkip--;
        continue;
      }
      rule.remaining--;
      rule.hits++;
      return rule.action;
    }
    return undefined;
  }
}
