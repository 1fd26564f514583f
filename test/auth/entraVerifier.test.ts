import { createHmac } from 'node:crypto';
import { AuthConfigError, AuthUnavailableError, createEntraVerifier, type TokenVerifier } from '../../bot/auth';
import { claimsOf, type EntraTestAuthority, startEntraTestAuthority, unsecuredJwt } from '../../testkit/entraTestAuthority';
import { bearer, refusal } from './support/refusal';

const clientId = '8d2b6f4a-3c1e-4b7d-9a5f-0e1c2d3b4a59';
const schoolTenant = '0f5b4c1e-8b6a-4d39-9a47-2c1e3f4a5b6c';
const councilTenant = '3a8d2f7e-6b5c-4e1d-8f9a-1b2c3d4e5f60';
const strangerTenant = 'e7c6b5a4-9382-4716-a5b4-c3d2e1f0a9b8';

/** Lets jose's 30-second "refetch on unknown kid" cooldown pass without waiting for it. */
function afterJwksCooldown(): void {
  const realNow = Date.now.bind(Date);
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('createEntraVerifier with a local Entra test authority', () => {
  let authority: EntraTestAuthority;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    authority = await startEntraTestAuthority();
  });
  afterAll(() => authority.close());
  beforeEach(() => {
    verifier = createEntraVerifier({ clientId, allowedTenants: [schoolTenant, councilTenant], authorityHost: authority.url });
  });

  it('accepts a v2.0 access token for this API and says which user of which tenant sent it', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId });
    await expect(verifier.verify(bearer(token))).resolves.toEqual({
      mode: 'entra',
      tenantId: schoolTenant,
      userId: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
      email: 'sam.jones@school.example',
      name: 'Sam Jones',
    });
  });

  it('accepts the api:// form of the audience, and a user of the second allowed tenant', async () => {
    const token = await authority.issue({ tenantId: councilTenant, clientId, claims: { aud: `api://${clientId}` } });
    await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ tenantId: councilTenant });
  });

  it('takes the email from upn when there is no preferred_username', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { preferred_username: undefined, upn: 'sam@council.example' } });
    await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ email: 'sam@council.example' });
  });

  it('carries no role or organisation: mapping the user to a membership is the store’s job', async () => {
    const identity = await verifier.verify(bearer(await authority.issue({ tenantId: schoolTenant, clientId })));
    expect(identity.role).toBeUndefined();
    expect(identity.orgId).toBeUndefined();
  });

  it('refuses an expired token and tells the user to sign in again', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, notBefore: -7200, expiresIn: -600 });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e).toMatchObject({ status: 401, code: 'token-expired', message: 'The token has expired; sign in again.' });
  });

  it('refuses a token that is not valid for another ten minutes', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, notBefore: 600, expiresIn: 4200 });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('token-not-yet-valid');
    expect(e.message).toMatch(/not valid yet/);
  });

  it('allows a token that starts 30 seconds from now, within the clock tolerance', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, notBefore: 30 });
    await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ mode: 'entra' });
  });

  it('refuses a token issued for another application in an allowed tenant', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { aud: 'f0e1d2c3-b4a5-4697-8877-665544332211' } });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('wrong-audience');
    expect(e.message).toContain(`api://${clientId}`);
  });

  it.each(['00000003-0000-0000-c000-000000000000', 'https://graph.microsoft.com'])('refuses a Microsoft Graph token (aud %s) saying the add-in asked for the wrong audience', async (aud) => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { aud, scp: 'User.Read Mail.Read' } });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('graph-audience');
    expect(e.message).toMatch(/Microsoft Graph.*the add-in asked for the wrong audience/);
  });

  it('refuses a tenant that is not allowed, naming it and the setting, before fetching any keys', async () => {
    const fresh = createEntraVerifier({ clientId, allowedTenants: [schoolTenant], authorityHost: authority.url });
    const before = authority.keysRequests;
    const token = await authority.issue({ tenantId: strangerTenant, clientId });
    const e = await refusal(fresh.verify(bearer(token)));
    expect(e.code).toBe('tenant-not-allowed');
    expect(e.message).toBe(`Tenant ${strangerTenant} is not allowed to use this service; an administrator must add it to ENTRA_ALLOWED_TENANTS.`);
    expect(authority.keysRequests).toBe(before);
  });

  it('matches the allowed tenant list without regard to letter case', async () => {
    const upper = createEntraVerifier({ clientId, allowedTenants: [` ${schoolTenant.toUpperCase()} `], authorityHost: authority.url });
    await expect(upper.verify(bearer(await authority.issue({ tenantId: schoolTenant, clientId })))).resolves.toMatchObject({ tenantId: schoolTenant });
  });

  it('refuses a token whose issuer is a different tenant from its tid', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { iss: `${authority.url}/${councilTenant}/v2.0` } });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('wrong-issuer');
    expect(e.message).toContain(`${authority.url}/${schoolTenant}/v2.0`);
  });

  it('refuses a token from another authority host', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { iss: `https://login.evil.example/${schoolTenant}/v2.0` } });
    expect((await refusal(verifier.verify(bearer(token)))).code).toBe('wrong-issuer');
  });

  it('refuses a v1.0 token and says which manifest setting makes Entra issue v2.0 ones', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { iss: `https://sts.windows.net/${schoolTenant}/`, ver: '1.0', aud: `api://${clientId}` } });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('v1-token');
    expect(e.message).toMatch(/requestedAccessTokenVersion": 2/);
  });

  it('refuses a token signed with a key the authority does not publish', async () => {
    const rogue = await authority.unpublishedKey();
    const token = await authority.issue({ tenantId: schoolTenant, clientId, key: rogue });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('unknown-signing-key');
    expect(e.message).toMatch(/not issued by Microsoft Entra ID/);
  });

  it('refuses a token signed with a rogue key that borrows a published kid', async () => {
    const rogue = await authority.unpublishedKey(authority.published[0]!.kid);
    const token = await authority.issue({ tenantId: schoolTenant, clientId, key: rogue });
    expect((await refusal(verifier.verify(bearer(token)))).code).toBe('bad-signature');
  });

  it('refuses a genuine token whose claims were edited after signing', async () => {
    const [header, , signature] = (await authority.issue({ tenantId: schoolTenant, clientId })).split('.');
    const edited = Buffer.from(JSON.stringify({ ...claimsOf(await authority.issue({ tenantId: schoolTenant, clientId })), oid: 'someone-else' })).toString('base64url');
    expect((await refusal(verifier.verify(bearer(`${header}.${edited}.${signature}`)))).code).toBe('bad-signature');
  });

  it('refuses an unsigned alg "none" token without fetching keys', async () => {
    const fresh = createEntraVerifier({ clientId, allowedTenants: [schoolTenant], authorityHost: authority.url });
    const before = authority.keysRequests;
    const forged = unsecuredJwt(claimsOf(await authority.issue({ tenantId: schoolTenant, clientId })), authority.published[0]!.kid);
    const e = await refusal(fresh.verify(bearer(forged)));
    expect(e.code).toBe('unsupported-algorithm');
    expect(authority.keysRequests).toBe(before);
  });

  it('refuses an HS256 forgery keyed with the published RSA public key', async () => {
    const published = authority.published[0]!;
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signingInput = `${part({ typ: 'JWT', alg: 'HS256', kid: published.kid })}.${part(claimsOf(await authority.issue({ tenantId: schoolTenant, clientId })))}`;
    const mac = createHmac('sha256', JSON.stringify(published.publicJwk)).update(signingInput).digest('base64url');
    expect((await refusal(verifier.verify(bearer(`${signingInput}.${mac}`)))).code).toBe('unsupported-algorithm');
  });

  it('refuses a token with no oid, because the user cannot be identified', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { oid: undefined } });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('missing-claim');
    expect(e.message).toMatch(/\(oid\)/);
  });

  it('refuses a token with no tid, since it cannot be a tenant’s access token', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { tid: undefined } });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('missing-claim');
    expect(e.message).toMatch(/\(tid\)/);
  });

  it('refuses an app-only token, which has roles but no delegated scope', async () => {
    const token = await authority.issue({ tenantId: schoolTenant, clientId, claims: { scp: undefined, roles: ['Cases.Read.All'], idtyp: 'app', preferred_username: undefined, name: undefined } });
    expect((await refusal(verifier.verify(bearer(token)))).code).toBe('app-only-token');
  });

  it.each([
    ['no header', undefined, 'missing-token', /^Send an Authorization: Bearer <token> header; the add-in must send/],
    ['an empty header', '   ', 'missing-token', /^Send an Authorization: Bearer <token> header/],
    ['Basic credentials', 'Basic c2VuY286cGFzc3dvcmQ=', 'not-bearer', /uses the "Basic" scheme; send "Authorization: Bearer <token>"/],
    ['Bearer with no token', 'Bearer', 'missing-token', /no token after it/],
    ['text that is not a JWT', 'Bearer not-a-jwt', 'malformed-token', /not a readable JWT/],
    ['three parts that do not decode', 'Bearer aaa.bbb.ccc', 'malformed-token', /not a readable JWT/],
    ['a quoted token', 'Bearer "eyJhbGciOi.eyJ.sig"', 'malformed-token', /without quotes/],
  ])('refuses %s with a message saying what to send', async (_, header, code, message) => {
    const e = await refusal(verifier.verify(header));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('never repeats the token in a refusal', async () => {
    const tokens = [
      await authority.issue({ tenantId: schoolTenant, clientId, expiresIn: -60, notBefore: -3600 }),
      await authority.issue({ tenantId: strangerTenant, clientId }),
      await authority.issue({ tenantId: schoolTenant, clientId, claims: { aud: 'https://graph.microsoft.com' } }),
      await authority.issue({ tenantId: schoolTenant, clientId, key: await authority.unpublishedKey() }),
    ];
    for (const token of tokens) {
      const e = await refusal(verifier.verify(bearer(token)));
      for (const part of token.split('.')) expect(e.message).not.toContain(part);
    }
  });
});

