import { type AuthFailureContext, aadCodeOf, classifyAuthFailure } from './classifyAuthFailure';

const ctx: AuthFailureContext = {
  tenantId: 't-1',
  clientId: 'c-1',
  flow: 'app',
  adminConsentUrl: 'https://login.microsoftonline.com/t-1/adminconsent?client_id=c-1',
  permissions: ['Mail.Send', 'Calendars.ReadWrite'],
};
const server = (code: number, errorCode = 'invalid_grant') => ({ errorCode, errorNo: code, errorMessage: `AADSTS${code}: something`, correlationId: 'corr' });

test.each([
  [65001, 'consent-missing'],
  [90002, 'wrong-tenant'],
  [700016, 'wrong-tenant'],
  [50020, 'wrong-tenant'],
  [7000215, 'not-configured'],
  [7000222, 'not-configured'],
  [500133, 'user-token-expired'],
  [50013, 'invalid-user-token'],
  [50076, 'interaction-required'],
  [53003, 'interaction-required'],
  [90033, 'identity-unavailable'],
  [12345, 'token-failed'],
])('AADSTS%i is %s', (code, expected) => {
  const error = classifyAuthFailure(server(code), ctx);
  expect(error.code).toBe(expected);
  expect(error.details).toMatchObject({ tenantId: 't-1', aadCode: `AADSTS${code}`, correlationId: 'corr' });
});

test('the AADSTS number is read from errorNo or, failing that, the description', () => {
  expect(aadCodeOf({ errorNo: '65001' })).toBe('65001');
  expect(aadCodeOf({ errorMessage: 'Error(s): - Description: AADSTS700016: Application not found' })).toBe('700016');
  expect(aadCodeOf(new Error('plain'))).toBeUndefined();
});

test('consent-missing names every permission and the consent URL', () => {
  const error = classifyAuthFailure(server(65001), ctx);
  expect(error.message).toContain('Mail.Send, Calendars.ReadWrite');
  expect(error.message).toContain(ctx.adminConsentUrl);
  expect(error.message).toContain('application');
});

test('MSAL network failures are identity-unavailable; discovery failures use what discovery said', () => {
  expect(classifyAuthFailure({ errorCode: 'network_error' }, ctx).code).toBe('identity-unavailable');
  expect(classifyAuthFailure({ errorCode: 'openid_config_error' }, { ...ctx, discoveryFailure: { aadCode: 'AADSTS90002', description: 'Tenant not found' } })).toMatchObject({ code: 'wrong-tenant', details: { aadCode: 'AADSTS90002' } });
  expect(classifyAuthFailure({ errorCode: 'openid_config_error' }, { ...ctx, discoveryFailure: { networkError: 'timed out' } }).code).toBe('identity-unavailable');
});

test('unknown failures keep a redacted excerpt of the reason', () => {
  const error = classifyAuthFailure(new Error('boom with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig'), ctx);
  expect(error.code).toBe('token-failed');
  expect(error.message).not.toContain('eyJ');
});
