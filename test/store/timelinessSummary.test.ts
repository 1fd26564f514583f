import { applyRetention } from '../../bot/app/retention/runRetention';
import { defaultRetentionSchedule } from '../../bot/app/retention/schedule';
import { eraseChild } from '../../bot/app/eraseChild';
import type { Queryable } from '../../bot/store/db';
import type { Principal } from '../../bot/store/principal';
import { timelinessCounts } from '../../bot/store/reports/timelinessCounts';
import { writeRetentionSchedule } from '../../bot/store/retention/schedules';
import { recordAmendment } from '../../bot/store/reviews/recordAmendment';
import { recordCease } from '../../bot/store/reviews/recordCease';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { fullInvitees, importRows, registerPeople, type People } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

// Plans issued 2026-01-10: review deadline 2027-01-09, latest meeting 2026-12-12.
const TODAY = '2026-11-25';

/**
 * The Timeliness counts as they were computed before the summary (migration 390): every
 * review of the council joined with its report and decision. The summary must always give
 * the same figures.
 */
async function recountFromTheReviews(tx: Queryable, councilId: string, period: { from: string; to: string }, today: string) {
  return tx.query<{ measure: string; month: string | null; school_id: string | null; on_time: number; late: number; late_open: number; pending: number }>(
    `with expected as (
       select 'concludedIn12Months' as measure, r.school_id, r.review_deadline as due, d.notified_on as done
         from review_cycles r left join decisions d on d.review_id = r.id
        where r.council_id = $1 and r.review_deadline between $2::date and $3::date
       union all
       select 'reportsIn2Weeks', r.school_id, coalesce(r.report_due, r.meeting_date + 14), rp.sent_on
         from review_cycles r left join reports rp on rp.review_id = r.id
        where r.council_id = $1 and r.meeting_date is not null and r.meeting_date <= $4::date
          and coalesce(r.report_due, r.meeting_date + 14) between $2::date and $3::date
       union all
       select 'decisionsIn4Weeks', r.school_id, coalesce(r.decision_due, r.meeting_date + 28), d.notified_on
         from review_cycles r left join decisions d on d.review_id = r.id
        where r.council_id = $1 and r.meeting_date is not null and r.meeting_date <= $4::date
          and coalesce(r.decision_due, r.meeting_date + 28) between $2::date and $3::date
     )
     select measure, to_char(due - (extract(day from due)::int - 1), 'YYYY-MM') as month, school_id,
            count(*) filter (where done <= due)::int as on_time, count(*) filter (where done > due)::int as late,
            count(*) filter (where done is null and due < $4::date)::int as late_open, count(*) filter (where done is null and due >= $4::date)::int as pending
       from expected group by grouping sets ((measure), (measure, month), (measure, school_id))`,
    [councilId, period.from, period.to, today],
  );
}

/** The same groups from `timelinessCounts`, in the same shape, sorted for comparison. */
async function countedFromTheSummary(tx: Queryable, principal: Principal, period: { from: string; to: string }, today: string) {
  const counts = await timelinessCounts(tx, principal, period, today);
  const rows: { measure: string; month: string | null; school_id: string | null; on_time: number; late: number; late_open: number; pending: number }[] = [];
  const add = (month: string | null, school: string | null, shares: typeof counts.overall) => {
    for (const [measure, s] of Object.entries(shares)) {
      if (s.total + s.pending > 0) rows.push({ measure, month, school_id: school, on_time: s.onTime, late: s.late, late_open: s.lateOpen, pending: s.pending });
    }
  };
  add(null, null, counts.overall);
  for (const g of counts.byMonth) add(g.month, null, g.shares);
  for (const g of counts.bySchool) add(null, g.schoolId, g.shares);
  return rows;
}

