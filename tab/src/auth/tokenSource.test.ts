import type { HostInfo } from '../host/teamsHost';
import { chooseTokenSource, SignInError, type SignInMethods, type TokenSource } from './tokenSource';

const source = (kind: TokenSource['kind']): TokenSource => ({ kind, token: async () => kind });
const methods = (dev: TokenSource | undefined = undefined): SignInMethods => ({
  dev: () => dev,
  nestedAppAuth: () => source('nested-app-auth'),
  teamsSso: () => source('teams-sso'),
  browser: () => source('browser-msal'),
});
const host = (inHost: boolean, naaRecommended = false): HostInfo => ({ inHost, naaRecommended, theme: 'default', getAuthToken: async () => 'sso' });
const entra = { authMode: 'entra' as const, clientId: '00000000-0000-4000-8000-000000000001' };
const dev = { authMode: 'dev' as const, clientId: null };

describe('chooseTokenSource', () => {
  it('uses nested app authentication inside Teams when the host recommends it', () => {
    expect(chooseTokenSource(entra, host(true, true), methods()).kind).toBe('nested-app-auth');
  });

  it('uses the Teams SSO token inside Teams when NAA is not recommended', () => {
    expect(chooseTokenSource(entra, host(true, false), methods()).kind).toBe('teams-sso');
  });

  it('uses the Teams SSO token inside Teams with development sign-in, where there is no app registration for NAA', () => {
    expect(chooseTokenSource(dev, host(true, true), methods(source('dev'))).kind).toBe('teams-sso');
  });

  it('uses a development token in a plain browser when the service runs with dev sign-in', () => {
    expect(chooseTokenSource(dev, host(false), methods(source('dev'))).kind).toBe('dev');
  });

  it('uses MSAL in a plain browser when the service signs in with Entra ID', () => {
    expect(chooseTokenSource(entra, host(false), methods(source('dev'))).kind).toBe('browser-msal');
  });

  it('says how to get a development token when none was given', () => {
    expect(() => chooseTokenSource(dev, host(false), methods())).toThrow(SignInError);
    expect(() => chooseTokenSource(dev, host(false), methods())).toThrow(/#devToken=/);
  });
});
