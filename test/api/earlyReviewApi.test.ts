import { fullInvitees, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

/**
 * Early and interim reviews through the API (issue #23, Deliver 7). Every plan was last
 * reviewed on 2026-03-10, so its review is due by 2027-03-09 (latest meeting 2027-02-09).
 * On 2026-10-01 a review is started out of its turn, booked for Tuesday 2026-10-20 and
 * decided on 2026-11-02 (no report yet: what was considered instead is given).
 */
let clock = '2026-10-01';
let svc: TestService;
let ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const row = (ref: string, last = '2026-03-10') => `${ref},Child ${ref},north-school,2024-05-01,${last},2017-05-02,4`;

beforeAll(async () => {
  svc = await startTestService(
    'pglite',
    async (db) => {
      const people = await registerPeople(db);
      ids = await importRows(db, people.officer, [row('E-1'), row('E-2'), row('E-3'), row('E-4'), row('E-5', '2025-09-01')]);
    },
    {},
    { now: () => new Date(`${clock}T10:00:00Z`) },
  );
  tokens.officer = await svc.token('la-officer', 'north-council', 'officer');
  tokens.senco = await svc.token('senco', 'north-school', 'senco');
  tokens.manager = await svc.token('la-manager', 'north-council', 'manager');
  tokens.professional = await svc.token('professional', 'nhs', 'ep');
}, 120_000);
afterAll(() => svc.stop());

const start = (ref: string, body: unknown, token = tokens.senco) => svc.call('POST', `/api/reviews/${ids[ref]}/early`, { token, body });
const decide = (ref: string, extra: Record<string, unknown> = {}) =>
  svc.call('POST', `/api/reviews/${ids[ref]}/decision`, {
    token: tokens.officer,
    body: { outcome: 'maintain', notifiedOn: '2026-11-02', reasons: 'Needs unchanged.', consideredInstead: 'The advice and the meeting notes.', ...extra },
  });
const deadlineOf = async (reviewId: unknown) => (await svc.call('GET', `/api/reviews/${reviewId}`, { token: tokens.officer })).body.timeline.reviewDeadline;

async function startAndHold(ref: string, kind: 'early' | 'interim') {
  clock = '2026-10-01';
  const started = await start(ref, { kind, reason: 'A significant change at home.' });
  expect(started.status).toBe(201);
  const booked = await svc.call('POST', `/api/reviews/${ids[ref]}/meeting`, {
    token: tokens.senco,
    body: { meetingDate: '2026-10-20', invitationsSentOn: '2026-10-01', invitees: fullInvitees(), mode: 'in-person' },
  });
  expect(booked.status).toBe(201);
  clock = '2026-11-02';
  return started;
}

it('starts an early review on 2026-10-01 with its reason, and its decision on 2026-11-02 restarts the 12 months: next review by 2027-11-01', async () => {
  const started = await startAndHold('E-1', 'early');
  expect(started.body).toMatchObject({ review: { kind: 'early', startedOn: '2026-10-01', reason: 'A significant change at home.', source: 'CFA 2014 s44(1); H&F slides' }, reviewDeadline: '2027-03-09' });
  const detail = await svc.call('GET', `/api/reviews/${ids['E-1']}`, { token: tokens.officer });
  expect(detail.body).toMatchObject({ kind: 'early', startedEarly: { on: '2026-10-01', reason: 'A significant change at home.' } });
  const wrongField = await decide('E-1', { restartsCycle: false });
  expect(wrongField.status).toBe(400);
  expect(wrongField.body.problems).toEqual([{ field: 'restartsCycle', message: expect.stringContaining('this early review always does (CFA 2014 s44(1))') }]);
  const decided = await decide('E-1');
  expect(decided.status).toBe(201);
  await expect(deadlineOf(decided.body.nextReviewId)).resolves.toBe('2027-11-01');
});

it('leaves the 12 months running after an interim review: the next review is still due by 2027-03-09', async () => {
  await startAndHold('E-2', 'interim');
  const decided = await decide('E-2');
  expect(decided.status).toBe(201);
  expect((decided.body.warnings as { code: string }[]).map((w) => w.code)).toContain('interim-review');
  await expect(deadlineOf(decided.body.nextReviewId)).resolves.toBe('2027-03-09');
});

it('restarts the 12 months after an interim review the council’s decision treats as the annual review: next by 2027-11-01', async () => {
  await startAndHold('E-3', 'interim');
  const decided = await decide('E-3', { restartsCycle: true });
  expect(decided.status).toBe(201);
  await expect(deadlineOf(decided.body.nextReviewId)).resolves.toBe('2027-11-01');
});

it('counts the next 12 months from the meeting (2026-10-20: next by 2027-10-19) where the council reads s44(1) so', async () => {
  const put = await svc.call('PUT', '/api/council/settings', { token: tokens.manager, body: { nextReviewFrom: 'meeting' } });
  expect(put.status).toBe(200);
  await startAndHold('E-4', 'early');
  const decided = await decide('E-4');
  await expect(deadlineOf(decided.body.nextReviewId)).resolves.toBe('2027-10-19');
});

it('refuses to start early a review already due (latest meeting date 2026-08-03: book it), a booked one, and a professional', async () => {
  clock = '2026-10-01';
  const due = await start('E-5', { kind: 'early', reason: 'r' });
  expect(due.status).toBe(409);
  expect(due.body.message).toBe(`This review is already due: its latest meeting date was 2026-08-03. Book it now as the annual review (POST /api/reviews/${ids['E-5']}/meeting); it is late, not early.`);
  const bad = await start('E-5', { kind: 'soon' });
  expect(bad.status).toBe(400);
  expect((bad.body.problems as { field: string }[]).map((p) => p.field).sort()).toEqual(['kind', 'reason']);
  expect((await start('E-5', { kind: 'early', reason: 'r' }, tokens.professional)).status).toBe(403);
});
