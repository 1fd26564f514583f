import { app, authentication, nestedAppAuth } from '@microsoft/teams-js';

/** What the page learns from its host: whether it runs inside Teams (or Outlook, M365), and how to sign in there. */
export interface HostInfo {
  inHost: boolean;
  /** Teams says use nested app authentication (MSAL through the host), not the SSO token. */
  naaRecommended: boolean;
  theme: 'default' | 'dark' | 'contrast';
  /** The Teams SSO token for this app's API (authentication.getAuthToken); only in a host. */
  getAuthToken: () => Promise<string>;
}

/** Outside a host, app.initialize() rejects at once ("No Parent window found"); inside one that never answers, give up after this. */
const INITIALIZE_TIMEOUT_MS = 5000;

/**
 * Connects to the Teams host if there is one. In a plain browser the same page runs
 * without it (teams-js rejects, and the page signs in on its own).
 * `isNAAChannelRecommended` throws before initialize has finished, so it is read only after.
 */
export async function connectToHost(): Promise<HostInfo> {
  const outside: HostInfo = { inHost: false, naaRecommended: false, theme: 'default', getAuthToken: () => Promise.reject(new Error('Not running inside Teams.')) };
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('The host did not answer.')), INITIALIZE_TIMEOUT_MS))]);
  } catch {
    return outside;
  }
  const context = await app.getContext().catch(() => undefined);
  app.notifySuccess();
  const theme = context?.app.theme === 'dark' ? 'dark' : context?.app.theme === 'contrast' ? 'contrast' : 'default';
  let naaRecommended = false;
  try {
    naaRecommended = nestedAppAuth.isNAAChannelRecommended();
  } catch {
    naaRecommended = false;
  }
  return { inHost: true, naaRecommended, theme, getAuthToken: () => authentication.getAuthToken() };
}
