import { appRegistrationRoles, rolesFromClaim } from '../../bot/auth';
import type { TokenIdentity } from '../../bot/auth';
import { ForbiddenError } from '../../bot/store/errors';
import { registerOrganisation, registerPerson } from '../../bot/store/organisations';
import { resolvePrincipal } from '../../bot/store/resolvePrincipal';
import { addinClientId, type EntraTestAuthority, startEntraTestAuthority } from '../../testkit/entraTestAuthority';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { startTestService, type TestService } from '../../testkit/service';

const COUNCIL_TENANT = '11111111-1111-4111-8111-111111111111';
const SCHOOL_TENANT = '33333333-3333-4333-8333-333333333333';
const TRUST_TENANT = '55555555-5555-4555-8555-555555555555';
const NHS_TENANT = '44444444-4444-4444-8444-444444444444';
const UNKNOWN_TENANT = '66666666-6666-4666-8666-666666666666';

const who = (tenantId: string, appRoles: TokenIdentity['appRoles'], userId = 'aaaaaaaa-0000-4000-8000-00000000000a'): TokenIdentity => ({
  mode: 'entra',
  tenantId,
  userId,
  email: 'sam.jones@example.org',
  name: 'Sam Jones',
  appRoles,
});

describe('the roles claim of Entra app roles', () => {
  it('maps the app registration’s role values to service roles, ignoring others', () => {
    expect(rolesFromClaim(['LA.Manager', 'Mail.Send', 'senco', 'SENCO'])).toEqual(['senco', 'la-manager']);
    expect(rolesFromClaim(['LA.Manager', 'LA.Officer'])).toEqual(['la-officer', 'la-manager']);
    expect(rolesFromClaim('SENCO')).toEqual([]);
    expect(appRegistrationRoles().map((r) => [r.value, r.allowedMemberTypes])).toEqual([
      ['SENCO', ['User']],
      ['LA.Officer', ['User']],
      ['LA.Manager', ['User']],
      ['Professional', ['User']],
    ]);
  });
});

describe.each(storeKinds)('signing in with an app role on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore(kind);
    await store.db.transaction(async (tx) => {
      await registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: COUNCIL_TENANT });
      await registerOrganisation(tx, { id: 'oak-primary', kind: 'school', name: 'Oak Primary', councilId: 'north-council', entraTenantId: SCHOOL_TENANT });
      // A multi-academy trust: two academies in one tenant, maintained by different councils.
      await registerOrganisation(tx, { id: 'south-council', kind: 'council', name: 'South Council' });
      await registerOrganisation(tx, { id: 'elm-academy', kind: 'school', name: 'Elm Academy', councilId: 'north-council', entraTenantId: TRUST_TENANT });
      await registerOrganisation(tx, { id: 'ash-academy', kind: 'school', name: 'Ash Academy', councilId: 'south-council', entraTenantId: TRUST_TENANT });
      await registerOrganisation(tx, { id: 'north-nhs', kind: 'provider', name: 'North NHS Trust', entraTenantId: NHS_TENANT });
    });
  });
  afterEach(() => store.dispose());

  it('admits a council officer by their LA.Officer role in the council’s tenant, and remembers them once, audited', async () => {
    const p = await resolvePrincipal(store.db, who(COUNCIL_TENANT, ['la-officer']));
    expect(p).toMatchObject({ orgId: 'north-council', orgKind: 'council', role: 'la-officer', councilId: 'north-council', email: 'sam.jones@example.org' });
    const again = await resolvePrincipal(store.db, who(COUNCIL_TENANT, ['la-officer']));
    expect(again.personId).toBe(p.personId);
    const audit = await store.db.query<{ action: string; actor_role: string }>("select action, actor_role from audit_log where entity = 'person' and entity_id like 'north-council/%'");
    expect(audit).toEqual([{ action: 'person.admitted-by-app-role', actor_role: 'la-officer' }]);
  });

  it('admits a SENCO at the one school of their school’s tenant', async () => {
    expect(await resolvePrincipal(store.db, who(SCHOOL_TENANT, ['senco']))).toMatchObject({ orgId: 'oak-primary', role: 'senco', councilId: 'north-council' });
  });

  it('never lets a school’s tenant grant a council role', async () => {
    await expect(resolvePrincipal(store.db, who(SCHOOL_TENANT, ['la-manager']))).rejects.toThrow(
      'Your la-manager app role cannot be used in your tenant: it is registered to school organisations only, and a la-manager belongs to a council.',
    );
  });

  it('admits a professional at their NHS provider, and a council’s own professional at the council', async () => {
    expect(await resolvePrincipal(store.db, who(NHS_TENANT, ['professional']))).toMatchObject({ orgId: 'north-nhs', orgKind: 'provider', role: 'professional', councilId: null });
    expect(await resolvePrincipal(store.db, who(COUNCIL_TENANT, ['professional'], 'bbbbbbbb-0000-4000-8000-00000000000b'))).toMatchObject({ orgId: 'north-council', role: 'professional' });
  });

  it('does not guess which academy of a trust a SENCO role is for, and says to register them', async () => {
    await expect(resolvePrincipal(store.db, who(TRUST_TENANT, ['senco']))).rejects.toThrow(/several organisations a senco could belong to \(ash-academy, elm-academy\).*ehcp-review person add/);
    // The X-EHCP-Org header cannot pick an academy for an unregistered person either.
    await expect(resolvePrincipal(store.db, who(TRUST_TENANT, ['senco']), 'elm-academy')).rejects.toThrow(ForbiddenError);
  });

  it('lets a trust’s SENCO registered at two academies choose one with X-EHCP-Org', async () => {
    const oid = 'cccccccc-0000-4000-8000-00000000000c';
    await store.db.transaction(async (tx) => {
      await registerPerson(tx, { orgId: 'elm-academy', entraObjectId: oid, role: 'senco' });
      await registerPerson(tx, { orgId: 'ash-academy', entraObjectId: oid, role: 'senco' });
    });
    await expect(resolvePrincipal(store.db, who(TRUST_TENANT, ['senco'], oid))).rejects.toThrow(/several organisations \(ash-academy, elm-academy\); send the X-EHCP-Org header/);
    expect(await resolvePrincipal(store.db, who(TRUST_TENANT, ['senco'], oid), 'ash-academy')).toMatchObject({ orgId: 'ash-academy', councilId: 'south-council' });
  });

  it('stops honouring the membership when the role is unassigned (the remembered row grants nothing by itself)', async () => {
    await resolvePrincipal(store.db, who(COUNCIL_TENANT, ['la-manager']));
    await expect(resolvePrincipal(store.db, who(COUNCIL_TENANT, undefined))).rejects.toThrow(/is not registered with EHCP Review Assistant/);
  });

  it('follows a changed role assignment, and audits the change', async () => {
    const first = await resolvePrincipal(store.db, who(COUNCIL_TENANT, ['la-officer']));
    const second = await resolvePrincipal(store.db, who(COUNCIL_TENANT, ['la-manager']));
    expect([second.role, second.personId]).toEqual(['la-manager', first.personId]);
    const audit = await store.db.query<{ action: string; before: unknown }>("select action, before from audit_log where action like 'person.%' order by id");
    expect(audit).toEqual([
      { action: 'person.admitted-by-app-role', before: null },
      { action: 'person.role-from-token-changed', before: { role: 'la-officer' } },
    ]);
  });

  it('prefers an administrator’s registration to a role claim in the same organisation', async () => {
    const oid = 'dddddddd-0000-4000-8000-00000000000d';
    await store.db.transaction((tx) => registerPerson(tx, { orgId: 'north-council', entraObjectId: oid, role: 'la-manager' }));
    expect(await resolvePrincipal(store.db, who(COUNCIL_TENANT, ['la-officer'], oid))).toMatchObject({ role: 'la-manager' });
  });

  it('does not let a role claim re-admit someone an administrator removed', async () => {
    const oid = 'eeeeeeee-0000-4000-8000-00000000000e';
    await store.db.transaction((tx) => registerPerson(tx, { orgId: 'north-council', entraObjectId: oid, role: 'la-officer' }));
    await store.db.query("update people set removed_at = now() where entra_object_id = $1", [oid]);
    await expect(resolvePrincipal(store.db, who(COUNCIL_TENANT, ['la-officer'], oid))).rejects.toThrow(/is not registered/);
  });

  it('refuses a role from a tenant no organisation is registered to', async () => {
    await expect(resolvePrincipal(store.db, who(UNKNOWN_TENANT, ['la-officer']))).rejects.toThrow(/Your tenant is not registered to any organisation.*ehcp-review org add/);
  });
});

