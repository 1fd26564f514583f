import { createHash, generateKeyPairSync } from 'node:crypto';
import { IdentityError } from '../../bot/identity/errors';
import { TokenBroker } from '../../bot/identity/tokenBroker';
import { startIdentityTestServer } from '../../testkit/graph-server/identityServer';
import { routeFetch } from '../../testkit/graph-server/routeFetch';
import { CASEWORKER, CLIENT_ID, type Harness, OTHER_TENANT, SECRET, SENCO, startHarness, TENANT, UNCONSENTED_TENANT } from '../../testkit/graph-server/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.idp.requests.length = 0;
});

const tokenRequests = () => h.idp.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));

async function failure(promise: Promise<unknown>): Promise<IdentityError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IdentityError) return error;
    throw error;
  }
  throw new Error('expected an IdentityError');
}

describe('app-only tokens (client credentials)', () => {
  test('are requested from the tenant being acted on, with the client secret and the .default scope', async () => {
    const token = await h.broker.appToken(TENANT);
    expect(token.kind).toBe('app');
    expect(token.tenantId).toBe(TENANT);
    expect(h.idp.verify(token.token)?.roles).toEqual(expect.arrayContaining(['Calendars.ReadWrite', 'Mail.Send']));
    const [request] = tokenRequests();
    expect(request?.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(request?.form).toMatchObject({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });
  });

  test('are cached per tenant: a second call makes no request, another tenant gets its own token', async () => {
    const first = await h.broker.appToken(TENANT);
    const again = await h.broker.appToken(TENANT);
    const other = await h.broker.appToken(OTHER_TENANT);
    expect(again.token).toBe(first.token);
    expect(other.token).not.toBe(first.token);
    expect(h.idp.verify(other.token)?.tid).toBe(OTHER_TENANT);
    expect(tokenRequests().map((r) => r.path)).toEqual([`/${OTHER_TENANT}/oauth2/v2.0/token`]);
  });

  test('concurrent first requests for one tenant share a single exchange', async () => {
    const broker = new TokenBroker({ clientId: CLIENT_ID, clientSecret: SECRET, fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }) });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => broker.appToken(TENANT)));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('on-behalf-of tokens', () => {
  test('exchange the user token with the jwt-bearer grant in the user’s tenant', async () => {
    const userToken = h.userToken(CASEWORKER);
    const token = await h.broker.onBehalfOf({ userToken });
    expect(token.kind).toBe('on-behalf-of');
    const claims = h.idp.verify(token.token);
    expect(claims).toMatchObject({ tid: TENANT, oid: CASEWORKER.id, idtyp: 'user', aud: 'https://graph.microsoft.com' });
    const [request] = tokenRequests();
    expect(request?.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(request?.form).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      assertion: userToken,
      client_id: CLIENT_ID,
    });
    expect(request?.form.scope?.split(' ')).toContain('https://graph.microsoft.com/.default');
  });

  test('are cached per user token: the same user token makes one exchange; another user, or a new token, makes its own', async () => {
    const senco = h.userToken(SENCO);
    const a = await h.broker.onBehalfOf({ userToken: senco });
    const b = await h.broker.onBehalfOf({ userToken: senco });
    const c = await h.broker.onBehalfOf({ userToken: h.userToken(CASEWORKER, 1800) });
    expect(b.token).toBe(a.token);
    expect(h.idp.verify(c.token)?.oid).toBe(CASEWORKER.id);
    expect(tokenRequests()).toHaveLength(2);
    // A new user token (with the same oid) never gets the cached Graph token without Entra ID seeing it.
    await h.broker.onBehalfOf({ userToken: h.userToken(SENCO, 1200) });
    expect(tokenRequests()).toHaveLength(3);
  });

  test('refuse a user token from another tenant before calling Entra ID', async () => {
    const foreign = h.idp.issueUserToken({ tenantId: OTHER_TENANT, objectId: SENCO.id, clientId: CLIENT_ID });
    const error = await failure(h.broker.onBehalfOf({ userToken: foreign, tenantId: TENANT }));
    expect(error.code).toBe('wrong-tenant');
    expect(error.message).toContain(OTHER_TENANT);
    expect(tokenRequests()).toHaveLength(0);
  });

  test('refuse an expired user token with user-token-expired', async () => {
    const expired = h.idp.issueUserToken({ tenantId: TENANT, objectId: SENCO.id, clientId: CLIENT_ID, lifetimeSeconds: -60 });
    expect((await failure(h.broker.onBehalfOf({ userToken: expired }))).code).toBe('user-token-expired');
  });

  test('refuse something that is not a JWT with invalid-user-token', async () => {
    const error = await failure(h.broker.onBehalfOf({ userToken: 'not-a-token' }));
    expect(error.code).toBe('invalid-user-token');
  });

  test('a token issued for another app is refused as invalid-user-token before calling Entra ID', async () => {
    const wrongAudience = h.idp.issueUserToken({ tenantId: TENANT, objectId: SENCO.id, clientId: '00000000-0000-0000-0000-000000000001' });
    const error = await failure(h.broker.onBehalfOf({ userToken: wrongAudience }));
    expect(error.code).toBe('invalid-user-token');
    expect(error.message).toContain(CLIENT_ID);
    expect(tokenRequests()).toHaveLength(0);
  });

  test('a forged token is refused by Entra ID (AADSTS50013) as invalid-user-token', async () => {
    const genuine = h.userToken(SENCO);
    const [header, payload] = genuine.split('.');
    const error = await failure(h.broker.onBehalfOf({ userToken: `${header}.${payload}.forgedsignature` }));
    expect(error.code).toBe('invalid-user-token');
    expect(error.details.aadCode).toBe('AADSTS50013');
  });
});

