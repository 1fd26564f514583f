import { decisionFormCard } from '../../bot/teams/decision/sendDecisionCard';
import { docxParagraphs, pdfInfo, pdfText, squash } from '../letters/support/documents';
import { storeKinds } from '../../testkit/stores';
import { filledReport, JOIN, type ReportHarness, startReportHarness, TODAY } from './support';

/**
 * The school's meeting report through the real endpoints (#24): the draft is the school's
 * alone, attendance comes from the Teams meeting's attendance report at the local Graph,
 * and submit renders, stores and emails it once, then the decision card carries its
 * recommendation.
 */
describe.each(storeKinds)('the meeting report on %s', (kind) => {
let h: ReportHarness;
beforeAll(async () => {
  h = await startReportHarness(kind);
}, 60_000);
afterAll(() => h.close());

const headings = [
  'Who attended',
  "The child or young person's education setting",
  'Transport assistance',
  'Personal budget',
  'The views, wishes and feelings of the child or young person',
  'The views of the parents or carers',
  'Progress towards the outcomes',
  'Significant changes since the plan was issued',
  'Recommendation',
  'Differences of view',
  'Summary of the review meeting',
  'Agreed actions',
];
const sent = () => h.graph.graph.state.sentMail;
const addressesOf = (i: number) => ((sent()[i]?.message.toRecipients ?? []) as { emailAddress: { address: string } }[]).map((r) => r.emailAddress.address).sort();

describe('the draft', () => {
  it('is saved by the school, read back by it, and is 404 to the council and to another school', async () => {
    const id = h.ids['N-1'];
    const first = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.senco });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'draft', version: 0, runBy: 'school', content: { variant: 'general' } });
    // Pre-filled with everyone invited, none yet marked present.
    expect(first.body.content.attendees.map((a: { email: string }) => a.email)).toEqual(['parent@home.example', 'senco@north-school.example', 'officer@north.example', 'ep@nhs.example', 'sw@north.example']);
    const saved = await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, {
      token: h.senco,
      body: { variant: 'general', sections: { summary: 'Started in the meeting.' }, attendees: first.body.content.attendees },
      headers: { 'If-Match': first.headers.get('etag') as string, 'Idempotency-Key': 'draft-1' },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe(`"report-${id}.1"`);
    const again = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.senco });
    expect(again.body.content.sections).toEqual({ summary: 'Started in the meeting.' });
    // A stale If-Match is refused; nothing changes.
    const stale = await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token: h.senco, body: { variant: 'general', sections: {} }, headers: { 'If-Match': first.headers.get('etag') as string } });
    expect(stale.status).toBe(412);
    for (const token of [h.officer, h.otherSenco]) {
      expect((await h.svc.call('GET', `/api/reviews/${id}/report`, { token })).status).toBe(404);
      expect((await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token, body: { variant: 'general', sections: {} } })).status).toBe(404);
    }
  });

  it('refuses a malformed draft with each field named', async () => {
    const res = await h.svc.call('PUT', `/api/reviews/${h.ids['N-1']}/report/draft`, { token: h.senco, body: { variant: 'year 9', sections: { nonsense: 'x' }, agreedActions: [{ action: 'A', owner: 'B', dueOn: '2026-02-30' }] } });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { field: string }) => p.field)).toEqual(expect.arrayContaining(['variant', 'agreedActions.0.dueOn']));
  });
});

describe('attendance from the Teams meeting', () => {
  it('marks who joined from the attendance report, adds who came uninvited, and leaves the rest as not attended', async () => {
    h.graph.graph.state.addAttendanceReport(
      JOIN,
      [
        { emailAddress: 'sam.senco@school.test', displayName: 'Sam Senco', role: 'Organizer' },
        { emailAddress: 'parent@home.example', displayName: 'Pat Parent' },
        { emailAddress: 'EP@nhs.example', displayName: 'Eve Psychologist' },
        { emailAddress: 'tutor@north-school.example', displayName: 'Tia Tutor' },
      ],
      { start: '2026-11-10T10:00:00Z', end: '2026-11-10T11:00:00Z' },
    );
    const res = await h.svc.call('POST', `/api/reviews/${h.ids['N-1']}/report/attendance`, { token: h.senco, headers: { 'Idempotency-Key': 'attendance-1' } });
    expect(res.status).toBe(200);
    expect(res.body.filled).toBe(true);
    const byEmail = Object.fromEntries(res.body.attendees.map((a: { email: string; attended: boolean }) => [a.email, a.attended]));
    expect(byEmail).toEqual({
      'parent@home.example': true,
      'senco@north-school.example': false,
      'officer@north.example': false,
      'ep@nhs.example': true,
      'sw@north.example': false,
      'sam.senco@school.test': true,
      'tutor@north-school.example': true,
    });
    // Read through Graph as the organiser, as Microsoft documents it.
    const paths = h.graph.graph.requests.map((r) => r.path);
    expect(paths).toContain('/v1.0/me/onlineMeetings');
    expect(paths.some((p) => /\/v1\.0\/me\/onlineMeetings\/[^/]+\/attendanceReports\/[^/]+\/attendanceRecords$/.test(p))).toBe(true);
  });

  it('leaves the list to fill by hand, with the reason, for a meeting not held in Teams', async () => {
    const res = await h.svc.call('POST', `/api/reviews/${h.ids['N-9']}/report/attendance`, { token: h.senco });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ filled: false, reason: expect.stringContaining('tick who attended') });
  });
});

