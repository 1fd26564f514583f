import { registerPerson } from '../../bot/store/organisations';
import { addinClientId, type EntraTestAuthority, startEntraTestAuthority } from '../../testkit/entraTestAuthority';
import { importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

const NORTH_TENANT = '11111111-1111-4111-8111-111111111111';
const SCHOOL_TENANT = '33333333-3333-4333-8333-333333333333';

describe('the service with Microsoft Entra ID sign-in', () => {
  let authority: EntraTestAuthority;
  let svc: TestService;
  beforeAll(async () => {
    authority = await startEntraTestAuthority();
    svc = await startTestService(
      'pglite',
      async (db) => {
        const people = await registerPeople(db);
        await db.transaction((tx) => registerPerson(tx, { orgId: 'north-council', entraObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', role: 'la-officer', email: 'real.officer@north.example' }));
        await importRows(db, people.officer, ['E-1,Entra Example,north-school,2026-01-10,,,,,,']);
      },
      { AUTH_MODE: 'entra', ENTRA_CLIENT_ID: addinClientId, ENTRA_ALLOWED_TENANTS: `${NORTH_TENANT},${SCHOOL_TENANT}`, ENTRA_AUTHORITY_HOST: authority.url },
    );
  });
  afterAll(async () => {
    await svc.stop();
    await authority.close();
  });

  const token = (tenantId: string, oid: string) => authority.issue({ tenantId, clientId: addinClientId, claims: { oid, scp: 'access_as_user' } });

  it('accepts a registered person’s access token and scopes them to their council', async () => {
    const res = await svc.call('GET', '/api/reviews', { token: await token(NORTH_TENANT, 'aaaaaaaa-0000-4000-8000-000000000001') });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { laReference: string }) => i.laReference)).toEqual(['E-1']);
  });

  it('refuses a valid token from an allowed tenant whose user nobody registered (403, says whom to ask)', async () => {
    const res = await svc.call('GET', '/api/reviews', { token: await token(NORTH_TENANT, 'aaaaaaaa-0000-4000-8000-00000000ffff') });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/not registered .* ask your organisation's administrator/);
  });

  it('refuses a tenant that is not on the allow-list, and development tokens, with 401', async () => {
    expect((await svc.call('GET', '/api/reviews', { token: await token('99999999-9999-4999-8999-999999999999', 'x') })).status).toBe(401);
    expect((await svc.call('GET', '/api/reviews', { token: await svc.token('la-officer', 'north-council') })).status).toBe(401);
  });
});
