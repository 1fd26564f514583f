import type { HostInfo } from '../host/teamsHost';

/** Where the page gets the bearer token for the service's API. */
export interface TokenSource {
  kind: 'dev' | 'nested-app-auth' | 'teams-sso' | 'browser-msal';
  token(): Promise<string>;
}

/** /tab/config.json: how this service signs people in. */
export interface TabConfig {
  authMode: 'dev' | 'entra';
  clientId: string | null;
}

/** The ways of signing in, each made only when chosen (MSAL is loaded only for the paths that use it). */
export interface SignInMethods {
  dev(): TokenSource | undefined;
  nestedAppAuth(clientId: string): TokenSource;
  teamsSso(host: HostInfo): TokenSource;
  browser(clientId: string): TokenSource;
}

/**
 * Picks how to sign in:
 * 1. inside Teams with NAA recommended (`nestedAppAuth.isNAAChannelRecommended()`): MSAL's nested client through the host;
 * 2. inside Teams otherwise: the Teams SSO token, exchanged on-behalf-of by the service;
 * 3. in a plain browser: a development token when the service runs with dev sign-in, else MSAL in the browser.
 */
export function chooseTokenSource(config: TabConfig, host: HostInfo, methods: SignInMethods): TokenSource {
  if (host.inHost && host.naaRecommended && config.clientId) return methods.nestedAppAuth(config.clientId);
  if (host.inHost) return methods.teamsSso(host);
  const dev = config.authMode === 'dev' ? methods.dev() : undefined;
  if (dev) return dev;
  if (config.clientId) return methods.browser(config.clientId);
  throw new SignInError('This service runs with development sign-in: open the tab with #devToken=<token from `npx ehcp-review dev-token`>.');
}

/** Signing in failed in a way the user can act on; the message says how. */
export class SignInError extends Error {
  override name = 'SignInError';
}