describe('submit', () => {
  it('lists each empty required section by name and sends nothing', async () => {
    const res = await h.svc.call('POST', `/api/reviews/${h.ids['N-1']}/report/submit`, { token: h.senco });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { message: string }) => p.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("The child or young person's education setting must be filled"), expect.stringContaining('Recommendation (maintain, amend or cease)')]),
    );
    expect(sent()).toHaveLength(0);
  });

  it('renders the general report as .docx and PDF, saves both in SharePoint, emails every invitee once, and pre-fills the decision card', async () => {
    const id = h.ids['N-1'] as string;
    const current = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.senco });
    const put = await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token: h.senco, body: filledReport('general', current.body.content.attendees), headers: { 'If-Match': current.headers.get('etag') as string } });
    expect(put.status).toBe(200);
    const res = await h.svc.call('POST', `/api/reviews/${id}/report/submit`, { token: h.senco, headers: { 'If-Match': put.headers.get('etag') as string, 'Idempotency-Key': 'submit-n1' } });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    expect(res.body).toMatchObject({ state: 'submitted', late: false, delivery: { status: 'sent', sentOn: TODAY } });

    // One email, to every invitee, initials and reference only in the subject and file names.
    expect(sent()).toHaveLength(1);
    expect(addressesOf(0)).toEqual(['ep@nhs.example', 'officer@north.example', 'parent@home.example', 'senco@north-school.example', 'sw@north.example']);
    const mail = sent()[0];
    expect(mail?.message.subject).toBe('Annual review meeting report: A.E. (N-1)');
    const names = mail?.attachments.map((a) => a.name) ?? [];
    expect(names).toEqual(['Annual review report A.E. (N-1) 2026-11-10.pdf', 'Annual review report A.E. (N-1) 2026-11-10.docx']);
    expect(JSON.stringify(mail?.message)).not.toContain('Ada Example');

    // Read back: every section, the differences of view, the child's full name (it is the report).
    const pdf = mail?.attachments[0]?.content as Buffer;
    const docx = mail?.attachments[1]?.content as Buffer;
    const text = squash(pdfText(pdf));
    const paragraphs = (await docxParagraphs(docx)).join('\n');
    for (const heading of headings) {
      expect(text).toContain(heading);
      expect(paragraphs).toContain(heading);
    }
    expect(text).toContain('Annual Review Meeting Report');
    expect(text).toContain('Child or young person: Ada Example');
    expect(text).toContain('Reading has not improved at home as much as school reports.');
    expect(paragraphs).toContain('Parent (Mum)');
    expect(paragraphs).toContain('Section F');
    expect(pdfInfo(pdf).Tagged).toBe('yes');

    // Both files beside the review's advice in the council's SharePoint.
    expect(res.body.delivery.filesError).toBeNull();
    const stored = [...h.graph.graph.state.driveItems.values()].filter((i) => !i.isFolder).map((i) => h.graph.graph.state.pathOf(i.id));
    expect(stored).toEqual(expect.arrayContaining([expect.stringMatching(/^EHCP reviews\/N-1\/Review due [\d-]+\/Annual review report A\.E\. \(N-1\) 2026-11-10\.docx$/), expect.stringMatching(/\.pdf$/)]));

    // Submitted: read-only, and now visible to the council; the review awaits the decision.
    const officerView = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.officer });
    expect(officerView.status).toBe(200);
    expect(officerView.body).toMatchObject({ state: 'submitted', mail: { state: 'sent' } });
    expect((await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token: h.senco, body: filledReport('general', []) })).status).toBe(409);
    const review = await h.svc.call('GET', `/api/reviews/${id}`, { token: h.officer });
    expect(review.body).toMatchObject({ status: 'awaiting-decision', report: { sentOn: TODAY, recommendation: 'amend' } });

    // The replayed submit sends nothing more.
    const replay = await h.svc.call('POST', `/api/reviews/${id}/report/submit`, { token: h.senco, headers: { 'If-Match': put.headers.get('etag') as string, 'Idempotency-Key': 'submit-n1' } });
    expect(replay.body.delivery.status).toBe('already-sent');
    expect(sent()).toHaveLength(1);

    // Report reminders cancelled; the decision card queued for the officer, with the recommendation and the amendments.
    const outbox = await h.svc.service.db.query<{ kind: string; status: string }>("select kind, status from reminder_outbox where review_id = $1 and kind in ('report-due', 'report-overdue', 'decision-needed')", [id]);
    expect(outbox.filter((o) => o.kind.startsWith('report') && o.status === 'pending')).toEqual([]);
    expect(outbox).toContainEqual({ kind: 'decision-needed', status: 'pending' });
    const card = JSON.parse(JSON.stringify(await decisionFormCard({ db: h.svc.service.db, today: () => TODAY, publicUrl: () => 'https://ehcp.example' }, id)));
    const inputs = JSON.stringify(card);
    expect(inputs).toContain('"id":"outcome"');
    const outcome = findById(card, 'outcome');
    const amendments = findById(card, 'proposedAmendments');
    expect(outcome?.value).toBe('amend');
    expect(amendments?.value).toBe('Section F: Add weekly speech and language therapy, 30 minutes, 1:1.');
  });

  it('accepts a Year 9 onwards report after the two weeks, marked late, with preparing for adulthood', async () => {
    const id = h.ids['N-9'] as string;
    const current = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.senco });
    expect(current.body.content.variant).toBe('year9');
    const attendees = current.body.content.attendees.map((a: object) => ({ ...a, attended: true }));
    const noPfa = filledReport('year9', attendees);
    noPfa.sections.preparingForAdulthood = '';
    const put = await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token: h.senco, body: noPfa });
    const refused = await h.svc.call('POST', `/api/reviews/${id}/report/submit`, { token: h.senco, headers: { 'If-Match': put.headers.get('etag') as string } });
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([{ field: 'sections.preparingForAdulthood', message: expect.stringContaining('Transitions and preparing for adulthood must be filled') }]);
    const put2 = await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token: h.senco, body: filledReport('year9', attendees), headers: { 'If-Match': put.headers.get('etag') as string } });
    const before = sent().length;
    const res = await h.svc.call('POST', `/api/reviews/${id}/report/submit`, { token: h.senco, headers: { 'If-Match': put2.headers.get('etag') as string } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ late: true, delivery: { status: 'sent', late: true } });
    expect(sent()).toHaveLength(before + 1);
    const text = squash(pdfText(sent()[before]?.attachments[0]?.content as Buffer));
    expect(text).toContain('Annual Review Meeting Report: Year 9 onwards');
    expect(text).toContain('Transitions and preparing for adulthood');
    expect(text).toContain('Wants to work with animals');
    expect(text).toContain('(after the Monday 16 November 2026 it was due)');
    for (const heading of headings) expect(text).toContain(heading);
  });
});

