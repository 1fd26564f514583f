import { importJWK, jwtVerify } from 'jose';
import { z } from 'zod';
import { bearerTokenFrom } from './bearerToken';
import { loadOrCreateDevKey } from './devKey';
import { devAudience, devIssuer, devTokenCommandLine } from './devToken';
import { AuthConfigError, AuthenticationError } from './errors';
import { authFailureFromJose } from './joseFailure';
import { roles } from './roles';
import type { TokenIdentity, TokenVerifier } from './tokenIdentity';
import { readUnverifiedJwt } from './unverifiedJwt';

// The CLI and the service usually share a machine, but allow for a container's clock.
const clockToleranceSeconds = 60;

const devClaims = z.object({
  sub: z.string().min(1),
  ehcp_role: z.enum(roles),
  ehcp_org: z.string().trim().min(1),
  email: z.string().optional(),
  name: z.string().optional(),
});

/**
 * A verifier for development tokens signed with `dataDir`'s dev key (made if absent).
 * Refuses to start in production (`production`, from NODE_ENV=production in bot/config): anyone who can run the CLI against the data
 * directory could mint a token for any role in any organisation, so this check sits here,
 * beside the key, and not only in whatever chooses the auth mode.
 */
export async function createDevVerifier(opts: { dataDir: string; production?: boolean }): Promise<TokenVerifier> {
  if (opts.production) {
    throw new AuthConfigError('dev-mode-in-production', 'Development tokens are refused when NODE_ENV=production; configure Microsoft Entra ID sign-in (AUTH_MODE=entra) instead.');
  }
  const key = await loadOrCreateDevKey(opts.dataDir);
  const publicKey = await importJWK(key.publicJwk, 'ES256');
  const getOne = `get a development token with \`${devTokenCommandLine}\`.`;
  const fromHere = `make one against this service's data directory: \`${devTokenCommandLine} --data-dir ${opts.dataDir}\`.`;
  const messages = {
    expired: `The development token has expired; ${getOne}`,
    'not-yet-valid': "The development token is not valid yet; check this machine's clock, or get a new one.",
    'bad-signature': `The development token was not signed with this service's key; ${fromHere}`,
    'unknown-key': `The development token was not signed with this service's key; ${fromHere}`,
    algorithm: 'The token is not signed with ES256, so it is not a development token from `ehcp-review dev-token`.',
    issuer: `The token was not issued by \`ehcp-review dev-token\` (iss must be "${devIssuer}"); ${getOne}`,
    audience: `The token is not for this service (aud must be "${devAudience}"); ${getOne}`,
    malformed: `The development token is damaged; ${getOne}`,
    'missing-claim': `The development token lacks a claim it needs; ${getOne}`,
  };

  return {
    async verify(authorizationHeader) {
      const token = bearerTokenFrom(authorizationHeader, getOne);
      const { header } = readUnverifiedJwt(token, getOne);
      // A different kid means another data directory's key: say so, rather than "bad signature".
      if (header.alg === 'ES256' && header.kid !== undefined && header.kid !== key.kid) {
        throw new AuthenticationError('dev-key-mismatch', `The development token was signed with another data directory's key; ${fromHere}`);
      }
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, publicKey, {
          algorithms: ['ES256'],
          issuer: devIssuer,
          audience: devAudience,
          clockTolerance: clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (e) {
        throw authFailureFromJose(e, messages);
      }
      const claims = devClaims.safeParse(payload);
      if (!claims.success) {
        throw new AuthenticationError('missing-claim', `The development token needs ehcp_role (one of ${roles.join(', ')}) and a non-empty ehcp_org; ${getOne}`);
      }
      const identity: TokenIdentity = {
        mode: 'dev',
        tenantId: null,
        userId: claims.data.sub,
        role: claims.data.ehcp_role,
        orgId: claims.data.ehcp_org,
      };
      if (claims.data.email) identity.email = claims.data.email;
      if (claims.data.name) identity.name = claims.data.name;
      return identity;
    },
  };
}
