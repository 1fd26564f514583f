import { IdentityError } from './errors';
import { redactText } from '../log/redact';

/** What the broker knew when a token request failed. */
export interface AuthFailureContext {
  tenantId: string;
  clientId: string;
  flow: 'app' | 'on-behalf-of';
  adminConsentUrl: string;
  /** Permissions the product asks for in this flow, named in consent messages. */
  permissions: readonly string[];
  /** The AADSTS error the tenant's OpenID discovery answered with, if it failed. */
  discoveryFailure?: { aadCode?: string; description?: string; networkError?: string };
}

/** The parts of an MSAL `AuthError`/`ServerError` this module reads. */
interface MsalLikeError {
  errorCode?: unknown;
  errorMessage?: unknown;
  subError?: unknown;
  errorNo?: unknown;
  correlationId?: unknown;
  claims?: unknown;
  message?: unknown;
}

/** `AADSTS` numbers grouped by what the administrator or user has to do. */
const CONSENT = new Set(['65001', '65004', '650051', '650052', '650056', '650057']);
const WRONG_TENANT = new Set(['90002', '900023', '700016', '50020', '500011', '7000229', '90072']);
const BAD_CREDENTIALS = new Set(['7000215', '7000222', '700027', '700024', '7000218', '50011', '700023']);
const INVALID_ASSERTION = new Set(['50013', '50027', '500131', '5002727', '70011']);
const EXPIRED_ASSERTION = new Set(['500133', '700082', '50173', '50132']);
const INTERACTION = new Set(['50076', '50079', '50158', '53003', '53000', '50105', '530003']);
const UNAVAILABLE = new Set(['90033', '50196', '50053', '40015']);

const MSAL_NETWORK_CODES = new Set(['network_error', 'request_cannot_be_made', 'post_request_failed', 'get_request_failed']);
const MSAL_DISCOVERY_CODES = new Set(['openid_config_error', 'endpoints_resolution_error', 'untrusted_authority']);

/** Pulls the AADSTS number out of an MSAL error's `errorNo` or description. */
export function aadCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as MsalLikeError;
  if (typeof e.errorNo === 'number' || (typeof e.errorNo === 'string' && /^\d+$/.test(e.errorNo))) {
    return String(e.errorNo);
  }
  const text = `${typeof e.errorMessage === 'string' ? e.errorMessage : ''} ${typeof e.message === 'string' ? e.message : ''}`;
  return /AADSTS(\d+)/.exec(text)?.[1];
}

/**
 * Turns whatever MSAL threw into an {@link IdentityError} whose message says who must do
 * what. Unknown errors become `token-failed` with their AADSTS code and correlation id.
 *
 * @example classifyAuthFailure(serverErrorWithAADSTS65001, ctx).code // 'consent-missing'
 */
