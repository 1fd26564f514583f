import type { AuthErrorCode } from '../auth/errors';
import type { GraphCallErrorCode } from '../graph/errors';
import type { IdentityErrorCode } from '../identity/errors';
import type { ServiceErrorCode } from '../store/errors';

/** How the API answers one error code: its HTTP status, and whether a retry later may work. */
export interface CatalogueEntry {
  status: number;
  retryAfterSeconds?: number;
}

/**
 * The service's one catalogue of error codes: every typed error (store and API refusals,
 * sign-in, identity, Microsoft Graph) with the status the API answers. The records are
 * exhaustive over each code union, so a new code does not compile until it has a status.
 * The messages stay with the errors; the codes are stable and clients may match on them.
 */
export const serviceErrors: Record<ServiceErrorCode, CatalogueEntry> = {
  'invalid-input': { status: 400 },
  'not-found': { status: 404 },
  forbidden: { status: 403 },
  'stale-write': { status: 412 },
  'meeting-blocked': { status: 422 },
  'too-many-rows': { status: 413 },
  'idempotency-key-in-use': { status: 409, retryAfterSeconds: 1 },
  'idempotency-key-reused': { status: 422 },
  'meeting-already-held': { status: 409 },
  'not-awaiting-decision': { status: 409 },
  'report-not-expected': { status: 409 },
  'not-amending': { status: 409 },
  'family-window-open': { status: 409 },
  'review-concluded': { status: 409 },
  'no-decision-yet': { status: 409 },
  'council-setting-missing': { status: 409 },
  'letter-not-ready': { status: 409 },
  'no-family-email': { status: 409 },
  'mail-not-configured': { status: 503 },
  'mail-failed': { status: 502 },
  'mail-outcome-unknown': { status: 504 },
  // After the decision (#25)
  'no-letter-draft': { status: 409 },
  'letter-draft-stale': { status: 409 },
  'not-amend-decision': { status: 409 },
  'amendment-outcome-recorded': { status: 409 },
  'advice-link-not-possible': { status: 409 },
  // the meeting report (#24)
  'report-submitted': { status: 409 },
  'graph-not-configured': { status: 503 },
  'teams-meeting-failed': { status: 502 },
  'attachment-failed': { status: 502 },
  'advice-not-in-drive': { status: 409 },
  'meeting-not-booked': { status: 409 },
  'no-one-to-nudge': { status: 409 },
  'nudge-not-queued': { status: 503, retryAfterSeconds: 1 },
  'organisation-kind': { status: 409 },
  'already-removed': { status: 409 },
  // every review (#23): the cease steps
  'not-ceasing': { status: 409 },
  'cease-consultation-open': { status: 409 },
  'not-startable': { status: 409 },
  'review-already-due': { status: 409 },
  'plan-kept-until': { status: 409 },
  // security (#19)
  'store-unavailable': { status: 503, retryAfterSeconds: 5 },
  // placements and plan transfers (#26)
  'setting-already-registered': { status: 409 },
  'plan-not-transferable': { status: 409 },
  'council-not-on-service': { status: 409 },
  'erasure-not-confirmed': { status: 409 },
};

/** A bearer token refused: always 401, so the client signs in again or fixes its token request. */
export const authErrors: Record<AuthErrorCode | 'keys-unavailable', CatalogueEntry> = {
  'missing-token': { status: 401 },
  'not-bearer': { status: 401 },
  'malformed-token': { status: 401 },
  'token-expired': { status: 401 },
  'token-not-yet-valid': { status: 401 },
  'bad-signature': { status: 401 },
  'unknown-signing-key': { status: 401 },
  'unsupported-algorithm': { status: 401 },
  'wrong-issuer': { status: 401 },
  'wrong-audience': { status: 401 },
  'graph-audience': { status: 401 },
  'tenant-not-allowed': { status: 401 },
  'v1-token': { status: 401 },
  'app-only-token': { status: 401 },
  'missing-claim': { status: 401 },
  'dev-key-mismatch': { status: 401 },
  // The signing keys could not be fetched: not the caller's fault.
  'keys-unavailable': { status: 503, retryAfterSeconds: 5 },
};

/**
 * Getting a token for Microsoft Graph on a user's or the service's behalf failed. The
 * user's own sign-in problems are 401 (the add-in or tab gets a fresh token, or shows the
 * claims challenge); the tenant's are 403 (an administrator must act); ours are 503/502.
 */
export const identityErrors: Record<IdentityErrorCode, CatalogueEntry> = {
  'not-configured': { status: 503 },
  'consent-missing': { status: 403 },
  'wrong-tenant': { status: 403 },
  'invalid-user-token': { status: 401 },
  'user-token-expired': { status: 401 },
  'interaction-required': { status: 401 },
  'identity-unavailable': { status: 503, retryAfterSeconds: 30 },
  'token-failed': { status: 502 },
};

/**
 * A Microsoft Graph call failed. Graph is upstream of the service, so its own failures are
 * 502/503 (a gateway's), and what Graph says about the caller's request keeps its meaning.
 */
export const graphErrors: Record<GraphCallErrorCode | 'invalid-input', CatalogueEntry> = {
  // Graph refused the service's token: the service's problem, not the caller's sign-in.
  'graph-unauthorized': { status: 502 },
  // A permission an administrator must grant (the message names it).
  'graph-forbidden': { status: 403 },
  'graph-not-found': { status: 404 },
  'graph-conflict': { status: 409 },
  'graph-bad-request': { status: 502 },
  'graph-too-large': { status: 413 },
  'graph-throttled': { status: 503, retryAfterSeconds: 30 },
  'graph-unavailable': { status: 503, retryAfterSeconds: 30 },
  'graph-outcome-unknown': { status: 502 },
  'graph-invalid-response': { status: 502 },
  'graph-failed': { status: 502 },
  // GraphInputError: our own check of what we were about to send.
  'invalid-input': { status: 400 },
};
