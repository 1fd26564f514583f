import { createHash } from 'node:crypto';
import type { Principal } from '../store/principal';

/**
 * The cache key for a caller: a SHA-256 of the Authorization header and the organisation
 * asked for, so the service's memory (and a heap dump) holds no usable bearer token.
 */
export function callerKey(authorization: string, preferredOrg = ''): string {
  return createHash('sha256').update(`${preferredOrg}\n${authorization}`).digest('hex');
}

/** How long a signed-in caller is remembered: a removed membership takes effect within this. */
export const CALLER_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Remembers who a bearer token belongs to, so a busy add-in does not pay for signature
 * checks and membership look-ups on every request. An entry never outlives its token's
 * `exp`, nor {@link CALLER_TTL_MS}. Only successes are kept; a refused token is checked again.
 */
export class CallerCache {
  private readonly entries = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): Principal | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  /** `key` is a {@link callerKey}; `authorization` is read only for the token's expiry, never kept. */
  set(key: string, principal: Principal, authorization: string): void {
    const exp = tokenExpiry(authorization);
    const expiresAt = Math.min(this.now() + CALLER_TTL_MS, exp ?? 0);
    if (expiresAt <= this.now()) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { principal, expiresAt });
  }
}

/** The `exp` of an already verified JWT, in milliseconds. */
function tokenExpiry(authorization: string): number | undefined {
  const payload = authorization.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
