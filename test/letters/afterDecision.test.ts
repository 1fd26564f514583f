import { createHash } from 'node:crypto';
import { graphAdviceStorage } from '../../bot/advice/storage';
import { openFileContent } from '../../bot/graph/files';
import { graphLetterMailer } from '../../bot/letters/mailer';
import { recordAdvice } from '../../bot/store/reviews/recordAdvice';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { CLIENT_ID, type Harness, SHARED_MAILBOX, startHarness, TENANT } from '../../testkit/graph-server/harness';
import { importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { pdfText, squash } from './support/documents';
import { councilMailingFromLibrary, demoSettings, letterInvitees } from './support/letterFixtures';

/**
 * After the decision, through the service's API at the local Graph, on a fixed clock (Friday
 * 5 March 2027 at first): the amendment notice drafted with the decision and sent with it,
 * the family's representations, the final plan to the three parties, "not amending", a
 * draft refused once stale, a maintain letter dated the day it goes, and the record: each
 * letter's copy in SharePoint matching its hash.
 */
const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };
const invitees = letterInvitees;
const settings = { ...demoSettings, sharedMailbox: SHARED_MAILBOX.userPrincipalName, letterDelivery: 'send' as const };
const comparable = (s: string) => squash(s).replaceAll('-', '').replace(/\s+/g, '');

let clock = new Date('2027-03-05T10:00:00Z');
const setDay = (iso: string) => {
  clock = new Date(`${iso}T10:00:00Z`);
};

let h: Harness;
let svc: TestService;
let ids: Record<string, string>;
let officer: string;
let manager: string;
let planFile: { driveId: string; itemId: string };
const storage = () => graphAdviceStorage(() => h.appClient());

beforeAll(async () => {
  h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
  svc = await startTestService(
    'pglite',
    async (db) => {
      const people = await registerPeople(db);
      await councilMailingFromLibrary(db, people.manager, settings, TENANT, drive.id);
      ids = await importRows(
        db,
        people.officer,
        ['amend', 'not-amend', 'draft', 'maintain', 'posted'].map((ref) => `${ref},Ada ${ref === 'amend' ? 'Example' : `Case ${ref}`},north-school,2026-04-01,,2016-09-01,5,,,`),
      );
      const advice = await storage().save({ tenantId: TENANT, driveId: drive.id, path: ['EHCP reviews', 'amend', 'Advice'] }, 'Speech and language advice.pdf', Buffer.from('%PDF-1.7 advice'), 'application/pdf');
      for (const ref of ['amend', 'not-amend', 'draft', 'maintain', 'posted']) {
        const id = ids[ref] as string;
        await db.transaction((tx) => recordMeeting(tx, people.senco, id, { meetingDate: '2027-02-22', invitationsSentOn: '2027-02-01', invitees, mode: 'in-person' }, '2027-02-01'));
        if (ref === 'amend') {
          await db.transaction((tx) =>
            recordAdvice(tx, people.senco, id, { fromRole: 'health', author: 'Dr Lee', receivedOn: '2027-02-10', driveId: advice.driveId, itemId: advice.itemId as string, fileName: 'Speech and language advice.pdf' }, '2027-02-10'),
          );
        }
        await db.transaction((tx) => recordReport(tx, people.senco, id, { sentOn: '2027-02-26', recommendation: ref === 'maintain' ? 'maintain' : 'amend' }, '2027-02-26'));
        if (ref === 'amend') continue;
        const outcome = ref === 'maintain' ? 'maintain' : 'amend';
        const proposedAmendments = outcome === 'amend' ? [{ section: 'F', change: 'Add a weekly session of speech and language therapy' }] : undefined;
        await db.transaction((tx) => recordDecision(tx, people.officer, id, { outcome, notifiedOn: '2027-03-02', reasons: 'The needs discussed at the review', proposedAmendments }, '2027-03-02'));
      }
      const plan = await storage().save({ tenantId: TENANT, driveId: drive.id, path: ['EHCP reviews', 'amend', 'Plans'] }, 'Final amended plan.pdf', Buffer.from('%PDF-1.7 the final amended plan'), 'application/pdf');
      planFile = { driveId: plan.driveId, itemId: plan.itemId as string };
    },
    {},
    { now: () => clock, mailer: graphLetterMailer(h.broker, { baseUrl: h.graph.baseUrl, logger: h.logger }), adviceStorage: storage() },
  );
  officer = await svc.token('la-officer', 'north-council', 'officer');
  manager = await svc.token('la-manager', 'north-council', 'manager');
}, 120_000);
afterAll(async () => {
  await svc?.stop();
  await h?.close();
});
beforeEach(() => {
  h.graph.state.sentMail.length = 0;
});