describe('createEntraVerifier and key rotation', () => {
  let authority: EntraTestAuthority;

  beforeEach(async () => {
    authority = await startEntraTestAuthority();
  });
  afterEach(() => authority.close());

  it('fetches the keys once and reuses them for later tokens', async () => {
    const verifier = createEntraVerifier({ clientId, allowedTenants: [schoolTenant], authorityHost: authority.url });
    for (let i = 0; i < 3; i++) await verifier.verify(bearer(await authority.issue({ tenantId: schoolTenant, clientId })));
    expect(authority.keysRequests).toBe(1);
  });

  it('refetches the keys when Entra starts signing with a newly published key', async () => {
    const verifier = createEntraVerifier({ clientId, allowedTenants: [schoolTenant], authorityHost: authority.url });
    await verifier.verify(bearer(await authority.issue({ tenantId: schoolTenant, clientId })));
    const next = await authority.rotate();
    afterJwksCooldown();
    const token = await authority.issue({ tenantId: schoolTenant, clientId, key: next });
    await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ tenantId: schoolTenant });
    expect(authority.keysRequests).toBe(2);
  });

  it('does not refetch for every unknown kid, so forged tokens cannot hammer the authority', async () => {
    const verifier = createEntraVerifier({ clientId, allowedTenants: [schoolTenant], authorityHost: authority.url });
    await verifier.verify(bearer(await authority.issue({ tenantId: schoolTenant, clientId })));
    for (let i = 0; i < 5; i++) {
      const forged = await authority.issue({ tenantId: schoolTenant, clientId, key: await authority.unpublishedKey() });
      expect((await refusal(verifier.verify(bearer(forged)))).code).toBe('unknown-signing-key');
    }
    expect(authority.keysRequests).toBe(1);
  });

  it('honours a key Entra pins to one issuer: it cannot sign for another tenant', async () => {
    const verifier = createEntraVerifier({ clientId, allowedTenants: [schoolTenant, councilTenant], authorityHost: authority.url });
    const pinned = await authority.rotate({ issuer: `${authority.url}/${councilTenant}/v2.0` });
    await expect(verifier.verify(bearer(await authority.issue({ tenantId: councilTenant, clientId, key: pinned })))).resolves.toMatchObject({ tenantId: councilTenant });
    const e = await refusal(verifier.verify(bearer(await authority.issue({ tenantId: schoolTenant, clientId, key: pinned }))));
    expect(e.code).toBe('wrong-issuer');
  });

  it('answers 503, not 401, when the keys cannot be fetched, so users are not sent to sign in again', async () => {
    const verifier = createEntraVerifier({ clientId, allowedTenants: [schoolTenant], authorityHost: authority.url });
    authority.failKeys(503);
    const token = await authority.issue({ tenantId: schoolTenant, clientId });
    const e = await verifier.verify(bearer(token)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthUnavailableError);
    expect(e).toMatchObject({ status: 503, code: 'keys-unavailable' });
    expect((e as Error).message).toContain(`${authority.url}/common/discovery/v2.0/keys`);
    authority.failKeys(undefined);
    await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ tenantId: schoolTenant });
  });
});

