import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import { InvalidInputError, NotFoundError, PreconditionFailedError, ProposalBlockedError } from '../../bot/store/errors';
import { requestHash, runWrite } from '../../bot/store/idempotency';
import { listReviews } from '../../bot/store/reviews/listReviews';
import { recordAdvice } from '../../bot/store/reviews/recordAdvice';
import { recordAmendment } from '../../bot/store/reviews/recordAmendment';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { reviewDetail } from '../../bot/store/reviews/reviewDetail';
import { timelinessReport } from '../../bot/store/reports/timeliness';
import { fullInvitees, importRows, type People, registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

// Plan issued 2026-01-10: review deadline 2027-01-09, latest meeting 2026-12-12.
const TODAY = '2026-11-25';

describe.each(storeKinds)('a review from booking to the final amended plan, on %s', (kind) => {
  let store: TestStore;
  let people: People;
  let id: string;
  beforeEach(async () => {
    store = await openTestStore(kind);
    people = await registerPeople(store.db);
    const ids = await importRows(store.db, people.officer, ['N-1,Ada Example,north-school,2026-01-10,,2018-04-02,3']);
    id = ids['N-1'] as string;
  });
  afterEach(() => store.dispose());

  const tx = <T>(fn: Parameters<TestStore['db']['transaction']>[0] extends (tx: infer Q) => unknown ? (q: Q) => Promise<T> : never) => store.db.transaction(fn);
  const book = (meetingDate = '2026-12-10', invitationsSentOn = '2026-11-20', today = TODAY) =>
    tx((q) => recordMeeting(q, people.senco, id, { meetingDate, invitationsSentOn, invitees: fullInvitees(), mode: 'in-person' }, today));

  it('starts not booked, due by the latest meeting date 2026-12-12', async () => {
    const [item] = await listReviews(store.db, people.officer, { limit: 10 }, TODAY);
    expect(item).toMatchObject({ id, status: 'not-booked', due: '2026-12-12', overdue: false, reviewDeadline: '2027-01-09', latestMeetingDate: '2026-12-12' });
  });

  it('books a meeting after the latest meeting date (2026-12-20, 8 days after 2026-12-12) with a warning saying how late, never a refusal', async () => {
    const { findings } = await book('2026-12-20', '2026-11-20');
    expect(findings.filter((f) => f.severity === 'block')).toEqual([]);
    expect(findings.find((f) => f.code === 'meeting-after-latest-date')?.message).toContain('is 8 days after the latest meeting date 2026-12-12');
    const { body } = await reviewDetail(store.db, people.senco, id, TODAY);
    expect(body.meeting).toMatchObject({ date: '2026-12-20' });
  });

  it('still refuses a meeting with too little notice, and stores nothing', async () => {
    const refused = await book('2026-12-01', '2026-11-20').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProposalBlockedError);
    expect((refused as ProposalBlockedError).findings.map((f) => f.code)).toContain('notice-too-short');
    expect(await store.db.query('select count(*)::int as n from meetings')).toEqual([{ n: 0 }]);
    expect((await reviewDetail(store.db, people.senco, id, TODAY)).body.version).toBe(1);
  });

  it('asks for advice a week before the circulation date when there is time: meeting 2027-01-06, circulated by 2026-12-22, advice due 2026-12-15', async () => {
    await book('2027-01-06', '2026-11-20');
    const { body } = await reviewDetail(store.db, people.senco, id, TODAY);
    expect(body.advice.requests.map((r: { dueOn: string }) => r.dueOn)).toEqual(['2026-12-15', '2026-12-15', '2026-12-15']);
  });

  it('records a decision with no report once the meeting is held, with what was considered instead, and keeps a report sent later', async () => {
    await tx((q) => recordMeeting(q, people.senco, id, { meetingDate: '2026-11-05', invitationsSentOn: '2026-10-20', invitees: fullInvitees(), mode: 'in-person' }, '2026-10-20'));
    await expect(tx((q) => recordDecision(q, people.officer, id, { outcome: 'maintain', notifiedOn: TODAY, reasons: 'x' }, TODAY))).rejects.toThrow(/deciding without the school's report, which was due on 2026-11-19/);
    const decided = await tx((q) =>
      recordDecision(q, people.officer, id, { outcome: 'maintain', notifiedOn: TODAY, reasons: 'Needs unchanged.', consideredInstead: 'The EP and health advice, the meeting notes and the family’s views.' }, TODAY),
    );
    expect(decided.report).toEqual({ recorded: false, due: '2026-11-19', consideredInstead: 'The EP and health advice, the meeting notes and the family’s views.' });
    expect(decided.nextReviewId).toEqual(expect.any(String));
    const [stored] = await store.db.query<{ without_report: boolean; considered_instead: string }>('select without_report, considered_instead from decisions where review_id = $1', [id]);
    expect(stored).toEqual({ without_report: true, considered_instead: 'The EP and health advice, the meeting notes and the family’s views.' });
    const [audit] = await readAuditEntries(store.db, "action = 'decision.maintain' and entity_id = $1", [id]);
    expect(JSON.stringify(audit?.after)).toContain('considered');
  });

  it('books the meeting: invitations, advice requests from health and social care and a views request for the parent, due two clear weeks before, reminders, audit', async () => {
    const { findings } = await book();
    expect(findings.every((f) => f.severity === 'warn')).toBe(true);
    const { body, etag } = await reviewDetail(store.db, people.senco, id, TODAY);
    expect(body.status).toBe('booked');
    expect(body.meeting).toMatchObject({ date: '2026-12-10', invitationsSentOn: '2026-11-20', mode: 'in-person' });
    expect(body.invitations).toHaveLength(5);
    const open = { requestedOn: '2026-11-20', dueOn: '2026-11-25', outstanding: true, linkValidUntil: null };
    expect(body.advice.requests).toEqual([
      { id: expect.any(Number), fromRole: 'parent', email: 'parent@home.example', ...open },
      { id: expect.any(Number), fromRole: 'health', email: 'ep@nhs.example', ...open },
      { id: expect.any(Number), fromRole: 'social-care', email: 'sw@north.example', ...open },
    ]);
    expect(body.advice.outstanding).toEqual(body.advice.requests);
    expect(body.timeline.reportDue).toBe('2026-12-24');
    expect(body.timeline.steps.find((s: { id: string }) => s.id === 'invitationsBy')).toMatchObject({ doneOn: '2026-11-20', state: 'done' });
    expect(etag).toBe(`"${id}.2"`);
    const reminders = await store.db.query<{ kind: string; send_on: string }>("select kind, send_on from reminder_outbox where status = 'pending' and recipient_role = 'health' order by kind");
    // Advice is due 2026-11-25 (two clear weeks before the meeting), today; the meeting is reminded 2 school days ahead.
    expect(reminders).toEqual([
      { kind: 'advice-due', send_on: '2026-11-25' },
      { kind: 'advice-overdue', send_on: '2026-11-26' },
      { kind: 'meeting-soon', send_on: '2026-12-08' },
    ]);
    expect(await store.db.query("select action from audit_log where entity = 'review'")).toEqual([{ action: 'meeting.booked' }]);
  });

  it('lets the invited professional see the review, and no other professional', async () => {
    await book();
    expect((await listReviews(store.db, people.professional, { limit: 10 }, TODAY)).map((r) => r.id)).toEqual([id]);
    expect(await listReviews(store.db, people.otherProfessional, { limit: 10 }, TODAY)).toEqual([]);
    await expect(reviewDetail(store.db, people.otherProfessional, id, TODAY)).rejects.toThrow(NotFoundError);
  });

  it('hides the review from another school and another council as if it did not exist', async () => {
    for (const outsider of [people.otherSenco, people.southOfficer, people.southSenco]) {
      await expect(reviewDetail(store.db, outsider, id, TODAY)).rejects.toThrow(NotFoundError);
      await expect(book().then(() => tx((q) => recordReport(q, outsider, id, { sentOn: TODAY, recommendation: 'maintain' }, TODAY)))).rejects.toThrow(NotFoundError);
    }
  });

  it('records advice against its request, as the invited professional, refusing a file pointer it did not store', async () => {
    await book();
    await expect(tx((q) => recordAdvice(q, people.professional, id, { fromRole: 'health', receivedOn: '2026-11-24', driveId: 'b!drive', itemId: '01ITEM', fileName: 'health-advice.pdf' }, TODAY))).rejects.toThrow(
      InvalidInputError,
    );
    const { adviceId } = await tx((q) => recordAdvice(q, people.professional, id, { receivedOn: '2026-11-24' }, TODAY));
    const { body } = await reviewDetail(store.db, people.officer, id, TODAY);
    const health = body.advice.requests.find((r: { fromRole: string }) => r.fromRole === 'health');
    expect(body.advice.items).toEqual([{ id: adviceId, requestId: health?.id, fromRole: 'health', author: 'ep', receivedOn: '2026-11-24', driveId: null, itemId: null, fileName: null }]);
    expect(health?.outstanding).toBe(false);
    expect(body.advice.outstanding.map((r: { fromRole: string }) => r.fromRole)).toEqual(['parent', 'social-care']);
  });

  it('goes meeting, report, decision to amend, notice, final plan; and starts the next cycle from the decision', async () => {
    await tx((q) => recordMeeting(q, people.senco, id, { meetingDate: '2026-11-05', invitationsSentOn: '2026-10-20', invitees: fullInvitees(), mode: 'in-person' }, '2026-10-20'));
    expect((await reviewDetail(store.db, people.senco, id, TODAY)).body.status).toBe('awaiting-report');
    await expect(tx((q) => recordDecision(q, people.officer, id, { outcome: 'amend', notifiedOn: TODAY, reasons: 'x' }, TODAY))).rejects.toThrow(InvalidInputError);
    await expect(tx((q) => recordReport(q, people.senco, id, { sentOn: '2026-11-01', recommendation: 'amend' }, TODAY))).rejects.toThrow(InvalidInputError);
    await tx((q) => recordReport(q, people.senco, id, { sentOn: '2026-11-12', recommendation: 'amend' }, TODAY));
    const [awaiting] = await listReviews(store.db, people.officer, { status: 'awaiting-decision', limit: 10 }, TODAY);
    expect(awaiting).toMatchObject({ id, due: '2026-12-03', overdue: false });

    const decided = await tx((q) => recordDecision(q, people.officer, id, { outcome: 'amend', notifiedOn: '2026-11-20', reasons: 'Section F needs updating.' }, TODAY));
    expect(decided.rightsNotice).toEqual([]);
    await expect(tx((q) => recordDecision(q, people.officer, id, { outcome: 'maintain', notifiedOn: '2026-11-20', reasons: 'again' }, TODAY))).rejects.toThrow(/not awaiting its decision/);
    const next = (await reviewDetail(store.db, people.officer, decided.nextReviewId as string, TODAY)).body;
    expect(next).toMatchObject({ status: 'not-booked', plan: { previousReviewConcluded: '2026-11-20' } });
    expect(next.timeline.reviewDeadline).toBe('2027-11-19');

    await tx((q) => recordAmendment(q, people.officer, id, { noticeServedOn: '2026-11-20' }, TODAY));
    const amending = (await reviewDetail(store.db, people.officer, id, TODAY)).body;
    expect(amending.status).toBe('amending');
    expect(amending.timeline).toMatchObject({ familyResponseBy: '2026-12-04', finalAmendedPlanDue: '2027-01-15' });
    await expect(tx((q) => recordAmendment(q, people.officer, id, { finalPlanIssuedOn: '2026-11-25' }, TODAY))).rejects.toThrow(/until 2026-12-04 to respond/);
    await tx((q) => recordAmendment(q, people.officer, id, { familyRespondedOn: '2026-11-23', finalPlanIssuedOn: '2026-11-25' }, TODAY));
    expect((await reviewDetail(store.db, people.officer, id, TODAY)).body.status).toBe('concluded');
    const actions = await store.db.query<{ action: string }>("select action from audit_log where entity = 'review' order by id");
    expect(actions.map((a) => a.action)).toEqual(['meeting.booked', 'report.sent', 'decision.amend', 'amendment.recorded', 'amendment.final-plan-issued']);
  });

  it('refuses a write made against an older version (If-Match) with 412 and changes nothing', async () => {
    await book();
    await expect(book('2026-12-11', '2026-11-20').then(() => 0)).resolves.toBe(0);
    const stale = `"${id}.2"`;
    await expect(tx((q) => recordMeeting(q, people.senco, id, { meetingDate: '2026-12-09', invitationsSentOn: '2026-11-20', invitees: fullInvitees(), mode: 'virtual' }, TODAY, stale))).rejects.toThrow(
      PreconditionFailedError,
    );
    expect((await reviewDetail(store.db, people.senco, id, TODAY)).body.meeting).toMatchObject({ date: '2026-12-11', mode: 'in-person' });
  });

  it('answers a repeated Idempotency-Key with the first result and writes nothing new, even when sent at once', async () => {
    const input = { sentOn: '2026-11-24', recommendation: 'maintain' as const };
    await tx((q) => recordMeeting(q, people.senco, id, { meetingDate: '2026-11-05', invitationsSentOn: '2026-10-20', invitees: fullInvitees(), mode: 'in-person' }, '2026-10-20'));
    const hash = requestHash('POST', `/api/reviews/${id}/report`, input);
    const write = () =>
      runWrite(store.db, people.senco, 'key-1', hash, async (q) => {
        const { etag } = await recordReport(q, people.senco, id, input, TODAY);
        return { status: 201, body: { reviewId: id }, etag };
      });
    const results = await Promise.all([write(), write(), write()]);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.etag)).size).toBe(1);
    expect(await store.db.query('select count(*)::int as n from reports')).toEqual([{ n: 1 }]);
    await expect(runWrite(store.db, people.senco, 'key-1', 'another request', async () => ({ status: 201, body: {} }))).rejects.toThrow(/already used for a different request/);
  });

  it('reports timeliness per plan: a late decision is flagged and counted', async () => {
    await tx((q) => recordMeeting(q, people.senco, id, { meetingDate: '2026-10-01', invitationsSentOn: '2026-09-10', invitees: fullInvitees(), mode: 'in-person' }, '2026-09-10'));
    await tx((q) => recordReport(q, people.senco, id, { sentOn: '2026-10-10', recommendation: 'maintain' }, TODAY));
    await tx((q) => recordDecision(q, people.officer, id, { outcome: 'maintain', notifiedOn: '2026-11-02', reasons: 'Needs met.' }, TODAY));
    const report = await timelinessReport(store.db, people.manager, { from: '2026-01-01', to: TODAY }, TODAY);
    expect(report.plans).toEqual([
      expect.objectContaining({
        laReference: 'N-1',
        meetingDate: '2026-10-01',
        outcome: 'M',
        decisionNotifiedOn: '2026-11-02',
        onTime: { invitations: true, meeting: true, report: true, decision: false, amendmentNotice: null, finalPlan: null },
      }),
    ]);
    expect(report.totals.steps.decision).toEqual({ onTime: 0, late: 1, notYetKnown: 0 });
    expect(report.totals.outcomes).toEqual({ M: 1, A: 0, C: 0, pending: 0 });
    const other = await timelinessReport(store.db, people.southOfficer, { from: '2026-01-01', to: TODAY }, TODAY);
    expect(other.plans).toEqual([]);
  });
});