/** The mail the decision sent (its letter), kept past the next test's clearing. */
const decisionMail: ReturnType<typeof mail> = [];
const mail = () => h.graph.state.sentMail as unknown as { message: { subject: string; toRecipients: { emailAddress: { address: string } }[]; ccRecipients?: { emailAddress: { address: string } }[] }; attachments: { name: string; content: Buffer }[] }[];
const to = (m: ReturnType<typeof mail>[number]) => m.message.toRecipients.map((r) => r.emailAddress.address);
const cc = (m: ReturnType<typeof mail>[number]) => (m.message.ccRecipients ?? []).map((r) => r.emailAddress.address);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function storedCopy(ref: { driveId: string; itemId: string }): Promise<Buffer> {
  const { stream } = await openFileContent(h.appClient(), ref);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('a decision to amend, from the decision to the final plan', () => {
  it('records the decision with its proposed amendments through the API', async () => {
    const missing = await svc.call('POST', `/api/reviews/${ids.amend}/decision`, { token: officer, body: { outcome: 'amend', notifiedOn: '2027-03-05', reasons: 'Ada’s speech needs have grown' } });
    expect(missing).toMatchObject({ status: 400, body: { problems: [{ field: 'proposedAmendments' }] } });
    const res = await svc.call('POST', `/api/reviews/${ids.amend}/decision`, {
      token: officer,
      body: { outcome: 'amend', notifiedOn: '2027-03-05', reasons: 'Ada’s speech needs have grown', proposedAmendments: 'B: Add Ada’s difficulty with spoken language\nF: Add a weekly session of speech and language therapy' },
    });
    expect(res.status).toBe(201);
    // The letter follows the decision through the API as through the Teams card (bot/app/recordDecision).
    expect(res.headers.get('decision-letter')).toBe('sent');
    expect(res.body.letter).toMatchObject({ status: 'sent' });
    decisionMail.push(...mail());
  });

  it('sends the decision letter with the notice of the proposed amendments and the evidence, dated Friday 5 March 2027, 15 days to Friday 19 March', async () => {
    // Sent with the decision (the test before); asking again sends nothing.
    const res = await svc.call('POST', `/api/reviews/${ids.amend}/letter/send`, { token: officer, body: {} });
    expect(res).toMatchObject({ status: 200, body: { status: 'already-sent' } });
    expect(mail()).toHaveLength(0);
    expect(decisionMail).toHaveLength(1);
    const [m] = decisionMail;
    expect(to(m as never)).toEqual(['pat@family.example']);
    expect(cc(m as never)).toEqual(['senco@north-school.example']);
    expect(m?.attachments.map((a) => a.name)).toEqual(['Annual review decision amend 2027-03-05.pdf', 'Notice of proposed amendments amend 2027-03-05.pdf', 'Speech and language advice.pdf']);
    const notice = comparable(pdfText(m?.attachments[1]?.content as Buffer));
    for (const phrase of [
      'Section B: Add Ada’s difficulty with spoken language.',
      'Section F: Add a weekly session of speech and language therapy.',
      'Advice from Dr Lee (health services): received Wednesday 10 February 2027, Speech and language advice.pdf. A copy is enclosed.',
      'The report of the annual review meeting: sent by the school on Friday 26 February 2027.',
      'please tell us by Friday 19 March 2027.',
      'Information about the schools and colleges available is in our Local Offer',
    ]) {
      expect([phrase, notice.includes(comparable(phrase))]).toEqual([phrase, true]);
    }
    const letter = comparable(pdfText(m?.attachments[0]?.content as Buffer));
    expect(letter).toContain(comparable('North Primary held the annual review meeting'));
    expect(letter).toContain(comparable('If you agree with the changes, you need do nothing.'));
    const detail = await svc.call('GET', `/api/reviews/${ids.amend}`, { token: officer });
    expect(detail.body.timeline).toMatchObject({ familyResponseBy: '2027-03-19', finalAmendedPlanDue: '2027-04-30' });
  });

  it('keeps each letter sent in the review’s SharePoint folder, its bytes matching the hash recorded and the attachment sent', async () => {
    const res = await svc.call('GET', `/api/reviews/${ids.amend}/letters`, { token: manager });
    expect(res.status).toBe(200);
    expect(res.body.letters.map((l: { kind: string; letterDate: string; channel: string; sentOn: string }) => [l.kind, l.letterDate, l.channel, l.sentOn])).toEqual([
      ['decision', '2027-03-05', 'email', '2027-03-05'],
      ['amendment-notice', '2027-03-05', 'email', '2027-03-05'],
    ]);
    for (const l of res.body.letters) {
      const copy = await storedCopy(l.storedCopy);
      expect(sha(copy)).toBe(l.pdfSha256);
      expect(copy.length).toBe(l.bytes);
    }
  });

  it('refuses the final plan while the family’s 15 days run and nothing is heard from them', async () => {
    setDay('2027-03-10');
    const res = await svc.call('POST', `/api/reviews/${ids.amend}/final-plan`, { token: officer, body: { plan: planFile } });
    expect(res).toMatchObject({ status: 409, body: { error: 'family-window-open', message: expect.stringContaining('Friday 19 March 2027') } });
    expect(mail()).toHaveLength(0);
  });

  it('records the family’s representations with the date received and the school they ask for', async () => {
    const bad = await svc.call('POST', `/api/reviews/${ids.amend}/representations`, { token: officer, body: { receivedOn: '2027-03-01', summary: 'Too early' } });
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ field: 'receivedOn' }] } });
    const res = await svc.call('POST', `/api/reviews/${ids.amend}/representations`, {
      token: officer,
      headers: { 'idempotency-key': 'reps-1' },
      body: { receivedOn: '2027-03-09', summary: 'We agree, and ask for Riverside Academy to be named', requestedSchool: 'Riverside Academy' },
    });
    expect(res).toMatchObject({ status: 201, body: { representation: { receivedOn: '2027-03-09', requestedSchool: 'Riverside Academy' } } });
    const again = await svc.call('POST', `/api/reviews/${ids.amend}/representations`, {
      token: officer,
      headers: { 'idempotency-key': 'reps-1' },
      body: { receivedOn: '2027-03-09', summary: 'We agree, and ask for Riverside Academy to be named', requestedSchool: 'Riverside Academy' },
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const listed = await svc.call('GET', `/api/reviews/${ids.amend}/letters`, { token: officer });
    expect(listed.body.representations).toHaveLength(1);
  });

  it('issues the final plan to the family, the school named and the health commissioning body, with the right of appeal to Monday 10 May 2027', async () => {
    const res = await svc.call('POST', `/api/reviews/${ids.amend}/final-plan`, { token: officer, body: { plan: planFile } });
    expect(res).toMatchObject({ status: 201, body: { status: 'issued', issuedOn: '2027-03-10', warnings: [{ code: 'school-not-consulted' }] } });
    const [m] = mail();
    expect(to(m as never)).toEqual(['pat@family.example']);
    expect(cc(m as never)).toEqual(['senco@north-school.example', 'ehcp@demo-icb.example']);
    expect(m?.attachments.map((a) => a.name)).toEqual(['Final amended plan letter amend 2027-03-10.pdf', 'Final amended EHC plan amend 2027-03-10.pdf']);
    expect(m?.attachments[1]?.content.toString()).toBe('%PDF-1.7 the final amended plan');
    const letter = comparable(pdfText(m?.attachments[0]?.content as Buffer));
    for (const phrase of ['The last day to appeal is Monday 10 May 2027.', 'Section F: Add a weekly session of speech and language therapy.', 'We are sending a copy to NHS Demo Integrated Care Board', 'If you agree with the final plan, you need do nothing.']) {
      expect([phrase, letter.includes(comparable(phrase))]).toEqual([phrase, true]);
    }
    const detail = await svc.call('GET', `/api/reviews/${ids.amend}`, { token: officer });
    expect(detail.body.status).toBe('concluded');
    const letters = (await svc.call('GET', `/api/reviews/${ids.amend}/letters`, { token: officer })).body.letters;
    const final = letters.find((l: { kind: string }) => l.kind === 'final-plan');
    expect(final.recipients.map((r: { role: string }) => r.role)).toEqual(['parent', 'school', 'health-commissioner']);
    expect(sha(await storedCopy(final.storedCopy))).toBe(sha(m?.attachments[0]?.content as Buffer));
  });
});

