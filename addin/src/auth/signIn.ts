import type { TokenSource } from '../api/serviceApi';
import type { HostPort } from '../office/host';
import type { NestedAppClient } from './nestedAppClient';

export interface SignInOptions {
  /** The app registration the service's API belongs to. */
  clientId: string;
  /** The API's scope, e.g. `api://addin.example.org/<clientId>/access_as_user`. */
  apiScope: string;
  host: HostPort;
  /** Where the Office-dialog fallback page is (https). */
  dialogUrl: string;
  /** Loads msal-browser's NAA client (a separate chunk, fetched only when needed); null where the host's bridge does not answer. */
  loadMsal?: () => Promise<{ createNestedAppClient: (config: { auth: { clientId: string; authority: string } }) => Promise<NestedAppClient | null> }>;
}

/**
 * How the pane gets a token for the service, in the order Microsoft documents for Outlook:
 *
 * 1. Nested app authentication, only after `isSetSupported("NestedAppAuth", "1.1")`: msal
 *    5.x's `createNestablePublicClientApplication` quietly hands back a standard (non-nested)
 *    client when the host has no NAA bridge, whose popups Outlook blocks, so the check comes
 *    first, and `createNestedAppClient` builds the nested client alone (null without the
 *    bridge). Silent, then popup (NAA has no redirect flow).
 * 2. Otherwise, or where the bridge does not answer, an Office dialog running the sign-in
 *    page, which sends the token back with `messageParent`.
 *
 * The service exchanges the token on-behalf-of the user for Graph; the pane never holds a
 * Graph token.
 */
export function naaOrDialogTokenSource(options: SignInOptions): TokenSource {
  let client: Promise<NestedAppClient | null> | undefined;
  const scopes = [options.apiScope];
  const load = options.loadMsal ?? (() => import('./nestedAppClient.js'));
  return async () => {
    if (options.host.isSetSupported('NestedAppAuth', '1.1')) {
      client ??= load().then((m) => m.createNestedAppClient({ auth: { clientId: options.clientId, authority: 'https://login.microsoftonline.com/common' } }));
      const app = await client;
      if (app) {
        try {
          return (await app.acquireTokenSilent({ scopes })).accessToken;
        } catch {
          return (await app.acquireTokenPopup({ scopes })).accessToken;
        }
      }
    }
    const message = await options.host.dialogMessage(`${options.dialogUrl}?scope=${encodeURIComponent(options.apiScope)}&clientId=${encodeURIComponent(options.clientId)}`);
    const parsed = JSON.parse(message) as { token?: string; error?: string };
    if (!parsed.token) throw new Error(parsed.error ?? 'Sign-in did not finish; try again.');
    return parsed.token;
  };
}
