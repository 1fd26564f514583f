import { plusDays, transferDeadline } from '../../shared';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';
import { seedDashboard } from './seedDashboard';

// A fixed clock: the demo seeds its cases relative to this day and the service reads the
// same day, so every count below is the same whenever the suite runs.
const today = '2027-03-10';
const NOW = new Date('2027-03-10T10:00:00Z');
const steps = ['booking', 'invitations', 'advice', 'meeting', 'report', 'decision', 'amendment-notice', 'final-plan'];

describe.each(storeKinds)('the dashboard API on %s, over the demo data', (kind) => {
  let svc: TestService;
  let officer: string;
  let manager: string;
  let senco: string;
  let otherCouncil: string;
  let deadStatusAllowed = false;
  beforeAll(async () => {
    svc = await startTestService(kind, async (db) => {
      ({ deadStatusAllowed } = await seedDashboard(db, today));
    }, {}, { now: () => NOW });
    officer = await svc.token('la-officer', 'demo-council', 'demo-officer');
    manager = await svc.token('la-manager', 'demo-council', 'demo-manager');
    senco = await svc.token('senco', 'demo-school-1', 'demo-senco-1');
    otherCouncil = await svc.token('la-officer', 'other-council', 'other-officer');
  }, 180_000);
  afterAll(() => svc.stop());

  const get = async (path: string, token = officer) => {
    const res = await svc.call('GET', path, { token });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('Today: counts each overdue step, and the whole list (paged) agrees with the counts', async () => {
    const first = await get('/api/dashboard/today?pageSize=100');
    expect(Object.keys(first.counts)).toEqual(steps);
    const total = Object.values(first.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(first.total).toBe(total);
    expect(first.items).toHaveLength(total);
    // On 10 March 2027 the demo has steps late for advice, the meeting, the report, the decision and the amendment notice.
    expect(first.counts).toEqual({ booking: 0, invitations: 0, advice: 6, meeting: 3, report: 2, decision: 4, 'amendment-notice': 3, 'final-plan': 0 });
    expect(total).toBe(18);
    // Most overdue first.
    expect(first.items.map((i: { daysOverdue: number }) => i.daysOverdue)).toEqual([108, 57, 47, 44, 32, 32, 17, 12, 7, 6, 6, 2, 1, 1, 1, 1, 1, 1]);
    for (const step of steps) expect(first.items.filter((i: { step: string }) => i.step === step)).toHaveLength(first.counts[step]);
    for (const item of first.items) {
      expect(item.due < today).toBe(true);
      expect(item.child).toMatch(/^[A-Z]\.[A-Z]\. \(DEMO-\d{4}\)$/);
    }
  });

  it('Today: pages never overlap, and every page is at most the page size', async () => {
    const all = await get('/api/dashboard/today?pageSize=100&sort=reference');
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 3); page++) pages.push(...(await get(`/api/dashboard/today?pageSize=3&page=${page}&sort=reference`)).items);
    expect(pages.map((i: { reviewId: string }) => i.reviewId)).toEqual(all.items.map((i: { reviewId: string }) => i.reviewId));
    const past = await get(`/api/dashboard/today?pageSize=3&page=${Math.ceil(all.total / 3) + 1}`);
    expect(past).toMatchObject({ items: [], total: all.total });
    expect((await svc.call('GET', '/api/dashboard/today?pageSize=101', { token: officer })).status).toBe(400);
  });

  it('Today: sorts by due date, school, officer and step, either way', async () => {
    const due = (await get('/api/dashboard/today?pageSize=100&sort=due')).items.map((i: { due: string }) => i.due);
    expect(due).toEqual([...due].sort());
    const desc = (await get('/api/dashboard/today?pageSize=100&sort=due&dir=desc')).items.map((i: { due: string }) => i.due);
    expect(desc).toEqual([...due].sort().reverse());
    const schools = (await get('/api/dashboard/today?pageSize=100&sort=school')).items.map((i: { school: { name: string } }) => i.school.name);
    expect(schools).toEqual([...schools].sort());
    const stepOrder = (await get('/api/dashboard/today?pageSize=100&sort=step')).items.map((i: { step: string }) => steps.indexOf(i.step));
    expect(stepOrder).toEqual([...stepOrder].sort((a, b) => a - b));
    const officers = (await get('/api/dashboard/today?pageSize=100&sort=officer&dir=desc')).items.map((i: { officer: { name: string | null } }) => i.officer.name);
    // descending puts the unassigned (null) first, then names Z to A
    const named = officers.filter((n: string | null) => n !== null);
    expect(named).toEqual([...named].sort().reverse());
    expect((await svc.call('GET', '/api/dashboard/today?sort=name;drop table x', { token: officer })).status).toBe(400);
  });

  it('Today: filters by school, officer and step; the counts follow the school and officer', async () => {
    const all = await get('/api/dashboard/today?pageSize=100');
    const oakfield = await get('/api/dashboard/today?pageSize=100&school=demo-school-1');
    expect(oakfield.total).toBe(6);
    expect(oakfield.items.every((i: { school: { id: string } }) => i.school.id === 'demo-school-1')).toBe(true);
    expect(oakfield.total).toBe(all.items.filter((i: { school: { id: string } }) => i.school.id === 'demo-school-1').length);
    const unassigned = await get('/api/dashboard/today?pageSize=100&officer=unassigned');
    expect(unassigned.items.every((i: { officer: { id: number | null } }) => i.officer.id === null)).toBe(true);
    expect(unassigned.total).toBe(all.items.filter((i: { officer: { id: number | null } }) => i.officer.id === null).length);
    const decision = await get('/api/dashboard/today?pageSize=100&step=decision');
    expect(decision.total).toBe(all.counts.decision);
    expect(decision.items.every((i: { step: string; owner: { kind: string } }) => i.step === 'decision' && i.owner.kind === 'council')).toBe(true);
    expect(decision.counts).toEqual(all.counts);
    const report = await get('/api/dashboard/today?pageSize=100&step=report');
    expect(report.items.every((i: { owner: { kind: string; name: string } }) => i.owner.kind === 'school' && /, SENCO at /.test(i.owner.name))).toBe(true);
  });

  it('Today: offers the council\'s schools and officers as filters', async () => {
    const filters = await get('/api/dashboard/filters');
    expect(filters.schools).toEqual([
      { id: 'demo-college', name: 'Demo Town College (demo, council-run reviews)' },
      { id: 'demo-school-3', name: 'Elm Tree Primary (demo)' },
      { id: 'demo-school-1', name: 'Oakfield Primary (demo)' },
      { id: 'demo-school-2', name: 'Riverside Academy (demo)' },
    ]);
    expect(filters.officers.map((o: { name: string }) => o.name)).toEqual(['Demo SEND Officer', 'Second SEND Officer']);
  });

  it('Coming: reviews due within 4, 8 and 12 weeks, the list within the chosen horizon', async () => {
    const four = await get('/api/dashboard/coming?pageSize=100');
    const twelve = await get('/api/dashboard/coming?weeks=12&pageSize=100');
    expect(four.counts).toEqual(twelve.counts);
    expect(four.counts).toEqual({ within4Weeks: 4, within8Weeks: 12, within12Weeks: 21 });
    expect(twelve.items).toHaveLength(21);
    expect(four.items).toHaveLength(4);
    for (const i of twelve.items) expect(i.reviewDeadline >= today && i.reviewDeadline <= plusDays(today, 84)).toBe(true);
    expect(four.items.every((i: { reviewDeadline: string }) => i.reviewDeadline <= plusDays(today, 28))).toBe(true);
    expect((await svc.call('GET', '/api/dashboard/coming?weeks=5', { token: officer })).status).toBe(400);
  });

  it('Coming: phase transfers with their deadlines, before 15 February and before 31 March', async () => {
    const transfers = await get('/api/dashboard/transfers');
    expect(transfers.total).toBe(2);
    const year = Number(today.slice(0, 4)) + 1;
    expect(transfers.items.map((t: { laReference: string; deadline: string; rule: string }) => [t.laReference, t.deadline, t.rule])).toEqual([
      ['DEMO-0002', transferDeadline('school', `${year}-09-01`), 'before 15 February'],
      ['DEMO-0004', transferDeadline('post16', `${year}-09-03`), 'before 31 March'],
    ]);
    expect(transfers.items[0].deadline).toBe(`${year}-02-14`);
    expect(transfers.items[1].latestMeetingDate).toBe(plusDays(`${year}-03-30`, -84));
  });

  it('Timeliness: counts what was due in the year as the DfE does; by month and by school add up to the whole', async () => {
    const t = await get('/api/dashboard/timeliness');
    expect(t.byMonth).toHaveLength(12);
    expect(t.byMonth.at(-1).month).toBe(today.slice(0, 7));
    for (const measure of ['concludedIn12Months', 'reportsIn2Weeks', 'decisionsIn4Weeks']) {
      const sum = (rows: Record<string, { total: number; onTime: number }>[]) => rows.reduce((a, r) => a + (r[measure]?.total ?? 0), 0);
      expect(sum(t.byMonth)).toBe(t.overall[measure].total);
      // A review run under Reg 21 (no school: DEMO-0037) has no school row.
      expect(sum(t.bySchool)).toBeLessThanOrEqual(t.overall[measure].total);
      const o = t.overall[measure];
      expect(o.total).toBe(o.onTime + o.late + o.lateOpen);
      // a month with nothing due is "no data", never 0%
      for (const m of t.byMonth) if (m[measure].total === 0) expect(m[measure].share).toBeNull();
    }
    expect(t.bySchool.map((s: { schoolName: string }) => s.schoolName)).toEqual(expect.arrayContaining(['Oakfield Primary (demo)', 'Riverside Academy (demo)']));
  });

  it('Timeliness on the demo council: the open reviews past their deadline are late, and the figures are the timeliness report’s', async () => {
    const t = await get('/api/dashboard/timeliness');
    // Counted here from the stored rows, independently of the service's query.
    const [open] = await svc.service.db.query<{ n: number }>(
      `select count(*)::int as n from review_cycles r where r.council_id = 'demo-council' and r.review_deadline between $1::date and $2::date
          and r.review_deadline < $2::date and not exists (select 1 from decisions d where d.review_id = r.id)`,
      [t.from, today],
    );
    expect(t.from).toBe('2026-04-01');
    expect(open?.n).toBe(2);
    const concluded = t.overall.concludedIn12Months;
    expect(concluded).toEqual({ total: 12, onTime: 10, late: 0, lateOpen: 2, pending: 0, share: 10 / 12 });
    const report = await get(`/api/reports/timeliness?from=${t.from}&to=${t.to}`, manager);
    expect(report.timeliness).toEqual(t.overall);
  });

  it('SEN2: the census rows, their count, and every plan left out with its reason; the CSV is the same rows', async () => {
    const sen2 = await get('/api/dashboard/sen2?pageSize=100');
    const excluded = sen2.excluded.reduce((a: number, e: { count: number }) => a + e.count, 0);
    expect(sen2.total + excluded).toBe(38);
    expect(sen2.items).toHaveLength(sen2.total);
    expect(sen2.items.every((i: { reviewMeetingDate: string }) => i.reviewMeetingDate <= today)).toBe(true);
    // the demo: 21 meetings held (awaiting report, decision, amending, concluded, and the cease under consultation); the booked ones are still ahead
    expect(sen2.total).toBe(21);
    expect(sen2.excluded.find((e: { reason: string }) => e.reason === 'meeting-not-yet-held').count).toBe(0);
    expect(sen2.items.filter((i: { outcome: string | null }) => i.outcome !== null).map((i: { outcome: string }) => i.outcome).sort()).toEqual(
      expect.arrayContaining(['A', 'C', 'M']),
    );
    const left = await get('/api/dashboard/sen2/excluded?pageSize=100');
    expect(left.total).toBe(excluded);
    expect(left.items.every((e: { explanation: string }) => e.explanation.length > 10)).toBe(true);
    const csv = await svc.call('GET', '/api/dashboard/sen2.csv', { token: manager });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-row-count')).toBe(String(sen2.total));
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe('la_reference,upn,school,review_meeting_date,review_outcome,review_decision_date,amendment_notice_date,final_amended_plan_date');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(sen2.items.map((i: { laReference: string }) => i.laReference));
    // a census date next month counts the booked meetings as not yet held
    const later = await get(`/api/dashboard/sen2?census=${plusDays(today, 30)}`);
    // the 6 booked demo reviews, and the council-run college and Reg 21 reviews booked 3 weeks ahead
    expect(later.excluded.find((e: { reason: string }) => e.reason === 'meeting-not-yet-held').count).toBe(8);
    expect((await svc.call('GET', '/api/dashboard/sen2?census=2026-02-30', { token: officer })).status).toBe(400);
  });

  it('Workload: every officer and the unassigned, open cases adding up to every open review', async () => {
    const w = await get('/api/dashboard/workload');
    expect(w.week.to).toBe(plusDays(w.week.from, 6));
    expect(w.week.from <= today && today <= w.week.to).toBe(true);
    const open = w.officers.reduce((a: number, o: { openCases: number }) => a + o.openCases, 0);
    const reviews = (await get('/api/reviews?limit=500')).items.filter((r: { status: string }) => r.status !== 'concluded');
    expect(open).toBe(reviews.length);
    // a concluded review's next cycle is open too, under the same plan and so the same officer
    expect(w.officers.map((o: { name: string }) => o.name)).toEqual(['Demo SEND Officer', 'Second SEND Officer', 'Unassigned']);
    expect(w.officers[1].openCases).toBe(3);
    expect(w.officers[2].openCases).toBe(1);
    const today_ = await get('/api/dashboard/today?pageSize=100');
    expect(w.officers.reduce((a: number, o: { overdue: number }) => a + o.overdue, 0)).toBe(today_.total);
  });

  it('Workload: the reminders that could not be delivered', async () => {
    const dead = await get('/api/dashboard/undelivered');
    // The 'dead' status arrives with the reminder engine's migration; before it, the outbox cannot hold one.
    expect(dead.total).toBe(deadStatusAllowed ? 2 : 0);
    if (deadStatusAllowed) expect(dead.items[0]).toMatchObject({ kind: 'report-due', attempts: 5, lastError: 'mailbox not found' });
  });

  it('Nudge: queues one reminder for the owner of the next step, audited, and a repeat queues nothing new', async () => {
    const [late] = (await get('/api/dashboard/today?step=decision&pageSize=1')).items;
    const first = await svc.call('POST', `/api/reviews/${late.reviewId}/nudge`, { token: officer });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ reviewId: late.reviewId, queued: true, step: 'decision', recipientRole: 'la-officer', sendOn: today, status: 'pending' });
    const rows = await svc.service.db.query('select kind, recipient_role, send_on, status from reminder_outbox where review_id = $1 and kind = $2', [late.reviewId, 'nudge']);
    expect(rows).toEqual([{ kind: 'nudge', recipient_role: 'la-officer', send_on: today, status: 'pending' }]);
    const audit = await svc.service.db.query<{ actor_user: string }>("select actor_user from audit_log where action = 'review.nudged' and entity_id = $1", [late.reviewId]);
    expect(audit.map((a) => a.actor_user)).toEqual(['demo-officer']);
    const again = await svc.call('POST', `/api/reviews/${late.reviewId}/nudge`, { token: manager });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ queued: false, reminderId: first.body.reminderId });
    const keyed = await svc.call('POST', `/api/reviews/${late.reviewId}/nudge`, { token: officer, headers: { 'idempotency-key': 'nudge-1' } });
    const replay = await svc.call('POST', `/api/reviews/${late.reviewId}/nudge`, { token: officer, headers: { 'idempotency-key': 'nudge-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(keyed.body);
    const [report] = (await get('/api/dashboard/today?step=report&pageSize=1')).items;
    const school = await svc.call('POST', `/api/reviews/${report.reviewId}/nudge`, { token: officer });
    expect(school.body).toMatchObject({ queued: true, step: 'report', recipientRole: 'senco' });
  });

  it('Nudge: not for another council (404), nor for a concluded review (409), nor for a SENCO (403)', async () => {
    const [late] = (await get('/api/dashboard/today?pageSize=1')).items;
    expect((await svc.call('POST', `/api/reviews/${late.reviewId}/nudge`, { token: otherCouncil })).status).toBe(404);
    expect((await svc.call('POST', `/api/reviews/${late.reviewId}/nudge`, { token: senco })).status).toBe(403);
    expect((await svc.call('POST', '/api/reviews/not-a-uuid/nudge', { token: officer })).status).toBe(404);
    const [concluded] = (await get('/api/reviews?status=concluded&limit=1')).items;
    const refused = await svc.call('POST', `/api/reviews/${concluded.id}/nudge`, { token: officer });
    expect(refused).toMatchObject({ status: 409, body: { error: 'review-concluded' } });
  });

  it('shows a council only its own cases, and a school none of the dashboard', async () => {
    const other = await get('/api/dashboard/today', otherCouncil);
    expect(other.total).toBe(0);
    expect((await get('/api/dashboard/sen2', otherCouncil)).total).toBe(0);
    expect((await get('/api/dashboard/workload', otherCouncil)).officers).toEqual([{ officerId: expect.any(Number), name: 'Other Officer', openCases: 0, overdue: 0, decisionsDueThisWeek: 0 }]);
    for (const path of ['/api/dashboard/today', '/api/dashboard/coming', '/api/dashboard/sen2.csv', '/api/dashboard/workload']) {
      expect((await svc.call('GET', path, { token: senco })).status).toBe(403);
    }
  });
});