describe('deciding not to amend after all (Reg 22(4))', () => {
  it('sends the letter with the reasons and the right of appeal, the last day moved from Saturday 22 May to Monday 24 May 2027', async () => {
    setDay('2027-03-05');
    expect((await svc.call('POST', `/api/reviews/${ids['not-amend']}/letter/send`, { token: officer, body: {} })).status).toBe(201);
    setDay('2027-03-22');
    h.graph.state.sentMail.length = 0;
    const res = await svc.call('POST', `/api/reviews/${ids['not-amend']}/not-amending`, { token: officer, body: { reasons: 'Pat showed that the current provision works' } });
    expect(res).toMatchObject({ status: 201, body: { status: 'not-amending', decidedOn: '2027-03-22' } });
    const [m] = mail();
    expect(to(m as never)).toEqual(['pat@family.example']);
    const letter = comparable(pdfText(m?.attachments[0]?.content as Buffer));
    for (const phrase of ['Our reasons: Pat showed that the current provision works.', 'The last day to appeal is Monday 24 May 2027.', 'Please contact them by Saturday 22 May 2027', 'you need do nothing']) {
      expect([phrase, letter.includes(comparable(phrase))]).toEqual([phrase, true]);
    }
    const again = await svc.call('POST', `/api/reviews/${ids['not-amend']}/not-amending`, { token: officer, body: { reasons: 'Again' } });
    expect(again).toMatchObject({ status: 409, body: { error: 'amendment-outcome-recorded' } });
  });
});

