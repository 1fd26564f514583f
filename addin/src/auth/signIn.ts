import type { IPublicClientApplication } from '@azure/msal-browser';
import type { TokenSource } from '../api/serviceApi';
import type { HostPort } from '../office/host';

export interface SignInOptions {
  /** The app registration the service's API belongs to. */
  clientId: string;
  /** The API's scope, e.g. `api://addin.example.org/<clientId>/access_as_user`. */
  apiScope: string;
  host: HostPort;
  /** Where the Office-dialog fallback page is (https). */
  dialogUrl: string;
  /** Loads msal-browser's NAA factory (a separate chunk, fetched only when needed). */
  loadMsal?: () => Promise<{ createNestablePublicClientApplication: (config: { auth: { clientId: string; authority: string } }) => Promise<IPublicClientApplication> }>;
}

/**
 * How the pane gets a token for the service, in the order Microsoft documents for Outlook:
 *
 * 1. Nested app authentication, only after `isSetSupported("NestedAppAuth", "1.1")`: msal
 *    5.x quietly hands back a standard (non-nested) client when the host has no NAA bridge,
 *    whose popups Outlook blocks, so the check must come first. Silent, then popup (NAA has
 *    no redirect flow).
 * 2. Otherwise an Office dialog running the sign-in page, which sends the token back with
 *    `messageParent`.
 *
 * The service exchanges the token on-behalf-of the user for Graph; the pane never holds a
 * Graph token.
 */
export function naaOrDialogTokenSource(options: SignInOptions): TokenSource {
  let pca: Promise<IPublicClientApplication> | undefined;
  const scopes = [options.apiScope];
  const load = options.loadMsal ?? (() => import('@azure/msal-browser'));
  return async () => {
    if (options.host.isSetSupported('NestedAppAuth', '1.1')) {
      pca ??= load().then((m) => m.createNestablePublicClientApplication({ auth: { clientId: options.clientId, authority: 'https://login.microsoftonline.com/common' } }));
      const app = await pca;
      try {
        return (await app.acquireTokenSilent({ scopes })).accessToken;
      } catch {
        return (await app.acquireTokenPopup({ scopes })).accessToken;
      }
    }
    const message = await options.host.dialogMessage(`${options.dialogUrl}?scope=${encodeURIComponent(options.apiScope)}&clientId=${encodeURIComponent(options.clientId)}`);
    const parsed = JSON.parse(message) as { token?: string; error?: string };
    if (!parsed.token) throw new Error(parsed.error ?? 'Sign-in did not finish; try again.');
    return parsed.token;
  };
}
