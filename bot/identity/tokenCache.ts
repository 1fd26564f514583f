/** A cached access token and when it stops being usable. */
export interface CachedToken {
  readonly token: string;
  /** Epoch milliseconds at which Entra ID says the token expires. */
  readonly expiresAt: number;
}

/** Options for {@link TokenCache}. */
export interface TokenCacheOptions {
  /** Entries kept before the least recently used is dropped. Default 5000. */
  maxEntries?: number;
  /** A token is treated as expired this long before its real expiry. Default 5 minutes. */
  skewMs?: number;
  /** Clock in epoch milliseconds. */
  now?: () => number;
}

/**
 * In-memory token cache partitioned by a caller-built key (tenant + user or app + scopes),
 * bounded in size, with concurrent misses for one key coalesced into one fetch.
 *
 * Keys never contain tokens, and the cache never logs: it holds secrets only in memory.
 */
export class TokenCache {
  private readonly entries = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private readonly maxEntries: number;
  private readonly skewMs: number;
  private readonly now: () => number;

  constructor(options: TokenCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 5000;
    this.skewMs = options.skewMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Builds a cache key; scopes are sorted and lower-cased so order does not split entries. */
  static key(parts: { tenantId: string; subject: string; scopes: readonly string[] }): string {
    const scopes = [...parts.scopes].map((s) => s.toLowerCase()).sort();
    return `${parts.tenantId.toLowerCase()}|${parts.subject}|${scopes.join(' ')}`;
  }

  /** The cached token for `key` if still fresh (outside the skew window). */
  get(key: string): CachedToken | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt - this.skewMs <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /**
   * Returns the fresh cached token for `key`, or runs `fetch` once for all concurrent
   * callers and caches its result. A failed fetch is not cached.
   */
  async getOrFetch(key: string, fetch: () => Promise<CachedToken>): Promise<CachedToken> {
    const hit = this.get(key);
    if (hit) return hit;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const started = fetch()
      .then((token) => {
        this.set(key, token);
        return token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Stores a token, evicting the least recently used entry when full. */
  set(key: string, token: CachedToken): void {
    this.entries.delete(key);
    this.entries.set(key, token);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Drops every entry whose key starts with `tenantId|` (e.g. after consent changes). */
  forgetTenant(tenantId: string): void {
    const prefix = `${tenantId.toLowerCase()}|`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Number of entries held (fresh or not yet swept). */
  get size(): number {
    return this.entries.size;
  }
}
