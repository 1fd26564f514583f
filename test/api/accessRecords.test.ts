import { replaceCouncilSettings } from '../../bot/store/councilSettings';
import { registerPerson } from '../../bot/store/organisations';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { demoSettings } from '../letters/support/letterFixtures';
import { fullInvitees, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';

// The service's clock is fixed (CLOCK_START), so every date below is literal.
const TODAY = '2026-11-16';
const CLOCK = { CLOCK_START: `${TODAY}T10:00:00Z` };

interface Row {
  actor_user: string;
  face: string;
  action: string;
  la_reference: string | null;
  council_id: string;
}

describe.each(storeKinds)('access records (#29 item 4) on %s', (kind) => {
  let svc: TestService;
  let ids: Record<string, string>;
  let southIds: Record<string, string>;
  let tokens: Record<'officer' | 'manager' | 'senco' | 'otherSenco' | 'southManager', string>;
  const records = () => svc.service.db.query<Row>('select actor_user, face, action, la_reference, council_id from access_records order by id');

  beforeAll(async () => {
    svc = await startTestService(
      kind,
      async (db) => {
        const people = await registerPeople(db);
        await db.transaction((tx) => registerPerson(tx, { orgId: 'south-council', entraObjectId: 'south-manager', role: 'la-manager', email: 'manager@south.example' }));
        ids = await importRows(db, people.officer, ['N-100,Ada Lovelace,north-school,2026-01-05,,2016-03-01,5,,,', 'N-200,Ben Okafor,north-school,2026-02-10,,2016-05-01,5,,,']);
        southIds = await importRows(db, people.southOfficer, ['S-100,Cara Jones,south-school,2026-01-20,,2016-04-01,5,,,']);
        const id = ids['N-100'] as string;
        await db.transaction((tx) => recordMeeting(tx, people.senco, id, { meetingDate: '2026-10-20', invitationsSentOn: '2026-09-28', invitees: fullInvitees(), mode: 'in-person' }, '2026-09-28'));
        await db.transaction((tx) => recordReport(tx, people.senco, id, { sentOn: '2026-10-27', recommendation: 'maintain' }, '2026-10-27'));
        await db.transaction((tx) => recordDecision(tx, people.officer, id, { outcome: 'maintain', notifiedOn: '2026-11-10', reasons: 'The plan meets the needs discussed at the review' }, '2026-11-10'));
        await db.transaction((tx) => replaceCouncilSettings(tx, people.manager, demoSettings));
      },
      CLOCK,
    );
    tokens = {
      officer: await svc.token('la-officer', 'north-council', 'officer'),
      manager: await svc.token('la-manager', 'north-council', 'manager'),
      senco: await svc.token('senco', 'north-school', 'senco'),
      otherSenco: await svc.token('senco', 'north-school-b', 'senco-b'),
      southManager: await svc.token('la-manager', 'south-council', 'south-manager'),
    };
  });
  afterAll(() => svc?.stop());

  it('records each read path once, with the face it came from, and nothing for a refused read', async () => {
    const n100 = ids['N-100'] as string;
    expect((await svc.call('GET', `/api/reviews/${n100}`, { token: tokens.senco })).status).toBe(200);
    expect((await svc.call('GET', `/api/reviews/${n100}`, { token: tokens.officer, headers: { 'x-ehcp-face': 'tab' } })).status).toBe(200);
    expect((await svc.call('GET', `/api/reviews/${n100}`, { token: tokens.senco, headers: { 'x-ehcp-face': 'addin' } })).status).toBe(200);
    // A face the service does not know is labelled as the API called directly: the header grants nothing.
    expect((await svc.call('GET', `/api/reviews/${n100}`, { token: tokens.senco, headers: { 'x-ehcp-face': 'bot' } })).status).toBe(200);
    const letter = await fetch(`${svc.url}/api/reviews/${n100}/letter?format=docx`, { headers: { authorization: `Bearer ${tokens.officer}`, 'x-ehcp-face': 'tab' } });
    expect(letter.status).toBe(200);
    await letter.arrayBuffer();
    expect((await svc.call('GET', `/api/reviews/${n100}/export`, { token: tokens.manager })).status).toBe(200);
    expect((await svc.call('GET', '/api/dashboard/sen2.csv?census=2026-11-16', { token: tokens.manager, headers: { 'x-ehcp-face': 'tab' } })).status).toBe(200);
    expect((await svc.call('GET', '/api/reports/sen2.csv', { token: tokens.manager })).status).toBe(200);
    // Refused reads: another school's SENCO (404) and a malformed id (404) leave no record.
    expect((await svc.call('GET', `/api/reviews/${n100}`, { token: tokens.otherSenco })).status).toBe(404);
    expect((await svc.call('GET', '/api/reviews/not-a-review', { token: tokens.senco })).status).toBe(404);

    expect(await records()).toEqual([
      { actor_user: 'senco', face: 'api', action: 'review.read', la_reference: 'N-100', council_id: 'north-council' },
      { actor_user: 'officer', face: 'tab', action: 'review.read', la_reference: 'N-100', council_id: 'north-council' },
      { actor_user: 'senco', face: 'addin', action: 'review.read', la_reference: 'N-100', council_id: 'north-council' },
      { actor_user: 'senco', face: 'api', action: 'review.read', la_reference: 'N-100', council_id: 'north-council' },
      { actor_user: 'officer', face: 'tab', action: 'letter.downloaded', la_reference: 'N-100', council_id: 'north-council' },
      { actor_user: 'manager', face: 'api', action: 'case.exported', la_reference: 'N-100', council_id: 'north-council' },
      { actor_user: 'manager', face: 'tab', action: 'sen2.exported', la_reference: null, council_id: 'north-council' },
      { actor_user: 'manager', face: 'api', action: 'sen2.exported', la_reference: null, council_id: 'north-council' },
    ]);
  });

  it('answers the LA manager per child and per person, newest first, as JSON and CSV, and records the asking', async () => {
    const byChild = await svc.call('GET', '/api/audit?child=N-100', { token: tokens.manager });
    expect(byChild.status).toBe(200);
    expect(byChild.body.items.map((r: { action: string; face: string; person: { userId: string } }) => `${r.person.userId} ${r.face} ${r.action}`)).toEqual([
      'manager api case.exported',
      'officer tab letter.downloaded',
      'senco api review.read',
      'senco addin review.read',
      'officer tab review.read',
      'senco api review.read',
    ]);
    expect(byChild.body.items[0]).toMatchObject({ laReference: 'N-100', reviewId: ids['N-100'], person: { email: 'manager@north.example', org: 'north-council', role: 'la-manager' } });
    expect(byChild.body.nextBefore).toBeNull();

    // Asking is itself a record about the child, so the next page starts with the question just asked.
    const page = await svc.call('GET', '/api/audit?child=N-100&limit=4', { token: tokens.manager });
    expect(page.body.items.map((r: { action: string }) => r.action)).toEqual(['access.queried', 'case.exported', 'letter.downloaded', 'review.read']);
    const rest = await svc.call('GET', `/api/audit?child=N-100&limit=4&before=${page.body.nextBefore}`, { token: tokens.manager });
    expect(rest.body.items.map((r: { action: string }) => r.action)).toEqual(['review.read', 'review.read', 'review.read']);
    expect(rest.body.nextBefore).toBeNull();

    const bySenco = await svc.call('GET', '/api/audit?person=SENCO@north-school.example', { token: tokens.manager });
    expect(bySenco.body.items.map((r: { face: string }) => r.face)).toEqual(['api', 'addin', 'api']);

    const csv = await svc.call('GET', '/api/audit?person=officer&format=csv', { token: tokens.manager });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,user_id,email,organisation,role,face,action,la_reference,review_id');
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 9).join(','))).toEqual([
      'officer,officer@north.example,north-council,la-officer,tab,letter.downloaded,N-100',
      'officer,officer@north.example,north-council,la-officer,tab,review.read,N-100',
    ]);

    const asked = await svc.service.db.query<Row>("select actor_user, face, action, la_reference, council_id from access_records where action = 'access.queried' order by id");
    expect(asked.map((r) => r.la_reference)).toEqual(['N-100', 'N-100', 'N-100', null, null]);
  });

  it('refuses an unknown child, another council’s child, a caller who is not the LA manager and a query naming no one, changing nothing', async () => {
    const before = (await records()).length;
    const unknown = await svc.call('GET', '/api/audit?child=N-999', { token: tokens.manager });
    expect(unknown).toMatchObject({ status: 404, body: { error: 'not-found' } });
    expect(unknown.body.message).toContain('N-999');
    expect((await svc.call('GET', '/api/audit?child=S-100', { token: tokens.manager })).body.error).toBe('not-found');
    expect((await svc.call('GET', '/api/audit?child=N-100', { token: tokens.officer })).body.error).toBe('forbidden');
    expect((await svc.call('GET', '/api/audit?child=N-100', { token: tokens.senco })).body.error).toBe('forbidden');
    const none = await svc.call('GET', '/api/audit', { token: tokens.manager });
    expect(none).toMatchObject({ status: 400, body: { error: 'invalid-input', problems: [{ field: 'child', message: expect.stringContaining('say whose records') }] } });
    expect((await svc.call('GET', '/api/audit?child=N-100&limit=0', { token: tokens.manager })).status).toBe(400);
    expect((await svc.call('GET', '/api/audit?child=N-100&before=x', { token: tokens.manager })).status).toBe(400);
    expect((await records()).length).toBe(before);
    // The south council's manager sees none of North's records, and North's child is unknown to them.
    expect((await svc.call('GET', '/api/audit?child=N-100', { token: tokens.southManager })).status).toBe(404);
    expect((await svc.call('GET', `/api/reviews/${southIds['S-100']}`, { token: tokens.southManager })).status).toBe(200);
    const south = await svc.call('GET', '/api/audit?child=S-100', { token: tokens.southManager });
    expect(south.body.items.map((r: { person: { userId: string }; action: string }) => `${r.person.userId} ${r.action}`)).toEqual(['south-manager review.read']);
  });
});
