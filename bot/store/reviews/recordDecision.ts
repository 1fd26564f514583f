import { type DecisionOutcome, type PlanAmendment, rightsNoticeItems } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { cycleDates } from './cycleDates';
import { caseInputOf, etagOf, loadReview, type ReviewRow } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface DecisionInput {
  outcome: DecisionOutcome;
  notifiedOn: string;
  reasons: string;
  /** Amend only: the proposed amendments per plan section, kept with the decision for the letter and the notice. */
  proposedAmendments?: PlanAmendment[] | undefined;
}

/**
 * Records the LA's decision (Reg 20(10)). Only a review awaiting its decision takes one.
 * Maintaining or amending starts the next 12-month cycle from the day the family was
 * notified (CoP 9.169); ceasing closes the plan.
 */
export async function recordDecision(tx: Queryable, principal: Principal, id: string, input: DecisionInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage !== 'reported') {
    const why = row.stage === 'not-booked' || row.stage === 'booked' ? "record the school's report of the meeting first" : 'a decision has already been recorded';
    throw new ConflictError('not-awaiting-decision', `This review is ${row.status}, not awaiting its decision: ${why}.`);
  }
  if (row.meeting_date && input.notifiedOn < row.meeting_date) {
    throw new InvalidInputError([{ field: 'notifiedOn', message: `the decision is dated ${input.notifiedOn}, before the meeting on ${row.meeting_date}` }]);
  }
  if (input.notifiedOn > today) throw new InvalidInputError([{ field: 'notifiedOn', message: `${input.notifiedOn} is in the future; record the decision on the day the family is told` }]);

  await tx.query('insert into decisions (review_id, outcome, notified_on, reasons, decided_by, proposed_amendments) values ($1, $2, $3, $4, $5, $6)', [
    id,
    input.outcome,
    input.notifiedOn,
    input.reasons,
    principal.personId,
    JSON.stringify(input.outcome === 'amend' ? (input.proposedAmendments ?? []) : []),
  ]);
  const stage = input.outcome === 'amend' ? 'amending' : 'concluded';
  const version = await updateReview(tx, row, { stage });
  const nextReviewId = input.outcome === 'cease' ? null : await startNextCycle(tx, row, input.notifiedOn);
  if (input.outcome === 'cease') await tx.query('update plans set ceased_on = $2 where id = $1', [row.plan_id, input.notifiedOn]);
  await appendAudit(tx, principal, `decision.${input.outcome}`, 'review', id, { stage: row.stage }, { stage, ...input, nextReviewId });
  // This review's reminders stop (or turn to the amendment); the next cycle's start.
  await scheduleReminders(tx, nextReviewId ? [id, nextReviewId] : [id], today);
  return { etag: etagOf({ id, version }), nextReviewId, rightsNotice: rightsNoticeItems(input.outcome) };
}

async function startNextCycle(tx: Queryable, row: ReviewRow, concludedOn: string): Promise<string | null> {
  const base = caseInputOf(row);
  const dates = cycleDates({ planIssued: base.planIssued, lastReviewConcluded: concludedOn, dateOfBirth: base.dateOfBirth, ncYear: base.ncYear, transfer: base.transfer });
  const rows = await tx.query<{ id: string }>(
    `insert into review_cycles (plan_id, council_id, school_id, previous_concluded_on, review_deadline, latest_meeting_date)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [row.plan_id, row.council_id, row.school_id, concludedOn, dates.review_deadline, dates.latest_meeting_date],
  );
  return rows[0]?.id ?? null;
}
