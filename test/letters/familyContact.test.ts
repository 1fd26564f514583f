import { graphAdviceStorage } from '../../bot/advice/storage';
import { loadConfig } from '../../bot/config/env';
import { graphLetterMailer } from '../../bot/letters/mailer';
import { silentLogger } from '../../bot/log/logger';
import { defaultSweepPolicy } from '../../bot/reminders/policy';
import { reminderChannelsFromConfig } from '../../bot/reminders/startReminders';
import { sweepOnce } from '../../bot/reminders/sweeper';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { routeFetch } from '../../testkit/graph-server/routeFetch';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { CLIENT_ID, type Harness, SECRET, SHARED_MAILBOX, startHarness, TENANT } from '../../testkit/graph-server/harness';
import { importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { councilMailingFromLibrary, demoSettings, letterInvitees } from './support/letterFixtures';

/**
 * The family's contact preference and their reminder before the 15 days end (#25), through
 * the service's API at the local Graph and the real reminder sweeper over the service's
 * outbox, on a fixed clock. Two decisions to amend on Friday 5 March 2027: one family
 * agreed to email (the letter and the notice are emailed; the 15 days end on Friday 19
 * March; the parent is reminded by email on Friday 12 March, for Sunday 14 March), the
 * other asked for post (nothing is emailed, the officer is told to post and record it; no
 * email reminder).
 */
const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };
const invitees = letterInvitees;
const settings = { ...demoSettings, sharedMailbox: SHARED_MAILBOX.userPrincipalName, letterDelivery: 'send' as const };

let clock = new Date('2027-03-05T10:00:00Z');
let h: Harness;
let svc: TestService;
let ids: Record<string, string>;
let officer: string;
let planFile: { driveId: string; itemId: string };

type Mail = { message: { subject: string; body?: { content?: string }; toRecipients: { emailAddress: { address: string } }[]; ccRecipients?: { emailAddress: { address: string } }[] } };
const mail = () => h.graph.state.sentMail as unknown as Mail[];
const to = (m: Mail) => m.message.toRecipients.map((r) => r.emailAddress.address);
const everyone = (m: Mail) => [...to(m), ...(m.message.ccRecipients ?? []).map((r) => r.emailAddress.address)].sort();

beforeAll(async () => {
  h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
  svc = await startTestService(
    'pglite',
    async (db) => {
      const people = await registerPeople(db);
      await councilMailingFromLibrary(db, people.manager, settings, TENANT, drive.id);
      ids = await importRows(db, people.officer, ['by-email,Ada Example,north-school,2026-04-01,,2016-09-01,5,,,', 'by-post,Bea Example,north-school,2026-04-01,,2016-09-01,5,,,', 'post-keep,Cal Example,north-school,2026-04-01,,2016-09-01,5,,,']);
      for (const id of Object.values(ids)) {
        await db.transaction((tx) => recordMeeting(tx, people.senco, id, { meetingDate: '2027-02-22', invitationsSentOn: '2027-02-01', invitees, mode: 'in-person' }, '2027-02-01'));
        await db.transaction((tx) => recordReport(tx, people.senco, id, { sentOn: '2027-02-26', recommendation: 'amend' }, '2027-02-26'));
      }
    },
    {},
    { now: () => clock, mailer: graphLetterMailer(h.broker, { baseUrl: h.graph.baseUrl, logger: h.logger }), adviceStorage: graphAdviceStorage(() => h.appClient()) },
  );
  officer = await svc.token('la-officer', 'north-council', 'officer');
  const plan = await graphAdviceStorage(() => h.appClient()).save({ tenantId: TENANT, driveId: drive.id, path: ['EHCP reviews', 'by-post', 'Plans'] }, 'Final amended plan.pdf', Buffer.from('%PDF-1.7 the final amended plan'), 'application/pdf');
  planFile = { driveId: plan.driveId, itemId: plan.itemId as string };
}, 120_000);
afterAll(async () => {
  await svc?.stop();
  await h?.close();
});

const familyReminders = () =>
  svc.service.db.query<{ recipient_key: string; due_on: string; send_on: string; deadline: string; status: string }>(
    `select o.recipient_key, to_char(o.due_on, 'YYYY-MM-DD') as due_on, to_char(o.send_on, 'YYYY-MM-DD') as send_on, to_char(o.deadline, 'YYYY-MM-DD') as deadline, o.status
       from reminder_outbox o where o.kind = 'family-response-reminder' order by o.review_id`,
  );
