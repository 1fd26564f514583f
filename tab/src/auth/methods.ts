import type { HostInfo } from '../host/teamsHost';
import { SignInError, type SignInMethods, type TokenSource } from './tokenSource';

const DEV_TOKEN_KEY = 'ehcp-dev-token';

/** The API's scope: the app registration's exposed API (Application ID URI api://{clientId}). */
const apiScope = (clientId: string) => `api://${clientId}/access_as_user`;

/**
 * A development token, from the page's fragment (#devToken=..., never sent to the server in
 * the URL) or remembered for this tab's session. Only offered when the service runs with
 * dev sign-in.
 */
function devTokenSource(): TokenSource | undefined {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('devToken');
  if (fromHash) {
    sessionStorage.setItem(DEV_TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = sessionStorage.getItem(DEV_TOKEN_KEY);
  return token ? { kind: 'dev', token: async () => token } : undefined;
}

/**
 * Teams SSO: the host gives a token for this app; the service checks it and exchanges it
 * on behalf of the user (POST /api/auth/teams-sso). The same token then calls the API.
 */
function teamsSsoSource(host: HostInfo): TokenSource {
  let exchanged: Promise<void> | undefined;
  return {
    kind: 'teams-sso',
    async token() {
      const token = await host.getAuthToken().catch((e: Error) => {
        throw new SignInError(`Teams could not sign you in (${e.message}); reload the tab, and ask your administrator to consent to the app if it keeps happening.`);
      });
      exchanged ??= fetch('/api/auth/teams-sso', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then(async (res) => {
        if (!res.ok) throw new SignInError(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `Sign-in failed (${res.status}).`);
      });
      await exchanged;
      return token;
    },
  };
}

/** MSAL (nested through the host, or standard in a browser): silent first, then a popup (redirects do not work in a host). */
function msalSource(kind: 'nested-app-auth' | 'browser-msal', clientId: string): TokenSource {
  let client: Promise<import('@azure/msal-browser').IPublicClientApplication> | undefined;
  return {
    kind,
    async token() {
      const msal = await import('@azure/msal-browser');
      const configuration = { auth: { clientId, authority: 'https://login.microsoftonline.com/organizations', redirectUri: `${window.location.origin}/tab/` } };
      client ??= kind === 'nested-app-auth' ? msal.createNestablePublicClientApplication(configuration) : msal.createStandardPublicClientApplication(configuration);
      const pca = await client;
      const request = { scopes: [apiScope(clientId)] };
      const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      try {
        if (!account) throw new Error('no account yet');
        return (await pca.acquireTokenSilent({ ...request, account })).accessToken;
      } catch {
        const result = await pca.acquireTokenPopup(request);
        pca.setActiveAccount(result.account);
        return result.accessToken;
      }
    },
  };
}

/** The real sign-in methods; tests of the choice pass their own. */
export const signInMethods: SignInMethods = {
  dev: devTokenSource,
  nestedAppAuth: (clientId) => msalSource('nested-app-auth', clientId),
  teamsSso: teamsSsoSource,
  browser: (clientId) => msalSource('browser-msal', clientId),
};
