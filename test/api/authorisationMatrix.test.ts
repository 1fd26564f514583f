import type { Role } from '../../bot/auth';
import { permissions } from '../../bot/app/permissions';
import { replaceCouncilSettings } from '../../bot/store/councilSettings';
import { registerOrganisation } from '../../bot/store/organisations';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { plusDays } from '../../shared';
import { CSV_HEADER, fullInvitees, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { demoSettings } from '../letters/support/letterFixtures';
import { startLetterGraph } from '../letters/support/letterGraph';

/**
 * Every role against every endpoint, through the real HTTP service with authentication on.
 * The expected table is written out here, not read from the code's own permissions, so a
 * change to either shows up as a failure.
 */
// A fixed clock: the seed and the service read the same day whenever the suite runs.
const today = '2027-03-10';
const now = () => new Date('2027-03-10T10:00:00Z');
const soon = plusDays(today, 21);
const past = plusDays(today, -10);

type Cell = 'allowed' | 'forbidden';
const matrix: Record<string, Record<Role, Cell>> = {
  'POST /api/caseload/import': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'GET /api/caseload/mapping': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'PUT /api/caseload/mapping': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'GET /api/reviews': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'allowed' },
  'GET /api/reviews/{id}': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'allowed' },
  'POST /api/reviews/{id}/meeting': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/advice': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'allowed' },
  'POST /api/reviews/{id}/report': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/decision': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/amendment': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/cease': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/plan-end': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/early': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/addressee': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/advice-requests/{requestId}/link': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'GET /api/reviews/{id}/contacts': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'PUT /api/reviews/{id}/contacts': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/outlook/teams': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/outlook/attachments': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'GET /api/reports/timeliness': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/reports/sen2.csv': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/reminders/dead': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/council/settings': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'PUT /api/council/settings': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/reviews/{id}/letter': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/reviews/{id}/letter/preview': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/reviews/{id}/letter/send': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/letter/send-draft': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/letter/posted': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'GET /api/reviews/{id}/letters': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/reviews/{id}/representations': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/final-plan': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/not-amending': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  ...Object.fromEntries(
    ['today', 'filters', 'coming', 'transfers', 'timeliness', 'sen2', 'sen2/excluded', 'sen2.csv', 'workload', 'undelivered'].map((view) => [
      `GET /api/dashboard/${view}`,
      { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' } as Record<Role, Cell>,
    ]),
  ),
  'POST /api/reviews/{id}/nudge': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/auth/teams-sso': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'allowed' },
  'GET /api/settings': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/settings': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/reviews/{id}/transfer': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'GET /api/transfers': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/reviews/{id}/export': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/council/retention': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'PUT /api/council/retention': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/audit': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  'GET /api/children/{laReference}/subject-access': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/children/{laReference}/rectify': { senco: 'forbidden', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'forbidden' },
  'POST /api/children/{laReference}/erase': { senco: 'forbidden', 'la-officer': 'forbidden', 'la-manager': 'allowed', professional: 'forbidden' },
  // The meeting report (#24): past the role check, a draft is the school's alone (404 to everyone else).
  'GET /api/reviews/{id}/report': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'allowed' },
  'PUT /api/reviews/{id}/report/draft': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/report/attendance': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/report/submit': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'POST /api/reviews/{id}/report/send': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'forbidden', professional: 'forbidden' },
  'GET /api/reviews/{id}/report/document': { senco: 'allowed', 'la-officer': 'allowed', 'la-manager': 'allowed', professional: 'allowed' },
};

const principals: Record<Role, [string, string]> = {
  senco: ['north-school', 'senco'],
  'la-officer': ['north-council', 'officer'],
  'la-manager': ['north-council', 'manager'],
  professional: ['nhs', 'ep'],
};
const roles = Object.keys(principals) as Role[];

let svc: TestService;
let graph: Awaited<ReturnType<typeof startLetterGraph>>;
/** One review per (endpoint, role) cell that writes, each at the step the write needs. */
const reviewFor: Record<string, string> = {};
/** The health advice request of each role's main review. */
const requestFor = {} as Record<Role, number>;
const tokens = {} as Record<Role, string>;
/** South Council's child at North's school. */
let sharedSchoolReview: string;