const setPreference = async (ref: string, familyContact: 'email' | 'post') => {
  const res = await svc.call('PUT', `/api/reviews/${ids[ref]}/contacts`, { token: officer, body: { contacts: [{ role: 'parent', name: 'Pat Example', email: 'pat@family.example' }], familyContact } });
  expect(res.status).toBe(200);
  return res;
};
const decideToAmend = (ref: string) =>
  svc.call('POST', `/api/reviews/${ids[ref]}/decision`, {
    token: officer,
    body: { outcome: 'amend', notifiedOn: '2027-03-05', reasons: 'The speech needs have grown', proposedAmendments: 'F: Add a weekly session of speech and language therapy' },
  });
/** One pass of the real sweeper over the service's outbox, sending email from the council's shared mailbox at the local Graph. */
const sweep = () => {
  const config = loadConfig({ EHCP_GRAPH_CLIENT_ID: CLIENT_ID, EHCP_GRAPH_CLIENT_SECRET: SECRET, EHCP_GRAPH_BASE_URL: h.graph.baseUrl, REMINDERS_MAILBOX: SHARED_MAILBOX.userPrincipalName });
  const channels = reminderChannelsFromConfig(config, svc.service.db, silentLogger, { identityFetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }) });
  return sweepOnce({
    db: svc.service.db,
    channels,
    now: () => clock,
    owner: 'family-contact-test',
    policy: { ...defaultSweepPolicy, maxAttempts: 2, baseDelayMs: 1000 },
    leaseMs: 60_000,
    batchSize: 50,
    intervalMs: 1000,
    publicUrl: () => 'https://ehcp.north.test',
    defaultCouncilTenant: null,
    random: () => 0.5,
    logger: silentLogger,
  });
};

