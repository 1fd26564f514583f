import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { loadOrCreateDevKey } from './devKey';
import { AuthConfigError } from './errors';
import { isRole, type Role, roles } from './roles';

/** `iss` of every dev token. */
export const devIssuer = 'ehcp-review-dev';
/** `aud` of every dev token. */
export const devAudience = 'ehcp-review-api';
/** A working day, so a token made in the morning lasts until the evening. */
export const defaultDevTokenLifetimeSeconds = 8 * 60 * 60;
/** Long enough for a long-running local test, short enough that a leaked dev token dies. */
export const maxDevTokenLifetimeSeconds = 30 * 24 * 60 * 60;

/** The command that makes a dev token, quoted in messages. */
export const devTokenCommandLine = 'npx ehcp-review dev-token --role senco --org demo-school-1';

/** Options for {@link signDevToken}. */
export interface SignDevTokenOptions {
  dataDir: string;
  role: Role;
  orgId: string;
  /** Default `dev-${role}-${orgId}`. */
  userId?: string;
  email?: string;
  name?: string;
  /** Default 8 hours. */
  lifetimeSeconds?: number;
}

/**
 * Signs a development bearer token with the data directory's dev key (made on first use).
 * The token carries the role and organisation itself, so local work needs no Entra tenant.
 * Impure: reads (or creates) the key file, and stamps the token with the current time.
 *
 * @example await signDevToken({ dataDir: './data', role: 'senco', orgId: 'demo-school-1' }) // 'eyJhbGciOiJFUzI1NiIs…'
 */
export async function signDevToken(opts: SignDevTokenOptions): Promise<string> {
  if (!isRole(opts.role)) {
    throw new AuthConfigError('invalid-dev-token-request', `"${String(opts.role)}" is not a role; use one of ${roles.join(', ')}.`);
  }
  const orgId = opts.orgId?.trim();
  if (!orgId) throw new AuthConfigError('invalid-dev-token-request', 'A development token needs an organisation id (orgId).');
  const lifetime = opts.lifetimeSeconds ?? defaultDevTokenLifetimeSeconds;
  if (!Number.isFinite(lifetime) || lifetime < 1 || lifetime > maxDevTokenLifetimeSeconds) {
    throw new AuthConfigError('invalid-dev-token-request', `A development token must live between 1 second and ${maxDevTokenLifetimeSeconds / 86400} days; got ${lifetime} seconds.`);
  }
  const userId = opts.userId?.trim() || `dev-${opts.role}-${orgId}`;

  const key = await loadOrCreateDevKey(opts.dataDir);
  const privateKey = await importJWK(key.privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    oid: userId,
    ehcp_role: opts.role,
    ehcp_org: orgId,
    ...(opts.email ? { email: opts.email } : {}),
    ...(opts.name ? { name: opts.name } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid })
    .setIssuer(devIssuer)
    .setAudience(devAudience)
    .setSubject(userId)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + Math.round(lifetime))
    .setJti(randomUUID())
    .sign(privateKey);
}
