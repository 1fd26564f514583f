import type { Role } from './roles';

/** What a verified token says about its bearer. */
export interface TokenIdentity {
  mode: 'dev' | 'entra';
  /** Entra tenant id (tid claim); null for dev tokens. */
  tenantId: string | null;
  /** Entra object id (oid claim), or the dev token's user id. */
  userId: string;
  /** Entra: preferred_username, upn or email claim, in that order. */
  email?: string | undefined;
  name?: string | undefined;
  /** Dev tokens carry the role and organisation directly; Entra tokens do not (undefined). */
  role?: Role | undefined;
  orgId?: string | undefined;
  /**
   * Entra: the service roles the tenant's administrator assigned through the app
   * registration's app roles (the `roles` claim), honoured within the organisation the
   * tenant is registered to. Absent for dev tokens.
   */
  appRoles?: Role[] | undefined;
}

/** Checks an HTTP Authorization header and says who sent it. */
export interface TokenVerifier {
  /**
   * Resolves to the bearer's identity, or rejects with an `AuthenticationError` (401: the
   * caller must fix or renew the token) or an `AuthUnavailableError` (503: the service could
   * not check it just now).
   */
  verify(authorizationHeader: string | undefined): Promise<TokenIdentity>;
}