describe('the family who agreed to email', () => {
  it('is recorded as such, and the officer reads it back with the day it was recorded', async () => {
    const res = await setPreference('by-email', 'email');
    expect(res.body).toMatchObject({ familyContact: 'email', recordedOn: '2027-03-05', changed: true });
    const read = await svc.call('GET', `/api/reviews/${ids['by-email']}/contacts`, { token: officer });
    expect(read.body).toMatchObject({ familyContact: 'email', recordedOn: '2027-03-05' });
    const bad = await svc.call('PUT', `/api/reviews/${ids['by-email']}/contacts`, { token: officer, body: { contacts: [], familyContact: 'fax' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual(['familyContact']);
    expect((await svc.call('GET', `/api/reviews/${ids['by-email']}/contacts`, { token: officer })).body.familyContact).toBe('email');
  });

  it('gets the decision letter and the notice by email on Friday 5 March 2027, and a reminder is queued for Friday 12 March (Sunday 14 March is 5 days before Friday 19 March)', async () => {
    mail().length = 0;
    const res = await decideToAmend('by-email');
    expect(res.status).toBe(201);
    expect(res.body.letter).toMatchObject({ status: 'sent', message: expect.stringContaining('as the family agreed') });
    expect(mail().map(to)).toEqual([['pat@family.example']]);
    expect(await familyReminders()).toEqual([{ recipient_key: 'email:pat@family.example', due_on: '2027-03-14', send_on: '2027-03-12', deadline: '2027-03-19', status: 'pending' }]);
  });

  it('hears nothing on Thursday 11 March; on Friday 12 March the sweeper emails the parent once, initials and reference only, to answer by reply', async () => {
    clock = new Date('2027-03-11T09:00:00Z');
    mail().length = 0;
    await sweep();
    expect(mail().filter((m) => to(m).includes('pat@family.example'))).toEqual([]);
    clock = new Date('2027-03-12T09:00:00Z');
    await sweep();
    const sent = mail().filter((m) => to(m).includes('pat@family.example'));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message.subject).toBe('Your comments on the proposed changes to the EHC plan: A.E. (by-email), by 2027-03-19');
    const body = sent[0]?.message.body?.content ?? '';
    expect(body).toContain('You have until 2027-03-19 to tell us what you think of the changes we propose to the plan');
    expect(body).toContain('Reply to this email to send your comments.');
    expect(body).not.toContain('/tab/');
    expect(JSON.stringify(sent)).not.toContain('Ada Example');
    await sweep();
    expect(mail().filter((m) => to(m).includes('pat@family.example'))).toHaveLength(1);
    expect((await familyReminders())[0]?.status).toBe('sent');
  });
});

describe('the family who asked for post', () => {
  it('gets nothing by email: the officer is told to post the letter and the notice and record the day, and no email reminder is queued', async () => {
    clock = new Date('2027-03-05T10:00:00Z');
    await setPreference('by-post', 'post');
    mail().length = 0;
    const res = await decideToAmend('by-post');
    expect(res.status).toBe(201);
    expect(res.headers.get('decision-letter')).toBe('to-post');
    expect(res.body.letter).toMatchObject({ status: 'to-post', message: expect.stringContaining('The family asked to be written to by post, so nothing was emailed') });
    expect(res.body.letter.message).toContain('the decision letter and the amendment notice');
    expect(mail()).toEqual([]);
    const again = await svc.call('POST', `/api/reviews/${ids['by-post']}/letter/send`, { token: officer, body: {} });
    expect(again).toMatchObject({ status: 200, body: { status: 'to-post', familyContact: 'post' } });
    expect(mail()).toEqual([]);
    expect((await familyReminders()).map((r) => r.recipient_key)).toEqual(['email:pat@family.example']);
  });

  it('posted on Friday 5 March, the letters are listed as post, served on Sunday 7 March; still no email reminder', async () => {
    const posted = await svc.call('POST', `/api/reviews/${ids['by-post']}/letter/posted`, { token: officer, body: { postedOn: '2027-03-05' } });
    expect(posted).toMatchObject({ status: 201, body: { status: 'posted', letterDate: '2027-03-05', servedOn: '2027-03-07' } });
    const letters = await svc.call('GET', `/api/reviews/${ids['by-post']}/letters`, { token: officer });
    expect(letters.body.letters.map((l: { kind: string; channel: string; sentOn: string }) => [l.kind, l.channel, l.sentOn])).toEqual([
      ['decision', 'post', '2027-03-05'],
      ['amendment-notice', 'post', '2027-03-05'],
    ]);
    const detail = await svc.call('GET', `/api/reviews/${ids['by-post']}`, { token: officer });
    expect(detail.body.timeline).toMatchObject({ familyResponseBy: '2027-03-21' });
    expect(mail()).toEqual([]);
    // Only the emailing family's reminder exists.
    expect((await familyReminders()).map((r) => r.recipient_key)).toEqual(['email:pat@family.example']);
  });

  it('changing the preference to email queues the reminder from the posted notice: Tuesday 16 March, 5 days before Sunday 21 March', async () => {
    await setPreference('by-post', 'email');
    const rows = await svc.service.db.query<{ due_on: string; send_on: string }>(
      "select to_char(due_on, 'YYYY-MM-DD') as due_on, to_char(send_on, 'YYYY-MM-DD') as send_on from reminder_outbox where kind = 'family-response-reminder' and review_id = $1",
      [ids['by-post']],
    );
    expect(rows).toEqual([{ due_on: '2027-03-16', send_on: '2027-03-16' }]);
  });

  it('on Monday 22 March, after the 15 days from service on 7 March, the final plan goes by email to the school and the commissioner, and the family’s letter is marked for post', async () => {
    clock = new Date('2027-03-22T10:00:00Z');
    await setPreference('by-post', 'post');
    mail().length = 0;
    const res = await svc.call('POST', `/api/reviews/${ids['by-post']}/final-plan`, { token: officer, body: { plan: planFile } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'issued', issuedOn: '2027-03-22', familyContact: 'post', message: expect.stringContaining('The family asked to be written to by post, so their copy was not emailed') });
    expect(mail()).toHaveLength(1);
    expect(everyone(mail()[0] as Mail)).not.toContain('pat@family.example');
    expect(everyone(mail()[0] as Mail)).toEqual(expect.arrayContaining(['senco@north-school.example', settings.healthCommissionerEmail]));
    const letters = await svc.call('GET', `/api/reviews/${ids['by-post']}/letters`, { token: officer });
    const finals = letters.body.letters.filter((l: { kind: string }) => l.kind === 'final-plan');
    expect(finals.map((l: { channel: string; sentOn: string; letterDate: string; recipients: { email: string }[] }) => [l.channel, l.letterDate, l.sentOn, l.recipients.map((r) => r.email)])).toEqual([
      ['email', '2027-03-22', '2027-03-22', [settings.healthCommissionerEmail, 'senco@north-school.example']],
      ['post', '2027-03-22', '2027-03-22', ['pat@family.example']],
    ]);
  });

  it('deciding not to amend after all: the school’s copy is emailed, the family’s marked for post', async () => {
    clock = new Date('2027-03-05T10:00:00Z');
    await setPreference('post-keep', 'post');
    expect((await decideToAmend('post-keep')).body.letter.status).toBe('to-post');
    expect((await svc.call('POST', `/api/reviews/${ids['post-keep']}/letter/posted`, { token: officer, body: { postedOn: '2027-03-05' } })).status).toBe(201);
    clock = new Date('2027-03-15T10:00:00Z');
    mail().length = 0;
    const res = await svc.call('POST', `/api/reviews/${ids['post-keep']}/not-amending`, { token: officer, body: { reasons: 'The school can meet the need within the current provision' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'not-amending', decidedOn: '2027-03-15', familyContact: 'post', message: expect.stringContaining('post it today') });
    expect(mail().map(everyone)).toEqual([['senco@north-school.example']]);
    expect(res.body.letters.map((l: { kind: string; channel: string }) => [l.kind, l.channel])).toEqual([
      ['not-amending', 'email'],
      ['not-amending', 'post'],
    ]);
  });
});
