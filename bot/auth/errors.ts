/**
 * Typed authentication failures. Each has a stable `code` the HTTP layer can log and map,
 * and a message for whoever can fix it: the developer or add-in that sent the token, or an
 * administrator for tenant and app-registration settings. Messages never contain the token.
 */

/** Why a token was refused (HTTP 401). */
export type AuthErrorCode =
  /** No Authorization header, or `Bearer` with nothing after it. */
  | 'missing-token'
  /** An Authorization header with another scheme (Basic, Negotiate, ...). */
  | 'not-bearer'
  /** Not a JWT, or a JWT whose parts cannot be decoded. */
  | 'malformed-token'
  | 'token-expired'
  /** `nbf` (or `iat`) is in the future beyond the clock tolerance. */
  | 'token-not-yet-valid'
  /** The signature does not match the key the token names. */
  | 'bad-signature'
  /** The token names a signing key the issuer does not publish. */
  | 'unknown-signing-key'
  /** `alg` is not the one this mode accepts (`none`, HS256 forgeries, ...). */
  | 'unsupported-algorithm'
  | 'wrong-issuer'
  /** Issued for another application. */
  | 'wrong-audience'
  /** Issued for Microsoft Graph: the add-in asked for the wrong audience. */
  | 'graph-audience'
  /** The token's tenant is not in ENTRA_ALLOWED_TENANTS. */
  | 'tenant-not-allowed'
  /** A v1.0 access token: the app registration does not ask for v2.0 tokens. */
  | 'v1-token'
  /** An app-only (client credentials) token: no signed-in user behind it. */
  | 'app-only-token'
  /** A claim the service needs (oid, tid, sub, ...) is absent or not usable. */
  | 'missing-claim'
  /** A dev token made with another data directory's key. */
  | 'dev-key-mismatch';

/** A token was refused; the caller must send a different or fresh one (HTTP 401). */
export class AuthenticationError extends Error {
  readonly status = 401;

  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * The token could not be checked because the issuer's signing keys could not be fetched
 * (HTTP 503). Not the caller's fault, so not a 401: a 401 would send the user to sign in
 * again for nothing.
 */
export class AuthUnavailableError extends Error {
  readonly status = 503;
  readonly code = 'keys-unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthUnavailableError';
  }
}

/** Why the auth module cannot be set up as asked. */
export type AuthConfigErrorCode =
  /** A verifier option is missing or wrong (client id, tenant list, authority host). */
  | 'invalid-config'
  /** The dev key file exists but is not a usable key. */
  | 'dev-key-unreadable'
  /** Dev tokens asked for while NODE_ENV=production. */
  | 'dev-mode-in-production'
  /** signDevToken was given a role, organisation or lifetime it cannot sign. */
  | 'invalid-dev-token-request';

/** A setting or input the operator must change before auth can work; raised at start-up, not per request. */
export class AuthConfigError extends Error {
  constructor(
    readonly code: AuthConfigErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AuthConfigError';
  }
}
