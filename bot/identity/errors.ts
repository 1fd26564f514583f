/**
 * Typed identity failures. Each has a stable `code` that the HTTP API and the bot map to
 * their own responses, and a message written for whoever can fix it: an administrator for
 * configuration and consent, the signed-in user for an expired sign-in.
 */

/** Stable identity error codes. */
export type IdentityErrorCode =
  /** The service has no usable app registration settings (client id, secret or certificate). */
  | 'not-configured'
  /** The tenant has not consented to a permission the app needs (AADSTS65001). */
  | 'consent-missing'
  /** The tenant does not exist, the app is not present in it, or the user belongs elsewhere. */
  | 'wrong-tenant'
  /** The user's token cannot be exchanged (wrong audience, malformed, not a user token). */
  | 'invalid-user-token'
  /** The user's token has expired; the add-in or tab must get a fresh one. */
  | 'user-token-expired'
  /** The tenant's policy demands MFA or another interactive step; `claims` carries the challenge. */
  | 'interaction-required'
  /** Entra ID could not be reached or answered with a server error; worth retrying later. */
  | 'identity-unavailable'
  /** Any other refusal from Entra ID; the message carries its AADSTS code. */
  | 'token-failed';

/** Extra facts carried by an {@link IdentityError}. */
export interface IdentityErrorDetails {
  tenantId?: string;
  /** `AADSTS65001`-style code from Entra ID, when there was one. */
  aadCode?: string;
  /** Where an administrator grants consent for this tenant. */
  adminConsentUrl?: string;
  /** The Graph permissions the failed request needed. */
  permissions?: readonly string[];
  /** Claims challenge to hand back to the client for `interaction-required`. */
  claims?: string;
  /** Entra ID correlation id, for a support ticket. */
  correlationId?: string;
}

/** A failure to obtain a token, with a message a person can act on. */
export class IdentityError extends Error {
  readonly details: IdentityErrorDetails;

  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    details: IdentityErrorDetails = {},
  ) {
    super(message);
    this.name = 'IdentityError';
    this.details = details;
  }

  /** True when trying again later, unchanged, may succeed. */
  get retryable(): boolean {
    return this.code === 'identity-unavailable';
  }

  /** True when an administrator (not the user) has to act. */
  get needsAdministrator(): boolean {
    return this.code === 'not-configured' || this.code === 'consent-missing' || this.code === 'wrong-tenant';
  }
}

/** Narrows an unknown thrown value to an {@link IdentityError}. */
export function isIdentityError(error: unknown): error is IdentityError {
  return error instanceof IdentityError;
}