describe('configuration and consent errors tell an administrator what to do', () => {
  test('consent missing (AADSTS65001) names the delegated permissions and the admin-consent URL', async () => {
    const userToken = h.idp.issueUserToken({ tenantId: UNCONSENTED_TENANT, objectId: SENCO.id, clientId: CLIENT_ID });
    const error = await failure(h.broker.onBehalfOf({ userToken }));
    expect(error.code).toBe('consent-missing');
    expect(error.details.aadCode).toBe('AADSTS65001');
    expect(error.needsAdministrator).toBe(true);
    const url = `https://login.microsoftonline.com/${UNCONSENTED_TENANT}/adminconsent?client_id=${CLIENT_ID}`;
    expect(error.details.adminConsentUrl).toBe(url);
    expect(error.message).toContain(url);
    for (const permission of ['Calendars.ReadWrite', 'Files.Read.All', 'Mail.Send']) expect(error.message).toContain(permission);
  });

  test('an unknown tenant (AADSTS90002) is wrong-tenant and says to check the tenant id', async () => {
    const unknown = '12345678-aaaa-4bbb-8ccc-1234567890ab';
    const error = await failure(h.broker.appToken(unknown));
    expect(error.code).toBe('wrong-tenant');
    expect(error.details.aadCode).toBe('AADSTS90002');
    expect(error.message).toMatch(/check the organisation's tenant id/);
  });

  test('an app not present in the tenant (AADSTS700016) is wrong-tenant with the consent URL', async () => {
    const broker = new TokenBroker({ clientId: 'deadbeef-0000-4000-8000-000000000000', clientSecret: SECRET, fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }) });
    const error = await failure(broker.appToken(TENANT));
    expect(error.code).toBe('wrong-tenant');
    expect(error.details.aadCode).toBe('AADSTS700016');
    expect(error.message).toContain(`https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=deadbeef-0000-4000-8000-000000000000`);
  });

  test('"common" is refused: app-only work needs a specific organisation', async () => {
    expect((await failure(h.broker.appToken('common'))).code).toBe('wrong-tenant');
    expect((await failure(h.broker.appToken('not a tenant!'))).code).toBe('wrong-tenant');
  });

  test('no client id: every call fails with not-configured naming the missing setting, and nothing is sent', async () => {
    const broker = new TokenBroker({ clientSecret: SECRET, fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }) });
    expect(broker.configurationProblem?.code).toBe('not-configured');
    const error = await failure(broker.appToken(TENANT));
    expect(error.code).toBe('not-configured');
    expect(error.message).toMatch(/clientId is missing/);
    expect(tokenRequests()).toHaveLength(0);
  });

  test('no secret or certificate is not-configured', async () => {
    const broker = new TokenBroker({ clientId: CLIENT_ID });
    expect((await failure(broker.appToken(TENANT))).message).toMatch(/no credential/);
  });

  test('a wrong client secret (AADSTS7000215) is not-configured and says where to make a new one', async () => {
    const broker = new TokenBroker({ clientId: CLIENT_ID, clientSecret: 'wrong', fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }) });
    const error = await failure(broker.appToken(TENANT));
    expect(error.code).toBe('not-configured');
    expect(error.details.aadCode).toBe('AADSTS7000215');
    expect(error.message).toMatch(/Certificates & secrets/);
  });

  test('MFA demanded by conditional access is interaction-required and carries the claims challenge', async () => {
    const harness = await startHarness({ app: { requireMfa: true } });
    try {
      const error = await failure(harness.broker.onBehalfOf({ userToken: harness.userToken() }));
      expect(error.code).toBe('interaction-required');
      expect(error.details.claims).toContain('capolids');
    } finally {
      await harness.close();
    }
  });

  test('an Entra ID outage is identity-unavailable and retryable', async () => {
    const broker = new TokenBroker({ clientId: CLIENT_ID, clientSecret: SECRET, fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }) });
    h.idp.failNextTokenRequests(5, 503);
    const error = await failure(broker.appToken(TENANT));
    h.idp.failNextTokenRequests(0, 503);
    expect(error.code).toBe('identity-unavailable');
    expect(error.retryable).toBe(true);
  });
});