beforeAll(async () => {
  graph = await startLetterGraph();
  svc = await startTestService('pglite', async (db) => {
    const people = await registerPeople(db);
    // Letters: the council's settings are complete and its tenant is the local Graph's.
    await db.transaction(async (tx) => {
      await registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: graph.tenantId });
      await replaceCouncilSettings(tx, people.manager, letterSettings());
    });
    const refs = roles.flatMap((role) => ['main', 'report', 'decision', 'amendment', 'letter', 'transfer', 'cease'].map((step) => `${step}-${role}`));
    const ids = await importRows(db, people.officer, refs.map((ref) => `${ref},Child ${ref},north-school,${plusDays(today, -300)},,,4,,,`));
    const earlier = plusDays(past, -20);
    for (const role of roles) {
      const booking = (id: string, meetingDate: string, invitationsSentOn: string, on: string) =>
        db.transaction((tx) => recordMeeting(tx, people.senco, id, { meetingDate, invitationsSentOn, invitees: fullInvitees(), mode: 'in-person' }, on));
      await booking(ids[`main-${role}`] as string, soon, today, today);
      for (const step of ['report', 'decision', 'amendment', 'letter', 'cease']) await booking(ids[`${step}-${role}`] as string, past, earlier, earlier);
      for (const step of ['decision', 'amendment', 'letter', 'cease']) {
        await db.transaction((tx) => recordReport(tx, people.senco, ids[`${step}-${role}`] as string, { sentOn: past, recommendation: 'amend' }, today));
      }
      await db.transaction((tx) => recordDecision(tx, people.officer, ids[`amendment-${role}`] as string, { outcome: 'amend', notifiedOn: today, reasons: 'r', proposedAmendments: [{ section: 'F', change: 'More support' }] }, today));
      await db.transaction((tx) => recordDecision(tx, people.officer, ids[`letter-${role}`] as string, { outcome: 'maintain', notifiedOn: today, reasons: 'Needs met.' }, today));
      await db.transaction((tx) => recordDecision(tx, people.officer, ids[`cease-${role}`] as string, { outcome: 'cease', notifiedOn: today, reasons: 'Needs met without a plan.' }, today));
    }
    Object.assign(reviewFor, ids);
    // The second council places a child at north-school too: a shared school (#26).
    const south = await importRows(db, people.southOfficer, [`SOUTH-1,Child South,north-school,${plusDays(today, -300)},,,4,,,`]);
    sharedSchoolReview = south['SOUTH-1'] as string;
    for (const role of roles) {
      const [request] = await db.query<{ id: number }>("select id::int from advice_requests where review_id = $1 and from_role = 'health'", [ids[`main-${role}`]]);
      requestFor[role] = request?.id ?? 0;
    }
  }, {}, { mailer: graph.mailer, now });
  for (const role of roles) tokens[role] = await svc.token(role, ...principals[role]);
}, 180_000);
afterAll(async () => {
  await svc.stop();
  await graph.close();
});

function letterSettings() {
  return { ...demoSettings, sharedMailbox: graph.sharedMailbox };
}

