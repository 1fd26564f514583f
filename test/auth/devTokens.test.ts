import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { AuthConfigError, createDevVerifier, loadOrCreateDevKey, signDevToken, type TokenVerifier } from '../../bot/auth';
import { claimsOf, startEntraTestAuthority } from '../../testkit/entraTestAuthority';
import { bearer, refusal } from './support/refusal';
import { tempDataDirs } from './support/tempDataDir';

const dirs = tempDataDirs();
afterEach(() => dirs.cleanup());

/** Signs `claims` with `dataDir`'s dev key directly, for tokens signDevToken will not make. */
async function handSigned(dataDir: string, claims: JWTPayload, header: { kid?: string } = {}): Promise<string> {
  const key = await loadOrCreateDevKey(dataDir);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'dev-senco-demo-school-1', ehcp_role: 'senco', ehcp_org: 'demo-school-1', iss: 'ehcp-review-dev', aud: 'ehcp-review-api', iat: now, exp: now + 3600, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'kid' in header ? header.kid : key.kid })
    .sign(await importJWK(key.privateJwk, 'ES256'));
}

describe('dev tokens', () => {
  let dataDir: string;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    dataDir = await dirs.make();
    verifier = await createDevVerifier({ dataDir });
  });

  it('round-trips: a token from signDevToken verifies as the role and organisation it was made for', async () => {
    const token = await signDevToken({ dataDir, role: 'senco', orgId: 'demo-school-1' });
    await expect(verifier.verify(bearer(token))).resolves.toEqual({ mode: 'dev', tenantId: null, userId: 'dev-senco-demo-school-1', role: 'senco', orgId: 'demo-school-1' });
  });

  it('carries the user id, email and name when given', async () => {
    const token = await signDevToken({ dataDir, role: 'la-officer', orgId: 'demo-la', userId: 'u-42', email: 'officer@la.example', name: 'Officer Kay' });
    await expect(verifier.verify(bearer(token))).resolves.toEqual({
      mode: 'dev',
      tenantId: null,
      userId: 'u-42',
      email: 'officer@la.example',
      name: 'Officer Kay',
      role: 'la-officer',
      orgId: 'demo-la',
    });
  });

  it('is an ES256 JWT from ehcp-review-dev for ehcp-review-api, lasting 8 hours by default', async () => {
    const token = await signDevToken({ dataDir, role: 'professional', orgId: 'demo-school-1' });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
    const claims = claimsOf(token);
    expect(header).toMatchObject({ alg: 'ES256', kid: (await loadOrCreateDevKey(dataDir)).kid });
    expect(claims).toMatchObject({ iss: 'ehcp-review-dev', aud: 'ehcp-review-api', sub: 'dev-professional-demo-school-1', oid: 'dev-professional-demo-school-1', ehcp_role: 'professional', ehcp_org: 'demo-school-1' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
  });

  it('lasts as long as lifetimeSeconds says', async () => {
    const claims = claimsOf(await signDevToken({ dataDir, role: 'senco', orgId: 'demo-school-1', lifetimeSeconds: 900 }));
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
  });

  it('refuses a token made with another data directory’s key, saying which --data-dir to use', async () => {
    const elsewhere = await dirs.make();
    const token = await signDevToken({ dataDir: elsewhere, role: 'senco', orgId: 'demo-school-1' });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('dev-key-mismatch');
    expect(e.message).toContain(`--data-dir ${dataDir}`);
  });

  it('refuses a token signed by another key that names no kid, as a bad signature', async () => {
    const elsewhere = await dirs.make();
    const token = await handSigned(elsewhere, {}, { kid: undefined });
    expect((await refusal(verifier.verify(bearer(token)))).code).toBe('bad-signature');
  });

  it('refuses an expired token and says how to get a new one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await handSigned(dataDir, { iat: now - 9 * 3600, exp: now - 3600 });
    const e = await refusal(verifier.verify(bearer(token)));
    expect(e.code).toBe('token-expired');
    expect(e.message).toBe('The development token has expired; get a development token with `npx ehcp-review dev-token --role senco --org demo-school-1`.');
  });

  it('refuses a token whose role was edited after signing', async () => {
    const [header, payload, signature] = (await signDevToken({ dataDir, role: 'senco', orgId: 'demo-school-1' })).split('.');
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ehcp_role: 'la-manager' })).toString('base64url');
    expect((await refusal(verifier.verify(bearer(`${header}.${promoted}.${signature}`)))).code).toBe('bad-signature');
  });

  it.each([
    ['another issuer', { iss: 'someone-else' }, 'wrong-issuer'],
    ['another audience', { aud: 'graph' }, 'wrong-audience'],
    ['no expiry', { exp: undefined }, 'missing-claim'],
    ['a role that is not one of the four', { ehcp_role: 'admin' }, 'missing-claim'],
    ['an empty organisation', { ehcp_org: '  ' }, 'missing-claim'],
  ])('refuses a correctly signed token with %s', async (_, claims, code) => {
    const e = await refusal(verifier.verify(bearer(await handSigned(dataDir, claims))));
    expect(e.code).toBe(code);
  });

  it('lists the four roles when the role is not one of them', async () => {
    const e = await refusal(verifier.verify(bearer(await handSigned(dataDir, { ehcp_role: 'admin' }))));
    expect(e.message).toContain('senco, la-officer, la-manager, professional');
  });

  it('refuses an Entra RS256 token: dev mode trusts only its own key', async () => {
    const authority = await startEntraTestAuthority();
    try {
      const token = await authority.issue({ tenantId: '0f5b4c1e-8b6a-4d39-9a47-2c1e3f4a5b6c', clientId: '8d2b6f4a-3c1e-4b7d-9a5f-0e1c2d3b4a59' });
      expect((await refusal(verifier.verify(bearer(token)))).code).toBe('unsupported-algorithm');
    } finally {
      await authority.close();
    }
  });

  it('tells a caller with no header how to get a development token', async () => {
    const e = await refusal(verifier.verify(undefined));
    expect(e).toMatchObject({ status: 401, code: 'missing-token' });
    expect(e.message).toBe('Send an Authorization: Bearer <token> header; get a development token with `npx ehcp-review dev-token --role senco --org demo-school-1`.');
  });

  it.each([
    ['a Basic header', 'Basic c2VuY286eA==', 'not-bearer'],
    ['a garbled token', 'Bearer abc.def', 'malformed-token'],
    ['a lower-case scheme with a good token', null, 'ok'],
  ])('handles %s', async (_, header, outcome) => {
    if (outcome === 'ok') {
      const token = await signDevToken({ dataDir, role: 'senco', orgId: 'demo-school-1' });
      await expect(verifier.verify(`bearer ${token}`)).resolves.toMatchObject({ role: 'senco' });
      return;
    }
    expect((await refusal(verifier.verify(header ?? undefined))).code).toBe(outcome);
  });
});

describe('createDevVerifier', () => {
  it('refuses to start in production (NODE_ENV=production)', async () => {
    const e = await createDevVerifier({ dataDir: await dirs.make(), production: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthConfigError);
    expect(e).toMatchObject({ code: 'dev-mode-in-production' });
    expect((e as Error).message).toMatch(/refused when NODE_ENV=production/);
  });
});

describe('signDevToken', () => {
  it.each([
    ['a role that is not one of the four', { role: 'admin' }, /"admin" is not a role; use one of senco, la-officer, la-manager, professional/],
    ['an empty organisation', { orgId: ' ' }, /needs an organisation id/],
    ['a lifetime of zero', { lifetimeSeconds: 0 }, /must live between 1 second and 30 days/],
  ])('refuses %s', async (_, change, message) => {
    const options = { dataDir: await dirs.make(), role: 'senco', orgId: 'demo-school-1', ...change } as Parameters<typeof signDevToken>[0];
    const e = await signDevToken(options).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthConfigError);
    expect((e as Error).message).toMatch(message);
  });
});
