import { seedDemoData } from '../../bot/store/seed/demoSeed';
import { startTestService, type TestService } from '../../testkit/service';

/**
 * Issue #23 through the API on the demo council as `npm start` seeds it, with the clock at
 * Monday 7 December 2026: an overdue review is booked with a warning saying how late, a review
 * awaiting its report takes a decision, and the seed shows the reviews that are not the
 * punctual school one.
 */
const TODAY = '2026-12-07';
let svc: TestService;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService('pglite', (db) => seedDemoData(db, TODAY).then(() => undefined), {}, { now: () => new Date('2026-12-07T10:00:00Z') });
  tokens.senco2 = await svc.token('senco', 'demo-school-2', 'demo-senco-2');
  tokens.officer = await svc.token('la-officer', 'demo-council', 'demo-officer');
}, 120_000);
afterAll(() => svc.stop());

const find = async (ref: string) => {
  const res = await svc.call('GET', `/api/reviews?q=${ref}&limit=5`, { token: tokens.officer });
  return (res.body.items as { id: string; laReference: string; status: string }[]).find((i) => i.laReference === ref) as { id: string; status: string };
};
const invitees = [
  { role: 'parent', email: 'parent@family.example' },
  { role: 'school', email: 'senco@riverside.example' },
  { role: 'la-send-officer', email: 'send.officer@demo-council.example' },
  { role: 'health', email: 'nurse@demo-nhs.example' },
  { role: 'social-care', email: 'social.care@demo-council.example' },
];

it('books the overdue DEMO-0008 for Wednesday 2026-12-23, a little over two weeks away, with a warning saying it is late', async () => {
  const review = await find('DEMO-0008');
  const res = await svc.call('POST', `/api/reviews/${review.id}/meeting`, { token: tokens.senco2, body: { meetingDate: '2026-12-23', invitationsSentOn: TODAY, invitees, mode: 'in-person' } });
  expect(res.status).toBe(201);
  const late = (res.body.warnings as { code: string; severity: string; message: string }[]).find((w) => w.code === 'meeting-after-review-deadline');
  expect(late).toMatchObject({ severity: 'warn', message: expect.stringMatching(/^The meeting on 2026-12-23 is \d+ days after the review deadline \d{4}-\d\d-\d\d \(CFA 2014 s44\(1\)\): the review is late/) });
});

it('records a decision for a review awaiting its report, saying what was considered instead', async () => {
  const review = await find('DEMO-0015');
  expect(review.status).toBe('awaiting-report');
  const refused = await svc.call('POST', `/api/reviews/${review.id}/decision`, { token: tokens.officer, body: { outcome: 'maintain', notifiedOn: TODAY, reasons: 'Needs unchanged.' } });
  expect(refused.status).toBe(400);
  expect(refused.body.problems).toEqual([{ field: 'consideredInstead', message: expect.stringContaining("deciding without the school's report, which was due on") }]);
  const res = await svc.call('POST', `/api/reviews/${review.id}/decision`, {
    token: tokens.officer,
    body: { outcome: 'maintain', notifiedOn: TODAY, reasons: 'Needs unchanged.', consideredInstead: 'The advice from health and the EP, and the meeting notes.' },
  });
  expect(res.status).toBe(201);
  expect(res.body.report).toMatchObject({ recorded: false, consideredInstead: 'The advice from health and the EP, and the meeting notes.' });
});

it('seeds a Year 6 transfer (inferred), a council-run college review, a Reg 21 review booked with no school, and a cease under consultation', async () => {
  const year6 = await svc.call('GET', `/api/reviews/${(await find('DEMO-0035')).id}`, { token: tokens.officer });
  expect(year6.body.timeline.transfer).toMatchObject({ kind: 'school', date: '2027-09-01', deadline: '2027-02-14', inferred: true });
  const college = await svc.call('GET', `/api/reviews/${(await find('DEMO-0036')).id}`, { token: tokens.officer });
  expect(college.body.status).toBe('booked');
  const reg21 = await svc.call('GET', `/api/reviews/${(await find('DEMO-0037')).id}`, { token: tokens.officer });
  expect(reg21.body.status).toBe('booked');
  expect(reg21.body.plan.schoolId).toBeNull();
  expect((reg21.body.invitations as { role: string }[]).map((i) => i.role)).not.toContain('school');
  const ceasing = await svc.call('GET', `/api/reviews/${(await find('DEMO-0038')).id}`, { token: tokens.officer });
  expect(ceasing.body.status).toBe('ceasing');
  expect(ceasing.body.timeline.ceaseConsultationEnds).toBe('2026-12-16');
  const early = await svc.call('POST', `/api/reviews/${ceasing.body.id}/cease`, { token: tokens.officer, body: { decision: 'cease', decidedOn: TODAY, reasons: 'r' } });
  expect(early.status).toBe(409);
  expect(early.body.message).toContain('The consultation on the proposal to cease runs until 2026-12-16 (Reg 31(1))');
});