function request(endpoint: string, role: Role): { method: string; path: string; body?: unknown; headers?: Record<string, string>; status?: number } {
  const id = (step: string) => reviewFor[`${step}-${role}`];
  switch (endpoint) {
    case 'POST /api/caseload/import':
      return { method: 'POST', path: '/api/caseload/import', body: `${CSV_HEADER}\nNEW-${role},New Child,north-school,${today},,,,,,\n`, headers: { 'content-type': 'text/csv' } };
    case 'GET /api/caseload/mapping':
      return { method: 'GET', path: '/api/caseload/mapping' };
    case 'PUT /api/caseload/mapping':
      return { method: 'PUT', path: '/api/caseload/mapping', body: { columns: { laReference: `Ref ${role}` } } };
    case 'GET /api/reviews':
      return { method: 'GET', path: '/api/reviews' };
    case 'GET /api/reviews/{id}':
      return { method: 'GET', path: `/api/reviews/${id('main')}` };
    case 'POST /api/reviews/{id}/meeting':
      return { method: 'POST', path: `/api/reviews/${id('main')}/meeting`, body: { meetingDate: soon, invitationsSentOn: today, invitees: fullInvitees(), mode: 'hybrid' } };
    case 'POST /api/reviews/{id}/advice':
      return { method: 'POST', path: `/api/reviews/${id('main')}/advice`, body: { fromRole: 'health', receivedOn: today } };
    case 'POST /api/reviews/{id}/report':
      return { method: 'POST', path: `/api/reviews/${id('report')}/report`, body: { sentOn: today, recommendation: 'maintain' } };
    case 'POST /api/reviews/{id}/decision':
      return { method: 'POST', path: `/api/reviews/${id('decision')}/decision`, body: { outcome: 'maintain', notifiedOn: today, reasons: 'Needs met.' } };
    case 'POST /api/reviews/{id}/amendment':
      return { method: 'POST', path: `/api/reviews/${id('amendment')}/amendment`, body: { noticeServedOn: today } };
    // Past the role check: the consultation on the proposal to cease is still open, and nothing is ceased yet.
    case 'POST /api/reviews/{id}/cease':
      return { method: 'POST', path: `/api/reviews/${id('cease')}/cease`, body: { decision: 'cease', decidedOn: today, reasons: 'r' }, status: 409 };
    case 'POST /api/reviews/{id}/plan-end':
      return { method: 'POST', path: `/api/reviews/${id('cease')}/plan-end`, body: { endsOn: today }, status: 409 };
    // Past the role check: a review under a proposal to cease has long started, so it cannot be brought forward.
    case 'POST /api/reviews/{id}/early':
      return { method: 'POST', path: `/api/reviews/${id('cease')}/early`, body: { kind: 'early', reason: 'A significant change.' }, status: 409 };
    case 'POST /api/reviews/{id}/addressee':
      return { method: 'POST', path: `/api/reviews/${id('main')}/addressee`, body: { addressee: 'auto' }, status: 200 };
    case 'GET /api/council/settings':
      return { method: 'GET', path: '/api/council/settings' };
    case 'PUT /api/council/settings':
      return { method: 'PUT', path: '/api/council/settings', body: letterSettings() };
    case 'GET /api/reviews/{id}/letter':
      return { method: 'GET', path: `/api/reviews/${id('letter')}/letter?format=pdf` };
    case 'POST /api/reviews/{id}/letter/preview':
      return { method: 'POST', path: `/api/reviews/${id('letter')}/letter/preview`, body: { outcome: 'maintain', reasons: 'The plan still meets the needs' }, status: 200 };
    case 'POST /api/reviews/{id}/letter/send':
      return { method: 'POST', path: `/api/reviews/${id('letter')}/letter/send`, body: {} };
    // No draft waits: past the role check, 409.
    case 'POST /api/reviews/{id}/letter/send-draft':
      return { method: 'POST', path: `/api/reviews/${id('letter')}/letter/send-draft`, body: {}, status: 409 };
    case 'POST /api/reviews/{id}/letter/posted':
      return { method: 'POST', path: `/api/reviews/${id('letter')}/letter/posted`, body: { postedOn: today } };
    case 'GET /api/reviews/{id}/letters':
      return { method: 'GET', path: `/api/reviews/${id('letter')}/letters` };
    // The amendment cell before these served the notice.
    case 'POST /api/reviews/{id}/representations':
      return { method: 'POST', path: `/api/reviews/${id('amendment')}/representations`, body: { receivedOn: today, summary: 'We agree.' } };
    // Past the role check, the final plan waits for the amendment notice to reach the family
    // (409 letter-not-ready): the officer is allowed, the step is not yet lawful.
    case 'POST /api/reviews/{id}/final-plan':
      return { method: 'POST', path: `/api/reviews/${id('amendment')}/final-plan`, body: { plan: { driveId: 'b!drive', itemId: 'plan' } }, status: 409 };
    case 'POST /api/reviews/{id}/not-amending':
      return { method: 'POST', path: `/api/reviews/${id('amendment')}/not-amending`, body: { reasons: 'The family showed the plan works.' } };
    case 'POST /api/reviews/{id}/advice-requests/{requestId}/link':
      return { method: 'POST', path: `/api/reviews/${id('main')}/advice-requests/${requestFor[role]}/link` };
    case 'GET /api/reviews/{id}/contacts':
      return { method: 'GET', path: `/api/reviews/${id('main')}/contacts` };
    case 'PUT /api/reviews/{id}/contacts':
      return { method: 'PUT', path: `/api/reviews/${id('main')}/contacts`, body: { contacts: [{ role: 'parent', name: 'Pat Parent', email: 'parent@home.example' }] } };
    // This service has no Graph: past the role check, the booked-meeting check answers 409.
    case 'POST /api/reviews/{id}/outlook/teams':
      return { method: 'POST', path: `/api/reviews/${id('main')}/outlook/teams`, body: { eventId: 'AAMkAGI2' }, status: 409 };
    case 'POST /api/reviews/{id}/outlook/attachments':
      return { method: 'POST', path: `/api/reviews/${id('main')}/outlook/attachments`, body: { eventId: 'AAMkAGI2', adviceItemId: 1 }, status: 409 };
    case 'GET /api/reports/timeliness':
      return { method: 'GET', path: '/api/reports/timeliness' };
    case 'GET /api/reminders/dead':
      return { method: 'GET', path: '/api/reminders/dead' };
    case 'GET /api/settings':
      return { method: 'GET', path: '/api/settings?q=north' };
    case 'POST /api/settings':
      return { method: 'POST', path: '/api/settings', body: { id: `new-setting-${role}`, name: `New Setting ${role}`, settingType: 'early-years', localCouncil: 'north-council', reason: 'a placement to record' } };
    case 'POST /api/reviews/{id}/transfer':
      return { method: 'POST', path: `/api/reviews/${id('transfer')}/transfer`, body: { toCouncil: 'south-council', movedOn: today, newLaReference: `MOVED-${role}` } };
    case 'GET /api/transfers':
      return { method: 'GET', path: '/api/transfers' };
    case 'GET /api/reviews/{id}/export':
      return { method: 'GET', path: `/api/reviews/${id('main')}/export` };
    case 'PUT /api/council/retention':
      return { method: 'PUT', path: '/api/council/retention', body: { schedule: { accessRecordMonths: 36 }, confirm: false } };
    case 'POST /api/children/{laReference}/rectify':
      return { method: 'POST', path: `/api/children/main-${role}/rectify`, body: { name: `Corrected ${role}`, reason: 'name misspelt at import' }, status: 200 };
    // The first step only: what would be erased, and the confirmation (nothing changes).
    case 'POST /api/children/{laReference}/erase':
      return { method: 'POST', path: `/api/children/main-${role}/erase`, body: { reason: 'record created in error at import' }, status: 200 };
    case 'GET /api/children/{laReference}/subject-access':
      return { method: 'GET', path: `/api/children/main-${role}/subject-access` };
    case 'GET /api/audit':
      return { method: 'GET', path: '/api/audit?person=nobody@example.org' };
    case 'POST /api/reviews/{id}/nudge':
      return { method: 'POST', path: `/api/reviews/${id('report')}/nudge` };
    case 'POST /api/auth/teams-sso':
      return { method: 'POST', path: '/api/auth/teams-sso' };
    case 'GET /api/reports/sen2.csv':
      return { method: 'GET', path: '/api/reports/sen2.csv' };
    // The draft of the school's report: the SENCO's; anyone else who sees the review gets 404.
    case 'GET /api/reviews/{id}/report':
      return { method: 'GET', path: `/api/reviews/${reviewFor['main-senco']}/report`, status: role === 'senco' ? 200 : 404 };
    case 'PUT /api/reviews/{id}/report/draft':
      return { method: 'PUT', path: `/api/reviews/${reviewFor['main-senco']}/report/draft`, body: { variant: 'general', sections: { summary: 'Draft.' } }, status: role === 'senco' ? 200 : 404 };
    // No Teams meeting: not filled, with the reason (200).
    case 'POST /api/reviews/{id}/report/attendance':
      return { method: 'POST', path: `/api/reviews/${reviewFor['main-senco']}/report/attendance`, status: role === 'senco' ? 200 : 404 };
    // The draft has empty required sections: 400 listing them.
    case 'POST /api/reviews/{id}/report/submit':
      return { method: 'POST', path: `/api/reviews/${reviewFor['main-senco']}/report/submit`, status: role === 'senco' ? 400 : 404 };
    case 'POST /api/reviews/{id}/report/send':
      return { method: 'POST', path: `/api/reviews/${reviewFor['main-senco']}/report/send`, status: role === 'senco' ? 409 : 404 };
    case 'GET /api/reviews/{id}/report/document':
      return { method: 'GET', path: `/api/reviews/${reviewFor['main-senco']}/report/document?format=pdf`, status: role === 'senco' ? 200 : 404 };
    default:
      return { method: 'GET', path: endpoint.replace(/^GET /, '') };
  }
}