export function classifyAuthFailure(error: unknown, ctx: AuthFailureContext): IdentityError {
  if (error instanceof IdentityError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as MsalLikeError;
  const msalCode = typeof e.errorCode === 'string' ? e.errorCode : '';
  const correlationId = typeof e.correlationId === 'string' && e.correlationId ? e.correlationId : undefined;
  const number = aadCodeOf(error);
  const aadCode = number ? `AADSTS${number}` : undefined;
  const base = { tenantId: ctx.tenantId, ...(aadCode ? { aadCode } : {}), ...(correlationId ? { correlationId } : {}) };
  const consent = { adminConsentUrl: ctx.adminConsentUrl, permissions: ctx.permissions };
  const kind = ctx.flow === 'app' ? 'application' : 'delegated';

  if (number && CONSENT.has(number)) {
    return new IdentityError(
      'consent-missing',
      `Tenant ${ctx.tenantId} has not consented to the EHCP Review Assistant's ${kind} Microsoft Graph permissions (${aadCode}). ` +
        `An administrator must grant: ${ctx.permissions.join(', ')}. Grant them at ${ctx.adminConsentUrl}`,
      { ...base, ...consent },
    );
  }
  if (number && WRONG_TENANT.has(number)) {
    const why =
      number === '90002' || number === '900023' || number === '90072'
        ? `tenant "${ctx.tenantId}" does not exist or is not a valid tenant id; check the organisation's tenant id (a GUID from Entra admin centre > Overview)`
        : number === '50020'
          ? `the user's account does not belong to tenant ${ctx.tenantId}; act in the user's home tenant or invite them as a guest`
          : `the app (client id ${ctx.clientId}) is not present in tenant ${ctx.tenantId}: either this is the wrong tenant for the organisation, or its administrator has not yet added the app. An administrator can add it and grant ${ctx.permissions.join(', ')} at ${ctx.adminConsentUrl}`;
    return new IdentityError('wrong-tenant', `Cannot act in tenant ${ctx.tenantId} (${aadCode}): ${why}.`, {
      ...base,
      ...consent,
    });
  }
  if (number && BAD_CREDENTIALS.has(number)) {
    return new IdentityError(
      'not-configured',
      `Entra ID rejected the service's credentials for app ${ctx.clientId} (${aadCode}): the client secret or certificate is wrong or expired. ` +
        'Create a new one under Entra admin centre > App registrations > Certificates & secrets and update the service configuration.',
      base,
    );
  }
  if (number && EXPIRED_ASSERTION.has(number)) {
    return new IdentityError(
      'user-token-expired',
      `The sign-in token sent by the add-in or tab has expired (${aadCode}); sign in again and retry.`,
      base,
    );
  }
  if (number && INVALID_ASSERTION.has(number)) {
    return new IdentityError(
      'invalid-user-token',
      `The sign-in token sent by the add-in or tab cannot be exchanged (${aadCode}): it must be issued for this app (audience ${ctx.clientId}) in tenant ${ctx.tenantId}.`,
      base,
    );
  }
  if ((number && INTERACTION.has(number)) || msalCode === 'interaction_required') {
    const claims = typeof e.claims === 'string' && e.claims ? e.claims : undefined;
    return new IdentityError(
      'interaction-required',
      `Tenant ${ctx.tenantId} requires the user to complete an extra sign-in step (${aadCode ?? 'interaction_required'}), such as multi-factor authentication; the add-in must sign in again interactively${claims ? ' with the returned claims' : ''}.`,
      { ...base, ...(claims ? { claims } : {}) },
    );
  }
  if ((number && UNAVAILABLE.has(number)) || MSAL_NETWORK_CODES.has(msalCode)) {
    return new IdentityError(
      'identity-unavailable',
      `Entra ID could not be reached or is unavailable for tenant ${ctx.tenantId}${aadCode ? ` (${aadCode})` : ''}; retry later.`,
      base,
    );
  }
  if (MSAL_DISCOVERY_CODES.has(msalCode)) {
    const found = ctx.discoveryFailure;
    if (found?.aadCode) {
      const inner = { errorNo: found.aadCode.replace(/^AADSTS/, ''), errorMessage: found.description ?? '' };
      return classifyAuthFailure(inner, ctx);
    }
    if (found?.networkError) {
      return new IdentityError(
        'identity-unavailable',
        `Entra ID could not be reached to look up tenant ${ctx.tenantId} (${found.networkError}); retry later.`,
        base,
      );
    }
    return new IdentityError(
      'wrong-tenant',
      `Tenant "${ctx.tenantId}" could not be looked up at the sign-in authority; check the organisation's tenant id.`,
      base,
    );
  }
  if (error instanceof Error && error.name === 'ClientConfigurationError') {
    return new IdentityError(
      'not-configured',
      `The service's Entra ID settings are not usable (${msalCode}); check the client id, tenant and authority host.`,
      base,
    );
  }
  const detail = typeof e.errorMessage === 'string' ? e.errorMessage : error instanceof Error ? error.message : String(error);
  return new IdentityError(
    'token-failed',
    `Entra ID refused a token for tenant ${ctx.tenantId}${aadCode ? ` (${aadCode})` : ''}: ${redactText(detail).slice(0, 300)}`,
    base,
  );
}
