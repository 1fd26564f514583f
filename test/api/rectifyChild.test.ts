import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import { importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';

describe.each(storeKinds)('correcting a child’s details (Article 16) on %s', (kind) => {
  let svc: TestService;
  let officer: string;
  beforeAll(async () => {
    svc = await startTestService(
      kind,
      async (db) => {
        const people = await registerPeople(db);
        await importRows(db, people.officer, ['N-100,Ada Lovelace,north-school,2026-01-05,,2016-03-01,5,,,']);
        await importRows(db, people.southOfficer, ['S-100,Cara Jones,south-school,2026-01-20,,2016-04-01,5,,,']);
      },
      { CLOCK_START: '2026-11-16T10:00:00Z' },
    );
    officer = await svc.token('la-officer', 'north-council', 'officer');
  });
  afterAll(() => svc?.stop());
  const rectify = (ref: string, body: unknown, headers: Record<string, string> = {}, token = officer) => svc.call('POST', `/api/children/${ref}/rectify`, { token, body, headers });
  const child = async (ref: string) => (await svc.service.db.query('select name, date_of_birth, upn from children where la_reference = $1', [ref]))[0];

  it('corrects the name and date of birth, audited with only what changed, before and after, and the reason', async () => {
    const res = await rectify('N-100', { name: 'Ada King', dateOfBirth: '2016-03-02', reason: 'name and date of birth mistyped at import' });
    expect(res).toMatchObject({ status: 200, body: { laReference: 'N-100', changed: ['name', 'dateOfBirth'], name: 'Ada King', dateOfBirth: '2016-03-02', upn: null } });
    expect(await child('N-100')).toEqual({ name: 'Ada King', date_of_birth: '2016-03-02', upn: null });
    const childId = (await svc.service.db.query<{ id: string }>("select id::text from children where la_reference = 'N-100'"))[0]?.id;
    // Kept sealed under the child's key (crypto-shredding): the stored row holds no name, the opened entry does.
    expect(JSON.stringify(await svc.service.db.query("select * from audit_log where action = 'child.rectified'"))).not.toMatch(/Ada/);
    expect((await readAuditEntries(svc.service.db, "action = 'child.rectified'")).map(({ actor_user, entity_id, before, after }) => ({ actor_user, entity_id, before, after }))).toEqual([
      { actor_user: 'officer', entity_id: childId, before: { name: 'Ada Lovelace', dateOfBirth: '2016-03-01' }, after: { name: 'Ada King', dateOfBirth: '2016-03-02', reason: 'name and date of birth mistyped at import' } },
    ]);
    // The same again changes nothing and records nothing more.
    const again = await rectify('N-100', { name: 'Ada King', reason: 'checking' });
    expect(again.body.changed).toEqual([]);
    expect(await svc.service.db.query("select 1 from audit_log where action = 'child.rectified'")).toHaveLength(1);
    // A stale ETag is refused; the current one is accepted.
    expect((await rectify('N-100', { upn: 'A123456789012', reason: 'UPN from the school' }, { 'if-match': '"child.N-100.0000000000000000"' })).status).toBe(412);
    const fresh = await rectify('N-100', { upn: 'A123456789012', reason: 'UPN from the school' }, { 'if-match': again.headers.get('etag') as string });
    expect(fresh.body).toMatchObject({ changed: ['upn'], upn: 'A123456789012' });
  });

  it('refuses bad details naming the field, a future birth date, another council’s child and a SENCO, changing nothing', async () => {
    const before = await child('N-100');
    const bad = await rectify('N-100', { dateOfBirth: '2016-02-30', upn: 'nope', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['dateOfBirth', 'reason', 'upn']);
    expect((await rectify('N-100', { dateOfBirth: '2026-12-01', reason: 'typo' })).body.problems).toEqual([{ field: 'dateOfBirth', message: 'cannot be after today' }]);
    expect((await rectify('N-100', { reason: 'nothing to correct' })).body.problems[0].message).toBe('give at least one of name, dateOfBirth or upn');
    expect((await rectify('S-100', { name: 'Someone Else', reason: 'not ours' })).status).toBe(404);
    expect((await rectify('N-999', { name: 'Nobody', reason: 'unknown' })).status).toBe(404);
    expect((await rectify('N-100', { name: 'By A Senco', reason: 'school asked' }, {}, await svc.token('senco', 'north-school', 'senco'))).status).toBe(403);
    expect(await child('N-100')).toEqual(before);
    expect(await child('S-100')).toEqual({ name: 'Cara Jones', date_of_birth: '2016-04-01', upn: null });
  });
});