const cells = Object.entries(matrix).flatMap(([endpoint, row]) => roles.map((role) => [endpoint, role, row[role]] as const));

it('covers every endpoint the service declares', () => {
  expect(Object.keys(matrix).sort()).toEqual(Object.keys(permissions).sort());
});

it.each(cells)('%s as %s is %s', async (endpoint, role, expected) => {
  const r = request(endpoint, role);
  const res = await svc.call(r.method, r.path, { token: tokens[role], body: r.body, headers: r.headers });
  if (expected === 'forbidden') {
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/is for .*; you are signed in as/);
  } else {
    expect(res.status).toBe(r.status ?? (r.method === 'POST' && !/import|amendment|teams-sso/.test(endpoint) ? 201 : 200));
    expect(res.body).toBeTruthy();
  }
});

it.each(Object.keys(matrix))('%s without a token, or with a forged one, is 401', async (endpoint) => {
  const r = request(endpoint, 'la-officer');
  const missing = await svc.call(r.method, r.path, { body: r.body, headers: r.headers });
  expect(missing.status).toBe(401);
  expect(missing.headers.get('www-authenticate')).toBe('Bearer');
  const forged = `${tokens['la-officer'].slice(0, -4)}AAAA`;
  expect((await svc.call(r.method, r.path, { token: forged, body: r.body, headers: r.headers })).status).toBe(401);
});

