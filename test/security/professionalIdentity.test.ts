import { registerOrganisation } from '../../bot/store/organisations';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { addinClientId, type EntraTestAuthority, startEntraTestAuthority } from '../../testkit/entraTestAuthority';
import { fullInvitees, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

/**
 * Issue #19, finding 11: a professional is authorised on the token's immutable ids (oid in
 * tid), never on its email-like claims (`preferred_username`, `upn`, `email`: mutable, and
 * unverified in other tenants). An invitation addressed by email reaches the person the
 * council REGISTERED with that address; a token from another allowed tenant that merely
 * carries the address (admitted by its own administrator's app role) sees nothing.
 */
const NHS_TENANT = '44444444-4444-4444-8444-444444444444';
const OTHER_TENANT = '55555555-5555-4555-8555-555555555555';
const TODAY = '2026-12-07';

describe('professionals are known by oid and tid, not by an email claim', () => {
  let authority: EntraTestAuthority;
  let svc: TestService;
  let reviewId: string;
  beforeAll(async () => {
    authority = await startEntraTestAuthority();
    svc = await startTestService(
      'pglite',
      async (db) => {
        const people = await registerPeople(db);
        await db.transaction((tx) => registerOrganisation(tx, { id: 'other-nhs', kind: 'provider', name: 'Other Trust', entraTenantId: OTHER_TENANT }));
        const ids = await importRows(db, people.officer, ['P-11,Pat Example,north-school,2026-03-02,,,,,,']);
        reviewId = ids['P-11'] as string;
        await db.transaction((tx) =>
          recordMeeting(tx, people.officer, reviewId, { meetingDate: '2027-01-12', invitationsSentOn: TODAY, invitees: fullInvitees('EP@nhs.example'), mode: 'in-person' }, TODAY),
        );
      },
      { AUTH_MODE: 'entra', ENTRA_CLIENT_ID: addinClientId, ENTRA_ALLOWED_TENANTS: `${NHS_TENANT},${OTHER_TENANT}`, ENTRA_AUTHORITY_HOST: authority.url },
    );
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await authority?.close();
  });

  const token = (tenantId: string, claims: Record<string, unknown>) => authority.issue({ tenantId, clientId: addinClientId, claims: { scp: 'access_as_user', ...claims } });

  it('the registered professional (oid "ep" in the trust’s tenant) sees the review they were invited to by email', async () => {
    const t = await token(NHS_TENANT, { oid: 'ep', preferred_username: 'someone.else@nhs.example' });
    const list = await svc.call('GET', '/api/reviews', { token: t });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([reviewId]);
    expect((await svc.call('GET', `/api/reviews/${reviewId}`, { token: t })).status).toBe(200);
  });

  it('a token from another allowed tenant carrying only the same email sees nothing (list empty, review 404)', async () => {
    for (const claims of [{ email: 'ep@nhs.example' }, { preferred_username: 'ep@nhs.example' }, { upn: 'EP@NHS.EXAMPLE' }]) {
      const t = await token(OTHER_TENANT, { oid: 'attacker', roles: ['Professional'], ...claims });
      const list = await svc.call('GET', '/api/reviews', { token: t });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      expect((await svc.call('GET', `/api/reviews/${reviewId}`, { token: t })).status).toBe(404);
    }
  });

  it('a token-admitted person with that email is never bound to a later invitation either', async () => {
    const rows = await svc.service.db.query<{ person: string | null }>(
      "select p.entra_object_id as person from invitations i left join people p on p.id = i.person_id where i.review_id = $1 and lower(i.email) = 'ep@nhs.example'",
      [reviewId],
    );
    expect(rows).toEqual([{ person: 'ep' }]);
  });
});
