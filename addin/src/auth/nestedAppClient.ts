import { NestedAppAuthController, NestedAppOperatingContext } from 'msal-nested-app';

/** What the pane needs of a nested app authentication client. */
export interface NestedAppClient {
  acquireTokenSilent(request: { scopes: string[] }): Promise<{ accessToken: string }>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<{ accessToken: string }>;
}

/**
 * msal-browser's nested app authentication alone, as `createNestablePublicClientApplication`
 * builds it when the host has the bridge, but without its fallback to the standard client:
 * Outlook blocks that client's popups, so where the bridge does not answer this gives null
 * and the pane signs in through the Office dialog instead. Loaded on demand, in its own
 * chunk (40 KB gzipped where the whole package was 90 KB).
 * @see https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in
 */
export async function createNestedAppClient(config: { auth: { clientId: string; authority: string } }): Promise<NestedAppClient | null> {
  const context = new NestedAppOperatingContext(config);
  await context.initialize();
  if (!context.isAvailable()) return null;
  const controller = new NestedAppAuthController(context);
  await controller.initialize();
  return controller;
}
