import type { GraphClient } from '../graph/client';
import { userGraphClient } from '../graph/client';
import type { TokenBroker } from '../identity/tokenBroker';
import { readUserTokenClaims } from '../identity/userTokenClaims';
import type { Logger } from '../log/logger';
import type { Principal } from '../store/principal';

/**
 * How the service reaches Microsoft Graph as the signed-in caller: the add-in sends its
 * token for this API and the service exchanges it on-behalf-of the user. Injected, so
 * tests give a client for the local Graph server.
 */
export interface GraphAccess {
  forCaller(userToken: string, principal: Principal): GraphClient;
}

/** Production: on-behalf-of through the token broker, in the user's own tenant. */
export function onBehalfOfGraphAccess(broker: TokenBroker, options: { baseUrl?: string; logger?: Logger } = {}): GraphAccess {
  return {
    forCaller: (userToken) => userGraphClient(broker, userToken, readUserTokenClaims(userToken).tenantId, options),
  };
}