describe('the service honours app roles in real Entra tokens', () => {
  let authority: EntraTestAuthority;
  let svc: TestService;
  beforeAll(async () => {
    authority = await startEntraTestAuthority();
    svc = await startTestService(
      'pglite',
      async (db) => {
        await db.transaction(async (tx) => {
          await registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: COUNCIL_TENANT });
          await registerOrganisation(tx, { id: 'oak-primary', kind: 'school', name: 'Oak Primary', councilId: 'north-council', entraTenantId: SCHOOL_TENANT });
        });
      },
      { AUTH_MODE: 'entra', ENTRA_CLIENT_ID: addinClientId, ENTRA_ALLOWED_TENANTS: `${COUNCIL_TENANT},${SCHOOL_TENANT}`, ENTRA_AUTHORITY_HOST: authority.url },
    );
  });
  afterAll(async () => {
    await svc.stop();
    await authority.close();
  });

  const token = (tenantId: string, roles: string[] | undefined, oid: string) => authority.issue({ tenantId, clientId: addinClientId, claims: { oid, roles } });

  it('lets an LA manager with the LA.Manager role read the timeliness report without being registered', async () => {
    const res = await svc.call('GET', '/api/reports/timeliness', { token: await token(COUNCIL_TENANT, ['LA.Manager'], 'aaaaaaaa-1111-4000-8000-000000000001') });
    expect(res.status).toBe(200);
  });

  it('refuses the same role value from the school’s tenant with 403 and why', async () => {
    const res = await svc.call('GET', '/api/reports/timeliness', { token: await token(SCHOOL_TENANT, ['LA.Manager'], 'aaaaaaaa-1111-4000-8000-000000000002') });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/la-manager app role cannot be used in your tenant/);
  });

  it('gives a SENCO role the school’s permissions, not the council’s', async () => {
    const t = await token(SCHOOL_TENANT, ['SENCO'], 'aaaaaaaa-1111-4000-8000-000000000003');
    expect((await svc.call('GET', '/api/reviews', { token: t })).status).toBe(200);
    expect((await svc.call('GET', '/api/reports/timeliness', { token: t })).status).toBe(403);
  });
});
