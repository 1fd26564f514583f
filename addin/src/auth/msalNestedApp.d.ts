/**
 * The two classes of msal-browser's nested app authentication the pane uses, bundled from
 * the package's own files by `addin/build.mjs` (the `msal-nested-app` plugin): msal-browser
 * exports them only behind `createNestablePublicClientApplication`, which also pulls in the
 * whole standard client (popups, redirects, iframes) for hosts without the bridge, 89.9 KB of
 * the 130 KB gzipped the sign-in chunk weighed. Typed here with only what the pane calls;
 * the shapes are those of msal-browser 5.x (`types/controllers/NestedAppAuthController.d.ts`).
 */
declare module 'msal-nested-app' {
  export class NestedAppOperatingContext {
    constructor(config: { auth: { clientId: string; authority: string } });
    /** Looks for the host's bridge; true when it answered. */
    initialize(correlationId?: string): Promise<boolean>;
    isAvailable(): boolean;
  }
  export class NestedAppAuthController {
    constructor(context: NestedAppOperatingContext);
    initialize(): Promise<void>;
    acquireTokenSilent(request: { scopes: string[] }): Promise<{ accessToken: string }>;
    acquireTokenPopup(request: { scopes: string[] }): Promise<{ accessToken: string }>;
  }
}