describe('another organisation reads and writes as if the review did not exist (404)', () => {
  const outsiders: [string, Role, string, string][] = [
    ['another school of the same council', 'senco', 'north-school-b', 'senco-b'],
    ['another council', 'la-officer', 'south-council', 'south-officer'],
    ['another council’s manager', 'la-manager', 'south-council', 'south-manager'],
    ['a professional who was not invited', 'professional', 'nhs', 'nurse'],
  ];
  it.each(outsiders)('%s', async (_who, role, org, user) => {
    const token = await svc.token(role, org, user);
    const id = reviewFor['main-senco'];
    expect((await svc.call('GET', `/api/reviews/${id}`, { token })).status).toBe(404);
    const list = await svc.call('GET', '/api/reviews', { token });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    if (role !== 'la-manager') {
      const write = await svc.call('POST', `/api/reviews/${id}/advice`, { token, body: { fromRole: 'health', receivedOn: today } });
      expect(write.status).toBe(404);
    }
  });
});

describe('two councils and a shared school: each council reads and writes only its own children (404 otherwise)', () => {
  /** Every endpoint that names a review, as South Council's officer against North's review at the shared school. */
  const reviewEndpoints = Object.keys(matrix).filter((e) => e.includes('{id}') && matrix[e]?.['la-officer'] === 'allowed');

  it.each(reviewEndpoints)('%s: another council’s child is 404', async (endpoint) => {
    const token = await svc.token('la-officer', 'south-council', 'south-officer');
    const r = request(endpoint, 'la-officer');
    const path = r.path.replace(/\/api\/reviews\/[0-9a-f-]{36}/, `/api/reviews/${reviewFor['main-senco']}`);
    const res = await svc.call(r.method, path, { token, body: r.body, headers: r.headers });
    expect(res.status).toBe(404);
  });

  it.each(reviewEndpoints)('%s: the shared school’s other council’s child is 404 for North', async (endpoint) => {
    const r = request(endpoint, 'la-officer');
    const path = r.path.replace(/\/api\/reviews\/[0-9a-f-]{36}/, `/api/reviews/${sharedSchoolReview}`);
    const res = await svc.call(r.method, path, { token: tokens['la-officer'], body: r.body, headers: r.headers });
    expect(res.status).toBe(404);
  });

  it("keeps every list and dashboard of one council free of the other's children", async () => {
    const south = await svc.token('la-officer', 'south-council', 'south-officer');
    const lists = Object.keys(matrix).filter((e) => e.startsWith('GET ') && !e.includes('{id}') && matrix[e]?.['la-officer'] === 'allowed');
    for (const endpoint of lists) {
      const r = request(endpoint, 'la-officer');
      const asSouth = await svc.call('GET', r.path, { token: south });
      const asNorth = await svc.call('GET', r.path, { token: tokens['la-officer'] });
      expect([endpoint, asSouth.status]).toEqual([endpoint, 200]);
      expect([endpoint, asNorth.status]).toEqual([endpoint, 200]);
      const southText = JSON.stringify(asSouth.body);
      const northText = JSON.stringify(asNorth.body);
      expect([endpoint, southText.includes(reviewFor['main-senco'] as string)]).toEqual([endpoint, false]);
      expect([endpoint, northText.includes(sharedSchoolReview)]).toEqual([endpoint, false]);
    }
  });

  it("gives the shared school's SENCO both councils' children, and another school neither", async () => {
    const list = await svc.call('GET', '/api/reviews?limit=500', { token: tokens.senco });
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(sharedSchoolReview);
    expect(ids).toContain(reviewFor['main-senco']);
    expect((await svc.call('GET', `/api/reviews/${sharedSchoolReview}`, { token: tokens.senco })).body.council.id).toBe('south-council');
    const other = await svc.token('senco', 'north-school-b', 'senco-b');
    expect((await svc.call('GET', `/api/reviews/${sharedSchoolReview}`, { token: other })).status).toBe(404);
  });
});
