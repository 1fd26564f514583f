import type { PlanAmendment } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { etagOf, loadReview, type ReviewRow } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

/** The family's representations on the proposed amendments (Reg 22(2)(b)-(c)), as recorded. */
export interface RepresentationInput {
  receivedOn: string;
  summary: string;
  wantsMeeting?: boolean | undefined;
  /** A school or other institution the family asks to be named (CFA 2014 s38(2)(b)). */
  requestedSchool?: string | undefined;
  /** When the council consulted that school (s39(2)), and what it said. */
  schoolConsultedOn?: string | undefined;
  schoolResponse?: string | undefined;
}

export interface Representation extends RepresentationInput {
  id: string;
}

/** A review the amendment steps apply to: a decision to amend, its notice served. */
export async function amendingReview(tx: Queryable, principal: Principal, id: string, today: string, ifMatch?: string): Promise<ReviewRow> {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.decision_outcome !== 'amend') throw new ConflictError('not-amend-decision', `This review is ${row.status}; representations, the final plan and "not amending" follow a decision to amend only.`);
  if (row.stage !== 'amending') throw new ConflictError('amendment-outcome-recorded', 'The amendment is already concluded: the final plan was issued, or the council decided not to amend.');
  if (!row.notice_served_on) {
    throw new ConflictError('letter-not-ready', 'The amendment notice has not gone to the family yet: send the decision letter with it (POST /api/reviews/{id}/letter/send), or record it as posted.');
  }
  return row;
}

/**
 * Records one of the family's representations against the amendment notice, with the date
 * received, and any request for a particular school with its consultation. The first one
 * received is the family's response (the window may close early: Reg 22(2)(c) gives them
 * "at least" 15 days, and they have used them).
 */
export async function recordRepresentation(tx: Queryable, principal: Principal, id: string, input: RepresentationInput, today: string, ifMatch?: string) {
  const row = await amendingReview(tx, principal, id, today, ifMatch);
  const problems = [];
  if (input.receivedOn > today) problems.push({ field: 'receivedOn', message: `${input.receivedOn} is in the future; record it once it has arrived` });
  if (input.receivedOn < (row.notice_served_on as string)) problems.push({ field: 'receivedOn', message: `${input.receivedOn} is before the notice was served (${row.notice_served_on})` });
  if (input.schoolConsultedOn && !input.requestedSchool) problems.push({ field: 'requestedSchool', message: 'name the school the family asked for, which was consulted' });
  if (input.schoolConsultedOn && input.schoolConsultedOn > today) problems.push({ field: 'schoolConsultedOn', message: `${input.schoolConsultedOn} is in the future` });
  if (problems.length) throw new InvalidInputError(problems);
  const [rec] = await tx.query<{ id: string | number }>(
    `insert into representations (review_id, received_on, summary, wants_meeting, requested_school, school_consulted_on, school_response, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [id, input.receivedOn, input.summary, input.wantsMeeting ?? false, input.requestedSchool ?? null, input.schoolConsultedOn ?? null, input.schoolResponse ?? null, principal.personId],
  );
  await tx.query(
    `update amendments set family_responded_on = least(coalesce(family_responded_on, $2::date), $2::date) where review_id = $1`,
    [id, input.receivedOn],
  );
  const version = await updateReview(tx, row, {});
  await appendAudit(tx, principal, 'amendment.representations', 'review', id, null, { ...input, id: String(rec?.id) });
  await scheduleReminders(tx, [id], today);
  return { etag: etagOf({ id, version }), representation: { id: String(rec?.id), ...input }, representations: await representationsOf(tx, id) };
}

/** Every representation on the review's amendment notice, in the order received. */
export async function representationsOf(tx: Queryable, reviewId: string): Promise<Representation[]> {
  const rows = await tx.query<{ id: string | number; received_on: string; summary: string; wants_meeting: boolean; requested_school: string | null; school_consulted_on: string | null; school_response: string | null }>(
    `select id, to_char(received_on, 'YYYY-MM-DD') as received_on, summary, wants_meeting, requested_school, to_char(school_consulted_on, 'YYYY-MM-DD') as school_consulted_on, school_response
       from representations where review_id = $1 order by received_on, id`,
    [reviewId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    receivedOn: r.received_on,
    summary: r.summary,
    wantsMeeting: r.wants_meeting,
    ...(r.requested_school ? { requestedSchool: r.requested_school } : {}),
    ...(r.school_consulted_on ? { schoolConsultedOn: r.school_consulted_on } : {}),
    ...(r.school_response ? { schoolResponse: r.school_response } : {}),
  }));
}

/**
 * Concludes the amendment with one of its two outcomes (Reg 22(3) or 22(4)) on `on`: the
 * final plan issued with the amendments as made, or "not amending" with the reasons. The
 * review is concluded; its reminders stop.
 */
export async function recordAmendmentOutcome(
  tx: Queryable,
  principal: Principal,
  row: ReviewRow,
  outcome: { kind: 'final-plan'; amendments: PlanAmendment[] } | { kind: 'not-amending'; reasons: string },
  on: string,
  today: string,
) {
  await tx.query(
    `update amendments set outcome = $2, outcome_reasons = $3, final_amendments = $4, outcome_on = $5,
            final_plan_issued_on = case when $2 = 'final-plan' then $5::date else final_plan_issued_on end, recorded_by = $6
      where review_id = $1`,
    [row.id, outcome.kind, outcome.kind === 'not-amending' ? outcome.reasons : null, outcome.kind === 'final-plan' ? JSON.stringify(outcome.amendments) : null, on, principal.personId],
  );
  const version = await updateReview(tx, row, { stage: 'concluded' });
  await appendAudit(tx, principal, outcome.kind === 'final-plan' ? 'amendment.final-plan-issued' : 'amendment.not-amending', 'review', row.id, { stage: row.stage }, { ...outcome, on });
  await scheduleReminders(tx, [row.id], today);
  return { etag: etagOf({ id: row.id, version }) };
}
