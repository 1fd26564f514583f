import { computeTimeline } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { caseInputOf, etagOf, loadReview, type ReviewRow } from './loadReview';

/** GET /api/reviews/{id}: the case, its timeline (each step's date, state and source) and what has happened. */
export async function reviewDetail(tx: Queryable, principal: Principal, id: string, today: string) {
  const row = await loadReview(tx, principal, id, today);
  return { body: await describeReview(tx, row, today), etag: etagOf(row) };
}

export async function describeReview(tx: Queryable, row: ReviewRow, today: string) {
  const [invitations, requests, items, meetings, reports, decisions, amendments] = await Promise.all([
    tx.query('select role, name, email, sent_on as "sentOn", response from invitations where review_id = $1 order by id', [row.id]),
    tx.query('select from_role as "fromRole", email, requested_on as "requestedOn", due_on as "dueOn" from advice_requests where review_id = $1 order by id', [row.id]),
    tx.query(
      'select id::int, from_role as "fromRole", author, received_on as "receivedOn", drive_id as "driveId", item_id as "itemId", file_name as "fileName" from advice_items where review_id = $1 order by id',
      [row.id],
    ),
    tx.query(
      'select meeting_date as "date", invitations_sent_on as "invitationsSentOn", mode, rating, outlook_event_id as "outlookEventId", ical_uid as "iCalUId", teams_join_url as "teamsJoinUrl", source from meetings where review_id = $1',
      [row.id],
    ),
    tx.query('select sent_on as "sentOn", recommendation, notes from reports where review_id = $1', [row.id]),
    tx.query(
      'select d.outcome, d.notified_on as "notifiedOn", d.reasons, p.display_name as "decidedBy" from decisions d join people p on p.id = d.decided_by where d.review_id = $1',
      [row.id],
    ),
    tx.query(
      'select notice_served_on as "noticeServedOn", family_responded_on as "familyRespondedOn", final_plan_issued_on as "finalPlanIssuedOn" from amendments where review_id = $1',
      [row.id],
    ),
  ]);
  const input = caseInputOf(row);
  const timeline = computeTimeline(input, { today });
  const report = reports[0] as { sentOn: string } | undefined;
  const meeting = meetings[0] as { invitationsSentOn: string | null } | undefined;
  const amendment = amendments[0] as { finalPlanIssuedOn: string | null } | undefined;
  // Steps the timeline core cannot know are done but the service has evidence of.
  const evidence: Record<string, string | null | undefined> = {
    invitationsBy: meeting?.invitationsSentOn,
    reportDue: report?.sentOn,
    finalAmendedPlanDue: amendment?.finalPlanIssuedOn,
  };
  const steps = timeline.steps.map((s) => {
    const doneOn = s.doneOn ?? evidence[s.id] ?? null;
    return doneOn && !s.doneOn ? { ...s, doneOn, state: 'done' as const } : s;
  });
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    child: { name: row.child_name, dateOfBirth: row.date_of_birth, laReference: row.la_reference, upn: row.upn },
    plan: {
      issuedOn: row.issued_on,
      ncYear: row.nc_year,
      transfer: row.transfer_kind ? { kind: row.transfer_kind, date: row.transfer_date } : null,
      schoolId: row.school_id,
      councilId: row.council_id,
      previousReviewConcluded: row.previous_concluded_on,
    },
    timeline: { ...timeline, steps },
    invitations,
    advice: { requests, items },
    meeting: meeting ?? null,
    report: report ?? null,
    decision: decisions[0] ?? null,
    amendment: amendment ?? null,
  };
}