describe('createEntraVerifier against the default authority host', () => {
  it('fetches https://login.microsoftonline.com/common/discovery/v2.0/keys through the given fetch', async () => {
    const authority = await startEntraTestAuthority({ publicOrigin: 'https://login.microsoftonline.com' });
    try {
      const asked: string[] = [];
      const routed: typeof fetch = (input, init) => {
        const url = String(input);
        asked.push(url);
        return fetch(url.replace('https://login.microsoftonline.com', authority.url), init);
      };
      const verifier = createEntraVerifier({ clientId, allowedTenants: [schoolTenant], fetch: routed });
      const token = await authority.issue({ tenantId: schoolTenant, clientId });
      await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ tenantId: schoolTenant });
      expect(asked).toEqual(['https://login.microsoftonline.com/common/discovery/v2.0/keys']);
    } finally {
      await authority.close();
    }
  });
});

describe('createEntraVerifier settings', () => {
  it.each([
    ['a client id that is not a GUID', { clientId: 'api://ehcp-review', allowedTenants: [schoolTenant] }, /ENTRA_CLIENT_ID must be .*Application \(client\) ID/],
    ['no allowed tenants', { clientId, allowedTenants: [' '] }, /ENTRA_ALLOWED_TENANTS is empty/],
    ['a tenant given as a domain name', { clientId, allowedTenants: [schoolTenant, 'contoso.onmicrosoft.com'] }, /fix "contoso.onmicrosoft.com"/],
    ['a plain-http authority that is not this machine', { clientId, allowedTenants: [schoolTenant], authorityHost: 'http://login.example' }, /must use https/],
    ['an authority with a tenant in its path', { clientId, allowedTenants: [schoolTenant], authorityHost: `https://login.microsoftonline.com/${schoolTenant}` }, /host only/],
  ])('fail at start-up with %s', (_, options, message) => {
    let thrown: unknown;
    try {
      createEntraVerifier(options);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AuthConfigError);
    expect((thrown as Error).message).toMatch(message);
  });
});
