import { createRemoteJWKSet, customFetch, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { bearerTokenFrom } from './bearerToken';
import { entraSettingsFrom, type EntraVerifierOptions, isGuid } from './entraOptions';
import { rolesFromClaim } from './appRoles';
import { AuthenticationError, AuthUnavailableError } from './errors';
import { authFailureFromJose, type JoseFailureKind, joseFailureKind } from './joseFailure';
import type { TokenIdentity, TokenVerifier } from './tokenIdentity';
import { readUnverifiedJwt } from './unverifiedJwt';

export type { EntraVerifierOptions } from './entraOptions';

// Graph's two spellings of its own audience. Its tokens are not verifiable by third parties
// (Microsoft's docs: "proprietary format"), so they are recognised before any signature check.
const graphAudiences = new Set(['00000003-0000-0000-c000-000000000000', 'https://graph.microsoft.com', 'https://graph.microsoft.com/']);

const whatToSend = 'the add-in must send the access token it gets for this API from Office single sign-on (getAccessToken).';

/**
 * A verifier for Microsoft Entra ID v2.0 access tokens issued for this API to users of the
 * allowed tenants. One verifier keeps one cached key set (jose refetches it when a token
 * names a key it has not seen, at most every 30 seconds, and every 10 minutes regardless).
 *
 * Only v2.0 tokens are accepted: the API's app registration chooses the token version for
 * every client ("accessTokenAcceptedVersion ... 2 results in v2.0 tokens"; "supports issuing
 * any token version from any version endpoint", learn.microsoft.com/entra/identity-platform/access-tokens),
 * so a v1.0 token means the registration is misconfigured, and accepting the
 * sts.windows.net issuer as well would only widen what a stolen or mis-aimed token can do.
 *
 * @example
 * const verifier = createEntraVerifier({ clientId: '8d2b…', allowedTenants: ['0f5b…'] });
 * await verifier.verify(req.headers.authorization) // { mode: 'entra', tenantId: '0f5b…', userId: '6902…', email: 'sam.jones@school.example', name: 'Sam Jones' }
 * @throws AuthConfigError at creation when the client id, tenant list or authority host is unusable.
 */
export function createEntraVerifier(opts: EntraVerifierOptions): TokenVerifier {
  const settings = entraSettingsFrom(opts);
  const { clientId, authorityHost } = settings;
  const keysUrl = new URL(`${authorityHost}/common/discovery/v2.0/keys`);
  const jwks = createRemoteJWKSet(keysUrl, opts.fetch ? { [customFetch]: opts.fetch } : {});
  const audiences = [clientId, `api://${clientId}`];

  /** Resolves the signing key and notes the issuer Entra publishes beside it. */
  const keyResolver =
    (found: { keyIssuer?: string }): JWTVerifyGetKey =>
    async (header, input) => {
      try {
        const key = await jwks(header, input);
        const jwk = jwks.jwks()?.keys.find((k) => k.kid === header.kid) as Record<string, unknown> | undefined;
        if (typeof jwk?.issuer === 'string') found.keyIssuer = jwk.issuer;
        return key;
      } catch (e) {
        if (joseFailureKind(e) === 'unknown-key') throw e;
        throw new AuthUnavailableError(
          `Could not fetch Microsoft Entra ID's signing keys from ${keysUrl.href} (${(e as Error).message}), so the token could not be checked; try again shortly, and if it persists check that the service can reach ${keysUrl.host}.`,
          { cause: e },
        );
      }
    };

  return {
    async verify(authorizationHeader) {
      const token = bearerTokenFrom(authorizationHeader, whatToSend);
      const { claims } = readUnverifiedJwt(token, whatToSend);

      // The tenant comes first: a tenant we do not serve gets the same answer whatever else is wrong.
      const tid = claims.tid;
      if (!isGuid(tid)) {
        throw new AuthenticationError('missing-claim', `The token has no tenant id (tid) claim, so it is not a Microsoft Entra ID access token; ${whatToSend}`);
      }
      if (!settings.allowedTenants.has(tid.toLowerCase())) {
        throw new AuthenticationError(
          'tenant-not-allowed',
          `Tenant ${tid} is not allowed to use this service; an administrator must add it to ENTRA_ALLOWED_TENANTS.`,
        );
      }
      if (audienceOf(claims).some((a) => graphAudiences.has(a))) {
        throw new AuthenticationError(
          'graph-audience',
          `The token is for Microsoft Graph, not this service: the add-in asked for the wrong audience. It must request a token for api://${clientId} (Office single sign-on's getAccessToken does this when the manifest's WebApplicationInfo names this API).`,
        );
      }
      if (claims.ver === '1.0' || (typeof claims.iss === 'string' && claims.iss.startsWith('https://sts.windows.net/'))) {
        throw new AuthenticationError(
          'v1-token',
          `The token is a v1.0 access token, but this service accepts only v2.0 ones; an administrator must set "requestedAccessTokenVersion": 2 (accessTokenAcceptedVersion in the older manifest format) in the manifest of app registration ${clientId}, then users sign in again.`,
        );
      }

      const expectedIssuer = `${authorityHost}/${tid}/v2.0`;
      const found: { keyIssuer?: string } = {};
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keyResolver(found), {
          algorithms: ['RS256'],
          issuer: expectedIssuer,
          audience: audiences,
          clockTolerance: settings.clockToleranceSeconds,
          requiredClaims: ['exp', 'iat'],
        }));
      } catch (e) {
        if (e instanceof AuthUnavailableError) throw e;
        throw authFailureFromJose(e, refusals(tid, expectedIssuer, clientId));
      }

      // Entra scopes some keys to one issuer (e.g. the consumers tenant); a key published
      // with "{tenantid}" serves any tenant. Checked as the access-tokens guide asks.
      if (found.keyIssuer !== undefined && found.keyIssuer.replace(/\{tenantid\}/i, tid) !== payload.iss) {
        throw new AuthenticationError('wrong-issuer', `The token is signed with a key Microsoft Entra ID reserves for another issuer, so it was not issued for tenant ${tid}; sign in again.`);
      }
      const oid = payload.oid;
      if (typeof oid !== 'string' || oid === '') {
        throw new AuthenticationError('missing-claim', `The token has no object id (oid) claim, so the signed-in user cannot be identified; ${whatToSend}`);
      }
      // App-only (client credentials) tokens carry roles but no scp: no person signed in.
      if (typeof payload.scp !== 'string' || payload.scp === '') {
        throw new AuthenticationError('app-only-token', `The token is an app-only token with no delegated scope (scp), so no user signed in; ${whatToSend}`);
      }
      const identity: TokenIdentity = { mode: 'entra', tenantId: tid, userId: oid };
      const email = firstString(payload.preferred_username, payload.upn, payload.email);
      if (email !== undefined) identity.email = email;
      const name = firstString(payload.name);
      if (name !== undefined) identity.name = name;
      const assigned = rolesFromClaim(payload.roles);
      if (assigned.length) identity.appRoles = assigned;
      return identity;
    },
  };
}

