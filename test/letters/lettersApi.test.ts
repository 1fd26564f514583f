import { createJsonLogger } from '../../bot/log/logger';
import { registerOrganisation } from '../../bot/store/organisations';
import { recordAmendment } from '../../bot/store/reviews/recordAmendment';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { appealDeadline as appealBy, type DecisionOutcome, familyResponseBy as respondBy, longDate, plusDays } from '../../shared';
import { SHARED_MAILBOX } from '../../testkit/graph-server/harness';
import { importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';
import { docxParagraphs, pdfText, squash } from './support/documents';
import { startLetterGraph } from './support/letterGraph';
import { demoSettings, letterInvitees } from './support/letterFixtures';

// A fixed clock: the seed and the service read the same day whenever the suite runs.
const today = '2027-03-10';
const now = () => new Date('2027-03-10T10:00:00Z');
const meetingDate = plusDays(today, -20);
const notifiedOn = plusDays(today, -2);
const DOB = plusDays(today, -3650);

const invitees = letterInvitees;
const settings = { ...demoSettings, sharedMailbox: SHARED_MAILBOX.userPrincipalName };

describe.each(storeKinds)('the decision letter API on %s', (kind) => {
  let svc: TestService;
  let graph: Awaited<ReturnType<typeof startLetterGraph>>;
  const logs: string[] = [];
  let ids: Record<string, string>;
  let officer: string;
  let manager: string;
  let senco: string;
  let southOfficer: string;

  beforeAll(async () => {
    graph = await startLetterGraph();
    svc = await startTestService(
      kind,
      async (db) => {
        const people = await registerPeople(db);
        // North Council's Microsoft 365 tenant is the local Graph's.
        await db.transaction((tx) => registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: graph.tenantId }));
        ids = await importRows(
          db,
          people.officer,
          ['maintain', 'amend', 'cease', 'undecided', 'no-family'].map((ref) => `${ref},Ada ${ref === 'maintain' ? 'Example' : `Case ${ref}`},north-school,${plusDays(today, -330)},,${DOB},4,,,`),
        );
        for (const ref of ['maintain', 'amend', 'cease', 'undecided', 'no-family']) {
          const id = ids[ref] as string;
          const guests = ref === 'no-family' ? invitees.map((i) => (i.role === 'parent' ? { role: i.role, name: i.name } : i)) : invitees;
          await db.transaction((tx) => recordMeeting(tx, people.senco, id, { meetingDate, invitationsSentOn: plusDays(meetingDate, -20), invitees: guests, mode: 'in-person' }, plusDays(meetingDate, -20)));
          await db.transaction((tx) => recordReport(tx, people.senco, id, { sentOn: plusDays(meetingDate, 5), recommendation: 'maintain' }, today));
          if (ref === 'undecided') continue;
          const outcome = (ref === 'no-family' ? 'maintain' : ref) as DecisionOutcome;
          const proposedAmendments = outcome === 'amend' ? [{ section: 'F', change: 'Add a weekly session of speech and language therapy' }] : undefined;
          await db.transaction((tx) => recordDecision(tx, people.officer, id, { outcome, notifiedOn, reasons: `Reasons for ${outcome}: the plan meets the needs discussed at the review`, proposedAmendments }, today));
          if (outcome === 'amend') await db.transaction((tx) => recordAmendment(tx, people.officer, id, { noticeServedOn: notifiedOn }, today));
        }
      },
      { LOG_LEVEL: 'info' },
      { mailer: graph.mailer, logger: createJsonLogger({ write: (line) => logs.push(line) }), now },
    );
    officer = await svc.token('la-officer', 'north-council', 'officer');
    manager = await svc.token('la-manager', 'north-council', 'manager');
    senco = await svc.token('senco', 'north-school', 'senco');
    southOfficer = await svc.token('la-officer', 'south-council', 'south-officer');
  });
  afterAll(async () => {
    await svc?.stop();
    await graph?.close();
  });
  beforeEach(() => {
    graph.harness.graph.state.sentMail.length = 0;
  });

  const download = async (id: string, format: 'docx' | 'pdf', token = officer) => {
    const res = await fetch(`${svc.url}/api/reviews/${id}/letter?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const putSettings = (body: unknown, headers: Record<string, string> = {}) => svc.call('PUT', '/api/council/settings', { token: manager, body, headers });

  it('starts with no settings, refuses letters naming what is missing, and sends nothing', async () => {
    const got = await svc.call('GET', '/api/council/settings', { token: officer });
    expect(got).toMatchObject({ status: 200, body: { councilId: 'north-council', version: 0, settings: {} } });
    expect(got.body.missing.maintainOrCeaseLetters).toContain('sendiassName');
    const letter = await svc.call('GET', `/api/reviews/${ids.maintain}/letter?format=pdf`, { token: officer });
    expect(letter.status).toBe(409);
    expect(letter.body).toMatchObject({ error: 'council-setting-missing', settings: expect.arrayContaining(['councilName', 'sendiassName', 'mediationServiceName']) });
    const sent = await svc.call('POST', `/api/reviews/${ids.maintain}/letter/send`, { token: officer, body: {} });
    expect(sent.status).toBe(409);
    expect(graph.harness.graph.state.sentMail).toHaveLength(0);
  });

  it('lets the LA manager set the settings (validated, audited, If-Match, Idempotency-Key) and an officer only read them', async () => {
    const bad = await putSettings({ ...settings, sendTeamEmail: 'not an email', letterDelivery: 'fax', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['colour', 'letterDelivery', 'sendTeamEmail']);
    expect((await svc.call('PUT', '/api/council/settings', { token: officer, body: settings })).status).toBe(403);
    expect((await svc.call('GET', '/api/council/settings', { token: senco })).status).toBe(403);

    const { sendiassContact, ...partial } = settings;
    const first = await putSettings(partial, { 'idempotency-key': 'settings-1', 'if-match': '"settings.north-council.0"' });
    expect(first).toMatchObject({ status: 200, body: { version: 1, missing: { maintainOrCeaseLetters: ['sendiassContact'], amendLetters: ['sendiassContact'], sending: [] } } });
    expect(first.headers.get('etag')).toBe('"settings.north-council.1"');
    const replay = await putSettings(partial, { 'idempotency-key': 'settings-1', 'if-match': '"settings.north-council.0"' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.version).toBe(1);
    const stale = await putSettings(settings, { 'if-match': '"settings.north-council.0"' });
    expect(stale).toMatchObject({ status: 412, body: { error: 'stale-write' } });
    const audit = await svc.service.db.query<{ action: string; actor_role: string }>("select action, actor_role from audit_log where entity = 'council' and entity_id = 'north-council'");
    expect(audit).toEqual([{ action: 'council-settings.replaced', actor_role: 'la-manager' }]);
  });

  it('refuses a letter with one setting missing, naming it, and sends nothing', async () => {
    const letter = await svc.call('GET', `/api/reviews/${ids.cease}/letter?format=docx`, { token: officer });
    expect(letter).toMatchObject({ status: 409, body: { error: 'council-setting-missing', settings: ['sendiassContact'] } });
    expect(letter.body.message).toContain("sendiassContact (the local SEND Information, Advice and Support Service's contact details)");
    const sent = await svc.call('POST', `/api/reviews/${ids.cease}/letter/send`, { token: officer, body: {} });
    expect(sent).toMatchObject({ status: 409, body: { settings: ['sendiassContact'] } });
    expect(graph.harness.graph.state.sentMail).toHaveLength(0);
    expect(await svc.service.db.query('select 1 from decision_letters')).toEqual([]);
    expect((await putSettings(settings, { 'if-match': '"settings.north-council.1"' })).status).toBe(200);
  });

  it('answers 409 before a decision, 404 to another council, 403 to a school, 400 to an unknown format', async () => {
    expect((await svc.call('GET', `/api/reviews/${ids.undecided}/letter`, { token: officer })).body).toMatchObject({ error: 'no-decision-yet' });
    expect((await download(ids.maintain as string, 'pdf', southOfficer)).status).toBe(404);
    expect((await download(ids.maintain as string, 'pdf', senco)).status).toBe(403);
    expect((await svc.call('GET', `/api/reviews/${ids.maintain}/letter?format=odt`, { token: officer })).status).toBe(400);
  });

  describe.each(['maintain', 'cease'] as const)('a decision to %s', (outcome) => {
    it('downloads as .docx and PDF dated today (the day it would go), with the decision, reasons, appeal to the tribunal counted from today, mediation and SENDIASS', async () => {
      const appealDeadline = appealBy(today);
      const docx = await download(ids[outcome] as string, 'docx');
      expect(docx.status).toBe(200);
      expect(docx.headers.get('content-type')).toContain('wordprocessingml');
      expect(docx.headers.get('content-disposition')).toBe(`attachment; filename="Annual review decision ${outcome} ${today}.docx"`);
      const text = (await docxParagraphs(docx.bytes)).join('\n');
      const expected = [
        outcome === 'maintain' ? 'We have decided to keep the EHC plan as it is.' : 'We have decided to stop (cease) the EHC plan.',
        `Our reasons: Reasons for ${outcome}: the plan meets the needs discussed at the review.`,
        'you can appeal to the First-tier Tribunal (Special Educational Needs and Disability)',
        `The last day to appeal is ${longDate(appealDeadline)}.`,
        'you must contact a mediation adviser, even if you do not want mediation. Contact Demo Mediation Service',
        'free, independent disagreement resolution service',
        'Demo SENDIASS gives free information, advice and support',
        'If you agree with this decision, you need do nothing.',
        'Date this letter was sent',
        longDate(today),
        'Dear Pat Example,',
        'North Primary',
      ];
      for (const phrase of expected) expect(text).toContain(phrase);
      const pdf = await download(ids[outcome] as string, 'pdf');
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const layer = squash(pdfText(pdf.bytes)).replaceAll('-', '');
      for (const phrase of expected) expect(layer).toContain(squash(phrase).replaceAll('-', ''));
    });
  });

  it('an amend letter dated today gives 15 days from today and 8 weeks for the final plan, lists the change, with the meeting and school requests', async () => {
    const familyResponseBy = respondBy(today);
    expect(familyResponseBy).toBe(plusDays(today, 14));
    const expected = [
      'We have decided to change (amend) the EHC plan.',
      'Section F: Add a weekly session of speech and language therapy.',
      `please tell us by ${longDate(familyResponseBy)}.`,
      'You can ask to meet one of our officers to talk about the changes.',
      'You have the right to ask for a particular school, college or other institution to be named in the plan.',
      `We will send you the final amended EHC plan by ${longDate(plusDays(today, 56))}.`,
    ];
    const text = (await docxParagraphs((await download(ids.amend as string, 'docx', manager)).bytes)).join('\n');
    for (const phrase of expected) expect(text).toContain(phrase);
    expect(text).not.toContain('The last day to appeal');
    const layer = squash(pdfText((await download(ids.amend as string, 'pdf', manager)).bytes));
    for (const phrase of expected) expect(layer).toContain(phrase);
  });

  it('previews the letter of a decision still being written, its reasons word for word, storing nothing', async () => {
    const preview = (body: unknown, token = officer) => svc.call('POST', `/api/reviews/${ids.undecided}/letter/preview`, { token, body });
    const reasons = 'The plan still meets the needs described in the advice';
    const kept = await preview({ outcome: 'maintain', reasons });
    expect(kept.status).toBe(200);
    expect(kept.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['decision']);
    const text = (kept.body.documents[0].lines as string[]).join('\n');
    for (const phrase of [`Our reasons: ${reasons}.`, `The last day to appeal is ${longDate(appealBy(today))}.`, 'If you agree with this decision, you need do nothing.', 'Dear Pat Example,']) expect([phrase, text.includes(phrase)]).toEqual([phrase, true]);
    const amend = await preview({ outcome: 'amend', reasons, proposedAmendments: 'F: Add a weekly session of speech and language therapy' });
    expect(amend.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['decision', 'amendment-notice']);
    for (const d of amend.body.documents) expect(d.lines.join('\n')).toContain('Section F: Add a weekly session of speech and language therapy.');
    expect(amend.body.documents[0].lines.join('\n')).toContain(`please tell us by ${longDate(respondBy(today))}.`);
    // An amend without its changes says to list them; a school may not read the council's letter.
    expect(await preview({ outcome: 'amend', reasons })).toMatchObject({ status: 409, body: { message: expect.stringContaining('proposed amendments') } });
    expect((await preview({ outcome: 'maintain', reasons }, senco)).status).toBe(403);
    expect((await preview({ outcome: 'maintain', reasons: '' })).status).toBe(400);
    const [stored] = await svc.service.db.query<{ n: number }>('select count(*)::int as n from decisions where review_id = $1', [ids.undecided]);
    expect(stored?.n).toBe(0);
  });

  it('sends a maintain letter through Graph from the shared mailbox to the family and the school, attached; a repeat sends nothing; resend sends again', async () => {
    const sent = await svc.call('POST', `/api/reviews/${ids.maintain}/letter/send`, { token: officer, body: {} });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'sent',
      channel: 'send',
      mailbox: SHARED_MAILBOX.userPrincipalName,
      recipients: [
        { role: 'parent', name: 'Pat Example', email: 'pat@family.example' },
        { role: 'school', name: 'Sam Senco', email: 'senco@north-school.example' },
      ],
      resend: false,
    });
    const mail = graph.harness.graph.state.sentMail;
    expect(mail).toHaveLength(1);
    expect(mail[0]?.mailbox).toBe(SHARED_MAILBOX.id);
    const message = mail[0]?.message as { subject: string; toRecipients: unknown[]; ccRecipients: unknown[]; body: { content: string } };
    expect(message.subject).toBe('Annual review decision: A.E. (maintain)');
    expect(message.toRecipients).toEqual([{ emailAddress: { address: 'pat@family.example', name: 'Pat Example' } }]);
    expect(message.ccRecipients).toEqual([{ emailAddress: { address: 'senco@north-school.example', name: 'Sam Senco' } }]);
    const attachment = mail[0]?.attachments[0];
    expect(attachment).toMatchObject({ name: `Annual review decision maintain ${today}.pdf`, contentType: 'application/pdf' });
    expect(squash(pdfText(attachment?.content as Buffer))).toContain('The last day to appeal is');
    // The child's full name and date of birth stay out of the subject, the covering email and the logs.
    for (const text of [message.subject, message.body.content, ...logs]) {
      expect(text).not.toContain('Ada Example');
      expect(text).not.toContain(DOB);
    }
    expect(logs.some((l) => l.includes('decision letter delivered') && l.includes('A.E. (maintain)'))).toBe(true);

    const again = await svc.call('POST', `/api/reviews/${ids.maintain}/letter/send`, { token: officer, body: {} });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'already-sent', previous: { channel: 'send', recipients: [{ email: 'pat@family.example' }, { email: 'senco@north-school.example' }] } });
    expect(again.body.message).toContain('nothing was sent now');
    expect(graph.harness.graph.state.sentMail).toHaveLength(1);

    const resent = await svc.call('POST', `/api/reviews/${ids.maintain}/letter/send`, { token: officer, body: { resend: true } });
    expect(resent).toMatchObject({ status: 201, body: { status: 'sent', resend: true } });
    expect(graph.harness.graph.state.sentMail).toHaveLength(2);

    const records = await svc.service.db.query<{ channel: string; resend: boolean }>('select channel, resend from decision_letters where review_id = $1 order by id', [ids.maintain]);
    expect(records).toEqual([
      { channel: 'send', resend: false },
      { channel: 'send', resend: true },
    ]);
    const audit = await svc.service.db.query<{ action: string }>("select action from audit_log where entity = 'review' and entity_id = $1 and action like 'decision-letter.%'", [ids.maintain]);
    expect(audit.map((a) => a.action)).toEqual(['decision-letter.sent', 'decision-letter.sent']);
  });

  it('replays a send with the same Idempotency-Key without sending twice', async () => {
    const headers = { 'idempotency-key': 'send-cease-1' };
    const first = await svc.call('POST', `/api/reviews/${ids.cease}/letter/send`, { token: officer, body: {}, headers });
    const replay = await svc.call('POST', `/api/reviews/${ids.cease}/letter/send`, { token: officer, body: {}, headers });
    expect(first.body.status).toBe('sent');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(graph.harness.graph.state.sentMail).toHaveLength(1);
  });

  it('sends an amend letter with the amendment notice attached, both dated today, and the notice served today', async () => {
    const res = await svc.call('POST', `/api/reviews/${ids.amend}/letter/send`, { token: officer, body: {} });
    expect(res).toMatchObject({ status: 201, body: { status: 'sent', letterDate: today } });
    const mail = graph.harness.graph.state.sentMail;
    expect(mail).toHaveLength(1);
    expect(mail[0]?.attachments.map((a) => a.name)).toEqual([`Annual review decision amend ${today}.pdf`, `Notice of proposed amendments amend ${today}.pdf`]);
    expect(squash(pdfText(mail[0]?.attachments[1]?.content as Buffer))).toContain('Section F: Add a weekly session of speech and language therapy.');
    const [amendment] = await svc.service.db.query<{ notice_served_on: string; notified_on: string }>(
      "select to_char(a.notice_served_on, 'YYYY-MM-DD') as notice_served_on, to_char(d.notified_on, 'YYYY-MM-DD') as notified_on from amendments a join decisions d using (review_id) where review_id = $1",
      [ids.amend],
    );
    expect(amendment).toEqual({ notice_served_on: today, notified_on: today });
  });

  it('downloads but refuses to send without the shared mailbox, naming it', async () => {
    const { sharedMailbox, ...rest } = settings;
    expect((await putSettings(rest, { 'if-match': '*' })).status).toBe(200);
    expect((await download(ids['no-family'] as string, 'pdf')).status).toBe(200);
    const res = await svc.call('POST', `/api/reviews/${ids['no-family']}/letter/send`, { token: officer, body: {} });
    expect(res).toMatchObject({ status: 409, body: { error: 'council-setting-missing', settings: ['sharedMailbox'], message: expect.stringContaining('cannot be sent') } });
    expect((await putSettings(settings, { 'if-match': '*' })).status).toBe(200);
  });

  it('refuses to send when the case has no email for the family, and sends nothing', async () => {
    const res = await svc.call('POST', `/api/reviews/${ids['no-family']}/letter/send`, { token: officer, body: {} });
    expect(res).toMatchObject({ status: 409, body: { error: 'no-family-email' } });
    expect(graph.harness.graph.state.sentMail).toHaveLength(0);
  });

  it('describes the letter and settings endpoints in the OpenAPI document', async () => {
    const doc = await svc.call('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/council/settings', '/api/reviews/{id}/letter', '/api/reviews/{id}/letter/send']));
    expect(doc.body.paths['/api/council/settings'].put.requestBody.content['application/json'].schema.properties.letterDelivery.enum).toEqual(['send', 'draft']);
  });

  it('lets only an LA officer send', async () => {
    expect((await svc.call('POST', `/api/reviews/${ids.cease}/letter/send`, { token: manager, body: {} })).status).toBe(403);
  });
});
