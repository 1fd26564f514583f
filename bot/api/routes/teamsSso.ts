import { Router } from 'express';
import { IdentityError } from '../../identity/errors';
import type { TokenBroker } from '../../identity/tokenBroker';
import { checkNoVersionIfMatch } from '../../store/reviews/writeSupport';
import { type ApiContext, authorise } from '../context';
import { personAndOrganisation } from '../../store/organisations';

/**
 * What the service does with a Teams SSO token beyond checking it: the on-behalf-of
 * exchange for Microsoft Graph (the identity module's TokenBroker), when the service has a
 * client credential. Answers 'consent-required' when the user must consent first (the tab
 * then asks Teams to show the consent prompt).
 */
export type OnBehalfOfExchange = (userToken: string) => Promise<'exchanged' | 'consent-required'>;

/**
 * The Teams tab's sign-in when nested app authentication is not recommended: the tab sends
 * the token `authentication.getAuthToken()` gave it; the service verifies it like any
 * bearer token, runs the on-behalf-of exchange if configured, and says who is signed in.
 * With development sign-in, a dev token stands in for the Teams token (tests, local runs).
 */
export function teamsSsoRoutes(ctx: ApiContext & { onBehalfOf?: OnBehalfOfExchange | undefined }): Router {
  const router = Router();
  router.post('/api/auth/teams-sso', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/auth/teams-sso');
    checkNoVersionIfMatch(req.get('if-match'), 'Signing in');
    const token = (req.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
    const onBehalfOf = ctx.onBehalfOf ? await ctx.onBehalfOf(token) : 'not-configured';
    const person = await personAndOrganisation(ctx.db, principal.personId);
    res.json({ orgId: principal.orgId, orgName: person?.orgName ?? principal.orgId, role: principal.role, personId: principal.personId, displayName: person?.displayName ?? null, onBehalfOf });
  });
  return router;
}

/**
 * The exchange through the service's token broker: the Teams SSO token for a Graph token on
 * the user's behalf. A tenant that has not consented, or a policy wanting an interactive
 * step, means the tab must show Teams' consent prompt; anything else is the API's error.
 */
export function brokerOnBehalfOf(broker: Pick<TokenBroker, 'onBehalfOf'>): OnBehalfOfExchange {
  return async (userToken) => {
    try {
      await broker.onBehalfOf({ userToken });
      return 'exchanged';
    } catch (error) {
      if (error instanceof IdentityError && (error.code === 'consent-missing' || error.code === 'interaction-required')) return 'consent-required';
      throw error;
    }
  };
}