const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe.each(storeKinds)('the timeliness summary on %s, kept by every write', (kind) => {
  let store: TestStore;
  let people: People;
  let ids: Record<string, string>;
  beforeAll(async () => {
    store = await openTestStore(kind);
    people = await registerPeople(store.db);
  }, 60_000);
  afterAll(() => store.dispose());

  const tx = <T>(fn: (q: Queryable) => Promise<T>) => store.db.transaction(fn);

  /** The summary against its recomputation from the reviews, and the figures against the old query, for several days and periods. */
  async function expectTheSummaryRight() {
    const drift = await store.db.query(
      `with fresh as (select council_id, measure, school_id, due, meeting_on, state, count(*)::int as n
                        from timeliness_facts_of(array(select id from review_cycles)) group by 1, 2, 3, 4, 5, 6),
            kept as (select council_id, measure, school_id, due, meeting_on, state, sum(n)::int as n from timeliness_summary group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0)
       (select 'missing' as what, * from fresh except select 'missing', * from kept)
       union all (select 'extra', * from kept except select 'extra', * from fresh)`,
    );
    expect(drift).toEqual([]);
    // Each slot is a true count, and no transaction's notes outlive its commit (migration 391).
    expect(await store.db.query('select * from timeliness_summary where n < 0')).toEqual([]);
    expect(await store.db.query('select * from timeliness_pending')).toEqual([]);
    for (const principal of [people.officer, people.southOfficer]) {
      for (const today of ['2026-10-20', TODAY, '2026-12-20', '2027-02-01']) {
        for (const period of [{ from: '2026-01-01', to: today }, { from: '2026-11-01', to: '2027-12-31' }]) {
          const expected = (await recountFromTheReviews(store.db, principal.orgId, period, today)).filter((r) => r.measure !== null);
          expect(sorted(await countedFromTheSummary(store.db, principal, period, today))).toEqual(sorted(expected));
        }
      }
    }
  }

  const book = (ref: string, meetingDate: string, invitationsSentOn: string, senco = people.senco) =>
    tx((q) => recordMeeting(q, senco, ids[ref] as string, { meetingDate, invitationsSentOn, invitees: fullInvitees(), mode: 'in-person' }, invitationsSentOn));

  it('gives the same figures as counting every review, after each of a mixed run of writes', async () => {
    // The import: plans at two schools of one council and one of another, one old closed case for retention, and one with its meeting given.
    ids = await importRows(store.db, people.officer, [
      'N-1,Ada Example,north-school,2026-01-10,,2018-04-02,3,,,',
      'N-2,Ben Example,north-school,2026-01-10,,2017-05-03,4,,,',
      'N-3,Cal Example,north-school-b,2026-01-10,,2016-06-04,5,,,',
      'N-4,Dee Example,north-school,2026-01-10,,2015-07-05,6,,,',
      'N-5,Eve Example,north-school-b,2025-11-20,,2014-08-06,7,,,2026-10-01',
      'OLD-GONE,Old Example,north-school,2010-09-01,,1994-01-01,11,,,',
    ]);
    Object.assign(ids, await importRows(store.db, people.southOfficer, ['S-1,Sam Example,south-school,2026-01-10,,2018-04-02,3,,,']));
    await store.db.query("update plans set ceased_on = '2019-07-31' where child_id = (select id from children where la_reference = 'OLD-GONE')");
    await expectTheSummaryRight();

    // Booking: one held, one in the future (its report and decision not counted until it is held), one rebooked.
    await book('N-1', '2026-10-01', '2026-09-10');
    await book('N-2', '2026-11-05', '2026-10-20');
    await book('N-3', '2026-12-10', '2026-11-20', people.otherSenco);
    await book('N-4', '2026-10-15', '2026-09-20');
    await book('N-4', '2026-10-20', '2026-09-25');
    await expectTheSummaryRight();

    // Reports: one on time, one late; decisions: on time, late, and one without a report.
    await tx((q) => recordReport(q, people.senco, ids['N-1'] as string, { sentOn: '2026-10-10', recommendation: 'maintain' }, TODAY));
    await tx((q) => recordReport(q, people.senco, ids['N-2'] as string, { sentOn: '2026-11-24', recommendation: 'amend' }, TODAY));
    await expectTheSummaryRight();
    await tx((q) => recordDecision(q, people.officer, ids['N-1'] as string, { outcome: 'maintain', notifiedOn: '2026-11-02', reasons: 'Needs met.' }, TODAY));
    await tx((q) => recordDecision(q, people.officer, ids['N-2'] as string, { outcome: 'amend', notifiedOn: TODAY, reasons: 'Section F needs updating.' }, TODAY));
    await tx((q) => recordDecision(q, people.officer, ids['N-4'] as string, { outcome: 'cease', notifiedOn: TODAY, reasons: 'Outcomes achieved.', consideredInstead: 'The advice and the meeting notes.' }, TODAY));
    await expectTheSummaryRight();

    // The amendment notice and the final plan; the decision after the proposal to cease.
    await tx((q) => recordAmendment(q, people.officer, ids['N-2'] as string, { noticeServedOn: TODAY }, TODAY));
    await tx((q) => recordAmendment(q, people.officer, ids['N-2'] as string, { familyRespondedOn: '2026-11-26', finalPlanIssuedOn: '2026-11-27' }, '2026-11-27'));
    const [ceasing] = await store.db.query<{ after: string }>("select (consultation_ends + 1)::text as after from cease_steps where review_id = $1", [ids['N-4']]);
    const decidedOn = ceasing?.after as string;
    await tx((q) => recordCease(q, people.officer, ids['N-4'] as string, { decision: 'keep', decidedOn, reasons: 'The family showed the needs remain.' }, decidedOn));
    await expectTheSummaryRight();

    // The import again, the meeting date of one plan changed, a school changed.
    await importRows(store.db, people.officer, ['N-3,Cal Example,north-school,2026-01-10,,2016-06-04,5,,,', 'N-5,Eve Example,north-school-b,2025-11-20,,2014-08-06,7,,,2026-10-08']);
    await expectTheSummaryRight();

    // Erasure of a child with a decision, and retention of the old closed case.
    const eraser = { operator: 'test-operator', councilId: 'north-council' };
    const previewed = await eraseChild({ db: store.db }, { who: eraser, laReference: 'N-1', input: { reason: 'record created in error: a duplicate' } });
    const confirm = (previewed.body as { confirmation: string }).confirmation;
    await eraseChild({ db: store.db }, { who: eraser, laReference: 'N-1', input: { reason: 'record created in error: a duplicate', confirm } });
    await expectTheSummaryRight();
    await writeRetentionSchedule(store.db, 'north-council', defaultRetentionSchedule, people.manager.personId);
    const retention = await applyRetention(store.db, 'north-council', TODAY, { dryRun: false });
    expect(retention.deleted).toBe(true);
    expect(await store.db.query("select 1 from children where la_reference in ('N-1', 'OLD-GONE')")).toEqual([]);
    await expectTheSummaryRight();
    // Something was counted all along: the check above is not comparing nothing with nothing.
    expect(await store.db.query<{ n: number }>('select sum(n)::int as n from timeliness_summary')).toEqual([{ n: expect.any(Number) }]);
    expect(((await store.db.query<{ n: number }>('select sum(n)::int as n from timeliness_summary'))[0]?.n ?? 0) > 8).toBe(true);
  }, 120_000);
});

