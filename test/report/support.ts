import { graphAdviceStorage } from '../../bot/advice/storage';
import type { GraphAccess } from '../../bot/api/graphAccess';
import type { StartServiceOptions } from '../../bot/server/startService';
import type { Db, DbKind } from '../../bot/store/db';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { CLIENT_ID, type Harness, SENCO, startHarness, TEAMS_APP, TENANT } from '../../testkit/graph-server/harness';
import { fullInvitees, importRows, type People, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

/** Friday 20 November 2026, 10:00 in London. */
export const NOW = new Date('2026-11-20T10:00:00Z');
export const TODAY = '2026-11-20';
export const DRIVE = 'b!north-council-reviews';
export const SITE = 'north-council-site';
export const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_report-test%40thread.v2/0';

export interface ReportHarness {
  graph: Harness;
  svc: TestService;
  people: People;
  ids: Record<string, string>;
  /** N-7's Outlook event id (REST). */
  eventId: string;
  senco: string;
  officer: string;
  otherSenco: string;
  close(): Promise<void>;
}

/**
 * The real service (PGlite, dev sign-in) whose Graph calls go as the SENCO to the local
 * Graph (a real TokenBroker on MSAL), and whose SharePoint is the local Graph's drive.
 * N-1 (Year 4) met on 10 November in Teams; N-9 (Year 10) met on 2 November, so its report
 * is already late on 20 November. `extra` adds settings and service options (the bot's
 * authentication, the reminder sweeper's channels).
 */
export async function startReportHarness(kind: DbKind = 'pglite', extra: { env?: Record<string, string>; service?: StartServiceOptions } = {}): Promise<ReportHarness> {
  const graph = await startHarness({ graph: { drives: [{ id: DRIVE, siteId: SITE, items: [] }], siteGrants: { [CLIENT_ID]: [SITE] } } });
  graph.graph.state.ensureOnlineMeeting(JOIN, SENCO.id, 'Annual review A.E. (N-1)');
  // N-7's meeting as Outlook saved it in the SENCO's calendar, before the add-in turns Teams on.
  const token = graph.graph.issueToken({ tenantId: TENANT, appId: CLIENT_ID, userId: SENCO.id, scp: ['Calendars.ReadWrite'] });
  const created = await fetch(`${graph.graph.baseUrl}/v1.0/users/${SENCO.id}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Annual review N.S. (N-7)', start: { dateTime: '2026-12-08T10:00:00', timeZone: 'Europe/London' }, end: { dateTime: '2026-12-08T11:00:00', timeZone: 'Europe/London' } }),
  });
  const eventId = ((await created.json()) as { id: string }).id;
  // The app's token for SharePoint, fetched (and cached by the broker) before the service is busy.
  await graph.broker.appToken(TENANT);
  const access: GraphAccess = { forCaller: () => graph.userClient(SENCO, { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } }) };
  let people: People | undefined;
  let ids: Record<string, string> = {};
  const svc = await startTestService(
    kind,
    async (db: Db) => {
      people = await registerPeople(db);
      await db.query("update organisations set entra_tenant_id = $1 where id = 'north-council'", [TENANT]);
      ids = await importRows(db, people.officer, ['N-1,Ada Example,north-school,2026-01-10,,2018-04-02,4', 'N-9,Nia Older,north-school,2026-01-05,,2011-05-06,10', 'N-5,Noa Fifth,north-school,2026-01-07,,2016-05-06,5', 'N-7,Nel Seventh,north-school,2026-02-20,,2016-06-06,5']);
      const senco = people.senco;
      await db.transaction(async (tx) => {
        await recordMeeting(tx, senco, ids['N-1'] as string, { meetingDate: '2026-11-10', invitationsSentOn: '2026-10-20', invitees: fullInvitees(), mode: 'virtual', teamsJoinUrl: JOIN }, '2026-10-20');
        await recordMeeting(tx, senco, ids['N-7'] as string, { meetingDate: '2026-12-08', invitationsSentOn: '2026-11-20', invitees: fullInvitees(), mode: 'virtual', outlookEventId: eventId }, '2026-11-20');
        await recordMeeting(tx, senco, ids['N-5'] as string, { meetingDate: '2026-11-09', invitationsSentOn: '2026-10-20', invitees: fullInvitees(), mode: 'hybrid' }, '2026-10-20');
        await recordMeeting(tx, senco, ids['N-9'] as string, { meetingDate: '2026-11-02', invitationsSentOn: '2026-10-10', invitees: fullInvitees(), mode: 'in-person' }, '2026-10-10');
      });
    },
    { ADVICE_DRIVE_ID: DRIVE, PUBLIC_URL: 'https://ehcp.north.test', REMINDERS_TEAMS_APP_ID: TEAMS_APP.id, REMINDERS: 'off', ...extra.env },
    { graph: access, now: () => NOW, adviceStorage: graphAdviceStorage(() => graph.appClient()), teamsJoinUrl: { attempts: 3, intervalMs: 5 }, ...extra.service },
  );
  return {
    graph,
    svc,
    people: people as People,
    ids,
    eventId,
    senco: await svc.token('senco', 'north-school', 'senco'),
    officer: await svc.token('la-officer', 'north-council', 'officer'),
    otherSenco: await svc.token('senco', 'north-school-b', 'senco-b'),
    async close() {
      await svc.stop();
      await graph.close();
    },
  };
}

/** A report with every section filled, recommending amendments, with a difference of view. */
export function filledReport(variant: 'general' | 'year9', attendees: unknown[]) {
  return {
    variant,
    sections: {
      setting: 'Year group and support as in the plan. Attendance 94% this year; no exclusions.',
      transport: 'Home to school transport continues.',
      personalBudget: 'The family did not ask for a Personal Budget.',
      childViews: 'Ada likes art and wants more time in the sensory room (recorded by the SENCO with Ada).',
      parentViews: 'Mum is pleased with reading but worried about friendships.',
      progress: 'Outcome 1 (reading) achieved. Outcome 2 (friendships) partly achieved.',
      changes: 'Social communication needs have grown; updated speech and language advice is needed.',
      summary: 'A positive year; the plan should be amended to add speech and language provision.',
      ...(variant === 'year9' ? { preparingForAdulthood: 'Wants to work with animals; college taster days in Year 10.' } : {}),
    },
    attendees,
    recommendation: 'amend',
    proposedAmendments: [{ planSection: 'Section F', amendment: 'Add weekly speech and language therapy, 30 minutes, 1:1.' }],
    differencesOfView: [{ person: 'Parent (Mum)', section: 'progress', view: 'Reading has not improved at home as much as school reports.' }],
    agreedActions: [{ action: 'Request updated speech and language advice', owner: 'SENCO', dueOn: '2026-12-04' }],
  };
}