describe('a Graph failure while sending', () => {
  it('leaves the report submitted but unsent with the reason, and a retry sends exactly one email', async () => {
    const id = h.ids['N-5'] as string;
    const current = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.senco });
    const attendees = current.body.content.attendees.map((a: object) => ({ ...a, attended: true }));
    const put = await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token: h.senco, body: filledReport('general', attendees) });
    const before = sent().length;
    const outage = h.graph.graph.faults.add({ action: { type: 'status', status: 503 }, method: 'POST', path: '/v1.0/me/sendMail', times: Number.POSITIVE_INFINITY });
    const res = await h.svc.call('POST', `/api/reviews/${id}/report/submit`, { token: h.senco, headers: { 'If-Match': put.headers.get('etag') as string } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'submitted', delivery: { status: 'failed', reason: expect.stringMatching(/Microsoft Graph/) } });
    expect(outage.hits).toBeGreaterThanOrEqual(1);
    expect(sent()).toHaveLength(before);
    const unsent = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.senco });
    expect(unsent.body).toMatchObject({ state: 'submitted', mail: { state: 'failed', error: expect.any(String) } });
    // Still awaiting the report: the day it went is not recorded until it goes.
    expect((await h.svc.call('GET', `/api/reviews/${id}`, { token: h.senco })).body.report).toBeNull();

    h.graph.graph.faults.clear();
    const retry = await h.svc.call('POST', `/api/reviews/${id}/report/send`, { token: h.senco, headers: { 'Idempotency-Key': 'send-n5' } });
    expect(retry.status).toBe(201);
    expect(retry.body.delivery.status).toBe('sent');
    const twice = await h.svc.call('POST', `/api/reviews/${id}/report/send`, { token: h.senco });
    expect(twice.body.delivery.status).toBe('already-sent');
    expect(sent()).toHaveLength(before + 1);
    expect(addressesOf(before)).toHaveLength(5);
  });
});

});

// biome-ignore lint/suspicious/noExplicitAny: walks the card's JSON.
function findById(node: any, id: string): any {
  if (!node || typeof node !== 'object') return undefined;
  if (node.id === id) return node;
  for (const value of Object.values(node)) {
    const found = findById(value, id);
    if (found) return found;
  }
  return undefined;
}
