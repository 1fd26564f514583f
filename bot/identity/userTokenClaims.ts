import { z } from 'zod';
import { IdentityError } from './errors';

/** The claims of a user's access token that the broker needs to route and cache an exchange. */
export interface UserTokenClaims {
  tenantId: string;
  objectId: string;
  /** Seconds since the epoch, when present. */
  expiresAt?: number;
  /** Who the token was issued for: this app's client id or its Application ID URI. */
  audience?: string;
}

const claimsSchema = z.object({
  tid: z.string().min(1),
  oid: z.string().min(1),
  exp: z.number().optional(),
  aud: z.string().optional(),
});

/**
 * Reads `tid`, `oid` and `exp` from a user's JWT access token WITHOUT checking its
 * signature. The service's inbound auth has already verified the token; the broker only
 * needs to know which tenant to exchange it in and which user to cache the result under,
 * and Entra ID itself rejects a forged assertion during the exchange.
 *
 * @example readUserTokenClaims(jwt) // { tenantId: '7f0c…', objectId: '1b2e…', expiresAt: 1767225600 }
 */
export function readUserTokenClaims(token: string): UserTokenClaims {
  const parts = token.split('.');
  const payload = parts.length === 3 ? parts[1] : undefined;
  if (!payload) {
    throw new IdentityError('invalid-user-token', 'The sign-in token sent by the add-in or tab is not a JWT access token.');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityError('invalid-user-token', 'The sign-in token sent by the add-in or tab cannot be decoded.');
  }
  const parsed = claimsSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new IdentityError(
      'invalid-user-token',
      'The sign-in token sent by the add-in or tab has no tenant (tid) or user (oid) claim; it must be a user access token for this app.',
    );
  }
  return {
    tenantId: parsed.data.tid,
    objectId: parsed.data.oid,
    ...(parsed.data.exp !== undefined ? { expiresAt: parsed.data.exp } : {}),
    ...(parsed.data.aud !== undefined ? { audience: parsed.data.aud } : {}),
  };
}