describe('a draft is dated the day it goes', () => {
  beforeAll(async () => {
    const got = await svc.call('GET', '/api/council/settings', { token: manager });
    expect((await svc.call('PUT', '/api/council/settings', { token: manager, body: { ...got.body.settings, letterDelivery: 'draft' }, headers: { 'if-match': '*' } })).status).toBe(200);
  });
  afterAll(async () => {
    await svc.call('PUT', '/api/council/settings', { token: manager, body: settings, headers: { 'if-match': '*' } });
  });

  it('saves the draft dated Friday 5 March, and on Monday 8 March refuses to send it: the family would get 12 days, not 15', async () => {
    setDay('2027-03-05');
    const drafted = await svc.call('POST', `/api/reviews/${ids.draft}/letter/send`, { token: officer, body: {} });
    expect(drafted).toMatchObject({ status: 201, body: { status: 'saved-as-draft', letterDate: '2027-03-05' } });
    expect(mail()).toHaveLength(0);
    setDay('2027-03-08');
    const stale = await svc.call('POST', `/api/reviews/${ids.draft}/letter/send-draft`, { token: officer, body: {} });
    expect(stale).toMatchObject({ status: 409, body: { error: 'letter-draft-stale' } });
    expect(stale.body.message).toContain('until Friday 19 March 2027: 12 days, fewer than the 15 Reg 22(2)(c) requires');
    expect(mail()).toHaveLength(0);
    const [row] = await svc.service.db.query<{ notice_served_on: string | null }>("select to_char(notice_served_on, 'YYYY-MM-DD') as notice_served_on from amendments where review_id = $1", [ids.draft]);
    expect(row?.notice_served_on ?? null).toBeNull();
  });

  it('regenerated on Monday 8 March, sends it dated that day with 15 days to Monday 22 March and the notice served that day', async () => {
    const again = await svc.call('POST', `/api/reviews/${ids.draft}/letter/send`, { token: officer, body: {} });
    expect(again.body.status).toBe('already-sent');
    expect(again.body.message).toContain('"regenerate": true');
    const regenerated = await svc.call('POST', `/api/reviews/${ids.draft}/letter/send`, { token: officer, body: { regenerate: true } });
    expect(regenerated).toMatchObject({ status: 201, body: { status: 'saved-as-draft', letterDate: '2027-03-08' } });
    const sent = await svc.call('POST', `/api/reviews/${ids.draft}/letter/send-draft`, { token: officer, body: {} });
    expect(sent).toMatchObject({ status: 200, body: { status: 'sent', letterDate: '2027-03-08' } });
    const [m] = mail();
    expect(m?.attachments.map((a) => a.name)).toEqual(['Annual review decision draft 2027-03-08.pdf', 'Notice of proposed amendments draft 2027-03-08.pdf']);
    expect(comparable(pdfText(m?.attachments[0]?.content as Buffer))).toContain(comparable('please tell us by Monday 22 March 2027.'));
    const detail = await svc.call('GET', `/api/reviews/${ids.draft}`, { token: officer });
    expect(detail.body.timeline).toMatchObject({ familyResponseBy: '2027-03-22' });
    const letters = (await svc.call('GET', `/api/reviews/${ids.draft}/letters`, { token: officer })).body.letters;
    expect(letters.map((l: { letterDate: string; superseded: boolean; sentOn: string | null }) => [l.letterDate, l.superseded, l.sentOn])).toEqual([
      ['2027-03-05', true, null],
      ['2027-03-05', true, null],
      ['2027-03-08', false, '2027-03-08'],
      ['2027-03-08', false, '2027-03-08'],
    ]);
  });
});