describe('one tenant’s failure does not affect the others', () => {
  test('good tenants get tokens while broken ones fail, concurrently, on one broker', async () => {
    const broker = new TokenBroker({ clientId: CLIENT_ID, clientSecret: SECRET, fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }) });
    const unknown = '99999999-aaaa-4bbb-8ccc-999999999999';
    const results = await Promise.allSettled([
      broker.appToken(TENANT),
      broker.appToken(unknown),
      broker.onBehalfOf({ userToken: h.idp.issueUserToken({ tenantId: UNCONSENTED_TENANT, objectId: SENCO.id, clientId: CLIENT_ID }) }),
      broker.appToken(OTHER_TENANT),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    // And the healthy tenant keeps working afterwards.
    await expect(broker.appToken(TENANT)).resolves.toMatchObject({ tenantId: TENANT });
  });

  test('an administrator-side failure is remembered for a cooldown, then retried; forget() clears it', async () => {
    let now = Date.now();
    const broker = new TokenBroker({ clientId: CLIENT_ID, clientSecret: SECRET, fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }), now: () => now, tenantFailureCooldownMs: 60_000 });
    const unknown = '88888888-aaaa-4bbb-8ccc-888888888888';
    await failure(broker.appToken(unknown));
    await failure(broker.appToken(unknown));
    expect(tokenRequests()).toHaveLength(1);
    now += 61_000;
    await failure(broker.appToken(unknown));
    expect(tokenRequests()).toHaveLength(2);
    broker.forget(unknown);
    await failure(broker.appToken(unknown));
    expect(tokenRequests()).toHaveLength(3);
  });
});

describe('an authority whose endpoints MSAL has to discover', () => {
  test('an unknown tenant found during OpenID discovery is still reported as wrong-tenant (AADSTS90002)', async () => {
    const sovereign = await startIdentityTestServer({
      publicOrigin: 'https://login.sovereign.test',
      tenants: { [TENANT]: { apps: { [CLIENT_ID]: { secret: SECRET, applicationPermissions: ['Mail.Send'] } } } },
    });
    try {
      const route = routeFetch({ 'https://login.sovereign.test': sovereign.url, 'https://login.microsoftonline.com': sovereign.url });
      const broker = new TokenBroker({ clientId: CLIENT_ID, clientSecret: SECRET, authorityHost: 'https://login.sovereign.test', fetch: route });
      await expect(broker.appToken(TENANT)).resolves.toMatchObject({ tenantId: TENANT });
      expect(sovereign.requests.some((r) => r.path === `/${TENANT}/v2.0/.well-known/openid-configuration`)).toBe(true);
      const error = await failure(broker.appToken('77777777-aaaa-4bbb-8ccc-777777777777'));
      expect(error.code).toBe('wrong-tenant');
      expect(error.details.aadCode).toBe('AADSTS90002');
      expect(error.details.adminConsentUrl).toMatch(/^https:\/\/login\.sovereign\.test\//);
    } finally {
      await sovereign.close();
    }
  });
});

describe('certificate credentials', () => {
  test('MSAL signs a client assertion with the private key; a key the tenant does not know is not-configured (AADSTS700027)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const thumbprintSha256 = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    const idp = await startIdentityTestServer({ tenants: { [TENANT]: { apps: { [CLIENT_ID]: { certificate: { publicKeyPem, thumbprintSha256 }, applicationPermissions: ['Mail.Send'] } } } } });
    try {
      const fetch = routeFetch({ [idp.publicOrigin]: idp.url });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const broker = new TokenBroker({ clientId: CLIENT_ID, clientCertificate: { thumbprintSha256, privateKey: pem }, fetch });
      const token = await broker.appToken(TENANT);
      expect(idp.verify(token.token)?.roles).toEqual(['Mail.Send']);
      const [request] = idp.requests;
      expect(request?.form.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(request?.form.client_secret).toBeUndefined();

      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const wrong = new TokenBroker({ clientId: CLIENT_ID, clientCertificate: { thumbprintSha256, privateKey: other }, fetch });
      const error = await failure(wrong.appToken(TENANT));
      expect(error.code).toBe('not-configured');
      expect(error.details.aadCode).toBe('AADSTS700027');
    } finally {
      await idp.close();
    }
  });
});
