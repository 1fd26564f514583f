import { plusDays } from '../../shared';
import { CSV_HEADER, fullInvitees, importRows, registerPeople } from '../support/fixtures';
import { type ApiUnderTest, serviceShapes, startServiceShape } from '../../testkit/serviceProcesses';

// A fixed clock: the seed and the service read the same day whenever the suite runs.
const today = '2027-03-10';
const now = () => new Date('2027-03-10T10:00:00Z');
const soon = plusDays(today, 21);

describe.each(serviceShapes)('the reviews API on %s', (shape) => {
  let svc: ApiUnderTest;
  let officer: string;
  let senco: string;
  let manager: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    svc = await startServiceShape(shape, async (db) => {
      const people = await registerPeople(db);
      ids = await importRows(db, people.officer, [`A-1,Ada Example,north-school,${plusDays(today, -300)},,,4,,,`, `A-2,Ben Sample,north-school,${plusDays(today, -300)},,,4,,,`]);
    }, {}, { now });
    officer = await svc.token('la-officer', 'north-council', 'officer');
    senco = await svc.token('senco', 'north-school', 'senco');
    manager = await svc.token('la-manager', 'north-council', 'manager');
  });
  afterAll(() => svc.stop());

  const meeting = { meetingDate: soon, invitationsSentOn: today, invitees: fullInvitees(), mode: 'in-person' };

  it('lists reviews with filters, and pages with a cursor', async () => {
    const all = await svc.call('GET', '/api/reviews?status=not-booked', { token: officer });
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { laReference: string }) => i.laReference).sort()).toEqual(['A-1', 'A-2']);
    const first = await svc.call('GET', '/api/reviews?limit=1', { token: officer });
    const second = await svc.call('GET', `/api/reviews?limit=1&cursor=${first.body.nextCursor}`, { token: officer });
    expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id).sort()).toEqual(Object.values(ids).sort());
    expect((await svc.call('GET', '/api/reviews?overdue=true', { token: officer })).body.items).toEqual([]);
  });

  it('answers bad input with 400 and every field to fix', async () => {
    const res = await svc.call('POST', `/api/reviews/${ids['A-1']}/meeting`, { token: senco, body: { meetingDate: '2026-02-30', invitees: [], mode: 'outdoors', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual(
      expect.arrayContaining([
        { field: 'meetingDate', message: expect.stringContaining('real calendar date') },
        { field: 'invitationsSentOn', message: 'is required' },
        { field: 'invitees', message: expect.stringContaining('list everyone invited') },
        { field: 'mode', message: expect.any(String) },
        { field: 'extra', message: expect.stringContaining('not a field') },
      ]),
    );
    const list = await svc.call('GET', '/api/reviews?status=late&dueBefore=tomorrow', { token: officer });
    expect(list.status).toBe(400);
    expect(list.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['dueBefore', 'status']);
    const json = await svc.call('POST', `/api/reviews/${ids['A-1']}/meeting`, { token: senco, body: '{"meetingDate":', headers: { 'content-type': 'application/json' } });
    expect(json).toMatchObject({ status: 400, body: { error: 'invalid-json' } });
  });

  it('refuses a non-compliant meeting with 422 and its findings, and stores nothing', async () => {
    const res = await svc.call('POST', `/api/reviews/${ids['A-1']}/meeting`, { token: senco, body: { ...meeting, invitationsSentOn: plusDays(soon, -5), invitees: [{ role: 'parent' }] } });
    expect(res.status).toBe(422);
    expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['notice-too-short', 'required-role-missing']));
    expect((await svc.call('GET', `/api/reviews/${ids['A-1']}`, { token: senco })).body.meeting).toBeNull();
  });

  it('books with 201 and warnings, replays an Idempotency-Key, and refuses a stale If-Match with 412', async () => {
    const first = await svc.call('POST', `/api/reviews/${ids['A-2']}/meeting`, { token: senco, body: meeting, headers: { 'idempotency-key': 'book-A-2' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ reviewId: ids['A-2'], warnings: expect.any(Array) });
    const replay = await svc.call('POST', `/api/reviews/${ids['A-2']}/meeting`, { token: senco, body: meeting, headers: { 'idempotency-key': 'book-A-2' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // Byte for byte: the key order of the first answer is kept.
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(first.body));
    const detail = await svc.call('GET', `/api/reviews/${ids['A-2']}`, { token: officer });
    expect(detail.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(detail.body).toMatchObject({ status: 'booked', version: 2, meeting: { date: soon } });
    const other = await svc.call('POST', `/api/reviews/${ids['A-2']}/meeting`, { token: senco, body: { ...meeting, mode: 'hybrid' }, headers: { 'idempotency-key': 'book-A-2' } });
    expect(other.status).toBe(422);
    const stale = await svc.call('POST', `/api/reviews/${ids['A-2']}/advice`, { token: senco, body: { fromRole: 'health', receivedOn: today }, headers: { 'if-match': `"${ids['A-2']}.1"` } });
    expect(stale).toMatchObject({ status: 412, body: { error: 'stale-write' } });
    const fresh = await svc.call('POST', `/api/reviews/${ids['A-2']}/advice`, { token: senco, body: { fromRole: 'health', receivedOn: today }, headers: { 'if-match': detail.headers.get('etag') as string } });
    expect(fresh.status).toBe(201);
  });

  it('refuses a decision with 409 until the review awaits it', async () => {
    const res = await svc.call('POST', `/api/reviews/${ids['A-1']}/decision`, { token: officer, body: { outcome: 'maintain', notifiedOn: today, reasons: 'x' } });
    expect(res).toMatchObject({ status: 409, body: { error: 'not-awaiting-decision' } });
  });

  it('answers unknown ids and endpoints with 404', async () => {
    expect((await svc.call('GET', '/api/reviews/00000000-0000-4000-8000-000000000000', { token: officer })).status).toBe(404);
    expect((await svc.call('GET', '/api/reviews/not-an-id', { token: officer })).status).toBe(404);
    expect((await svc.call('GET', '/api/nothing-here', { token: officer })).body.error).toBe('no-such-endpoint');
  });

  it('imports a caseload CSV with counts and per-line errors', async () => {
    const csv = `${CSV_HEADER}\nI-1,New Child,north-school,${today},,,,,,\nI-2,Bad Date,north-school,2025-02-30,,,,,,\n`;
    const res = await svc.call('POST', '/api/caseload/import', { token: officer, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res).toMatchObject({ status: 200, body: { created: 1, rejected: 1, errors: [{ line: 3, field: 'planIssued' }] } });
    const again = await svc.call('POST', '/api/caseload/import', { token: officer, body: csv, headers: { 'content-type': 'text/csv', 'idempotency-key': 'import-1' } });
    const replay = await svc.call('POST', '/api/caseload/import', { token: officer, body: csv, headers: { 'content-type': 'text/csv', 'idempotency-key': 'import-1' } });
    expect(again.body).toMatchObject({ created: 0, unchanged: 1, rejected: 1 });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(again.body));
    expect(replay.headers.get('etag')).toBe(again.headers.get('etag'));
    const json = await svc.call('POST', '/api/caseload/import', { token: officer, body: { rows: [] } });
    expect(json).toMatchObject({ status: 400, body: { problems: [{ field: 'Content-Type' }] } });
  });

  it('exports the SEN2 CSV and the timeliness report for the LA manager', async () => {
    const csv = await svc.call('GET', `/api/reports/sen2.csv?from=${today.slice(0, 4)}-01-01&to=${plusDays(today, 60)}`, { token: manager });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="sen2-annual-reviews-north-council-/);
    const [header, ...rows] = (csv.body as string).trim().split('\r\n');
    expect(header).toBe('la_reference,upn,school,review_deadline,review_meeting_date,review_outcome,review_decision_date,amendment_notice_date,final_amended_plan_date,invitations_on_time,meeting_on_time,report_on_time,decision_on_time,amendment_notice_on_time,final_plan_on_time');
    expect(rows).toEqual([expect.stringMatching(new RegExp(`^A-2,,north-school,\\d{4}-\\d\\d-\\d\\d,${soon},,,,,Y,Y,,,,$`))]);
    const report = await svc.call('GET', '/api/reports/timeliness?from=2026-12-31&to=2026-01-01', { token: manager });
    expect(report).toMatchObject({ status: 400, body: { problems: [{ field: 'from' }] } });
  });

  it('serves an OpenAPI description of every endpoint', async () => {
    const doc = await svc.call('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/caseload/import', '/api/reviews', '/api/reviews/{id}', '/api/reviews/{id}/meeting', '/api/reports/sen2.csv']));
    expect(doc.body.paths['/api/reviews/{id}/meeting'].post.requestBody.content['application/json'].schema.properties.mode.enum).toEqual(['in-person', 'virtual', 'hybrid']);
  });

  it('is healthy and ready', async () => {
    expect((await svc.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await svc.call('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });
});