function refusals(tid: string, expectedIssuer: string, clientId: string): Record<JoseFailureKind, string> {
  return {
    expired: 'The token has expired; sign in again.',
    'not-yet-valid': 'The token is not valid yet (its start time is in the future); check the clock of the signing-in device, then sign in again.',
    'bad-signature': "The token's signature does not match Microsoft Entra ID's published key, so it was altered or not issued by Microsoft Entra ID; sign in again.",
    'unknown-key': 'The token is signed with a key Microsoft Entra ID does not publish, so it was not issued by Microsoft Entra ID; sign in again.',
    algorithm: 'The token is not signed with RS256, as every Microsoft Entra ID access token is, so it cannot be accepted.',
    issuer: `The token's issuer does not match its tenant ${tid}; only tokens issued by ${expectedIssuer} are accepted for that tenant.`,
    audience: `The token was issued for another application; the add-in must request a token for this API (audience ${clientId} or api://${clientId}).`,
    malformed: `The token's claims are not in the form Microsoft Entra ID issues; ${whatToSend}`,
    'missing-claim': `The token lacks a claim every Microsoft Entra ID access token carries (exp, iat); ${whatToSend}`,
  };
}

function audienceOf(claims: JWTPayload): string[] {
  if (typeof claims.aud === 'string') return [claims.aud];
  return Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v !== '');
}