describe('a maintain letter is dated the day it goes, whatever day the decision was recorded', () => {
  it('sent on Friday 5 March 2027 after a decision recorded on 2 March: appeal by Wednesday 5 May, notified and the next cycle counted from 5 March', async () => {
    setDay('2027-03-05');
    const res = await svc.call('POST', `/api/reviews/${ids.maintain}/letter/send`, { token: officer, body: {} });
    expect(res).toMatchObject({ status: 201, body: { status: 'sent', letterDate: '2027-03-05' } });
    const letter = comparable(pdfText(mail()[0]?.attachments[0]?.content as Buffer));
    expect(letter).toContain(comparable('The last day to appeal is Wednesday 5 May 2027.'));
    expect(letter).toContain(comparable('Date this letter was sent Friday 5 March 2027'));
    expect(letter).toContain(comparable('The next annual review of the plan must be completed by Saturday 4 March 2028.'));
    const [d] = await svc.service.db.query<{ notified_on: string; next: string }>(
      `select to_char(d.notified_on, 'YYYY-MM-DD') as notified_on,
              (select to_char(n.previous_concluded_on, 'YYYY-MM-DD') from review_cycles n join review_cycles r on r.plan_id = n.plan_id where r.id = $1 and n.id <> $1) as next
         from decisions d where d.review_id = $1`,
      [ids.maintain],
    );
    expect(d).toEqual({ notified_on: '2027-03-05', next: '2027-03-05' });
  });
});

describe('a letter posted by the officer', () => {
  it('recorded as posted on Friday 5 March 2027: dated that day, served on Sunday 7 March after the 2-day allowance, the 15 days to Sunday 21 March, its copy kept', async () => {
    setDay('2027-03-05');
    const future = await svc.call('POST', `/api/reviews/${ids.posted}/letter/posted`, { token: officer, body: { postedOn: '2027-03-06' } });
    expect(future).toMatchObject({ status: 400, body: { problems: [{ field: 'postedOn' }] } });
    const res = await svc.call('POST', `/api/reviews/${ids.posted}/letter/posted`, { token: officer, body: { postedOn: '2027-03-05' } });
    expect(res).toMatchObject({ status: 201, body: { status: 'posted', letterDate: '2027-03-05', servedOn: '2027-03-07' } });
    expect(mail()).toHaveLength(0);
    const detail = await svc.call('GET', `/api/reviews/${ids.posted}`, { token: officer });
    expect(detail.body.timeline).toMatchObject({ familyResponseBy: '2027-03-21' });
    const letters = (await svc.call('GET', `/api/reviews/${ids.posted}/letters`, { token: officer })).body.letters;
    expect(letters.map((l: { kind: string; channel: string; sentOn: string }) => [l.kind, l.channel, l.sentOn])).toEqual([
      ['decision', 'post', '2027-03-05'],
      ['amendment-notice', 'post', '2027-03-05'],
    ]);
    const notice = await storedCopy(letters[1].storedCopy);
    expect(sha(notice)).toBe(letters[1].pdfSha256);
    expect(comparable(pdfText(notice))).toContain(comparable('please tell us by Sunday 21 March 2027.'));
  });
});