/**
 * Two decisions counted on the same summary rows (one school, one meeting day, one slot):
 * the second commits while the first is still open, because the rows are locked only at
 * commit (migration 391). Under 390's triggers the second waited for the first to end.
 */
describe.each(storeKinds.filter((k) => k === 'postgres'))('the timeliness summary on %s, under concurrent writes', (kind) => {
  let store: TestStore;
  let people: People;
  beforeAll(async () => {
    store = await openTestStore(kind);
    people = await registerPeople(store.db);
  }, 60_000);
  afterAll(() => store.dispose());

  it('lets a decision commit while another on the same rows is still open', async () => {
    const ids = await importRows(
      store.db,
      people.officer,
      Array.from({ length: 40 }, (_, i) => `C-${i},Child ${i},north-school,2026-01-10,,2018-04-02,3,,,2026-11-20`),
    );
    const bySlot = new Map<number, string[]>();
    for (const id of Object.values(ids)) {
      const [row] = await store.db.query<{ slot: number }>('select timeliness_slot($1) as slot', [id]);
      bySlot.set(row?.slot as number, [...(bySlot.get(row?.slot as number) ?? []), id]);
    }
    const [first, second] = [...bySlot.values()].find((same) => same.length >= 2) as string[];
    const decide = (q: Queryable, id: string) => recordDecision(q, people.officer, id, { outcome: 'maintain', notifiedOn: TODAY, reasons: 'Needs met.', consideredInstead: 'The advice.' }, TODAY);

    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let decidedInFirst: () => void = () => {};
    const firstDecided = new Promise<void>((resolve) => {
      decidedInFirst = resolve;
    });
    const firstTx = store.db.transaction(async (q) => {
      await decide(q, first as string);
      decidedInFirst();
      await held;
      order.push('first committed');
    });
    await firstDecided;
    // If the second waits for the first's rows, the guard lets the first go after 10 s and the order below shows it.
    const guard = setTimeout(release, 10_000);
    await store.db.transaction((q) => decide(q, second as string));
    order.push('second committed');
    release();
    clearTimeout(guard);
    await firstTx;
    expect(order).toEqual(['second committed', 'first committed']);
    const [counted] = await store.db.query<{ n: number }>(
      "select sum(n)::int as n from timeliness_summary where measure = 'decisionsIn4Weeks' and state = 'on_time' and meeting_on = '2026-11-20'",
    );
    expect(counted?.n).toBe(2);
  }, 60_000);
});
