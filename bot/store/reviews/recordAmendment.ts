import { familyResponseBy } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { cycleDates } from './cycleDates';
import { caseInputOf, etagOf, loadReview } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface AmendmentInput {
  noticeServedOn?: string | undefined;
  familyRespondedOn?: string | undefined;
  finalPlanIssuedOn?: string | undefined;
}

/**
 * Records the amendment steps after a decision to amend (Reg 22): the notice served
 * starts the family's 15 days and the 8 weeks for the final plan; the final plan
 * concludes the review. The plan must not be finalised before the family's window
 * closes unless they have already responded.
 */
export async function recordAmendment(tx: Queryable, principal: Principal, id: string, input: AmendmentInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage !== 'amending') {
    throw new ConflictError('not-amending', `This review is ${row.status}; amendments are recorded only after a decision to amend.`);
  }
  const stored = (await tx.query<AmendmentInput>('select notice_served_on as "noticeServedOn", family_responded_on as "familyRespondedOn", final_plan_issued_on as "finalPlanIssuedOn" from amendments where review_id = $1', [id]))[0];
  const merged: AmendmentInput = { ...stripNulls(stored), ...stripNulls(input) };
  const problems = [];
  const decided = row.decision_notified_on ?? row.issued_on;
  for (const field of ['noticeServedOn', 'familyRespondedOn', 'finalPlanIssuedOn'] as const) {
    const value = merged[field];
    if (value && value > today) problems.push({ field, message: `${value} is in the future; record it once it has happened` });
    if (value && value < decided) problems.push({ field, message: `${value} is before the decision to amend was notified (${decided})` });
  }
  if (merged.finalPlanIssuedOn && !merged.noticeServedOn) problems.push({ field: 'noticeServedOn', message: 'record the day the amendment notice was served before the final plan' });
  if (merged.familyRespondedOn && merged.noticeServedOn && merged.familyRespondedOn < merged.noticeServedOn) {
    problems.push({ field: 'familyRespondedOn', message: `the family cannot respond before the notice was served (${merged.noticeServedOn})` });
  }
  if (problems.length) throw new InvalidInputError(problems);
  if (merged.finalPlanIssuedOn && merged.noticeServedOn && !merged.familyRespondedOn) {
    const windowEnds = familyResponseBy(merged.noticeServedOn);
    if (merged.finalPlanIssuedOn <= windowEnds) {
      throw new ConflictError('family-window-open', `The family has until ${windowEnds} to respond to the proposed amendments (Reg 22(2)(c)); issue the final plan after that, or record their response first.`);
    }
  }
  await tx.query(
    `insert into amendments (review_id, notice_served_on, family_responded_on, final_plan_issued_on, recorded_by) values ($1, $2, $3, $4, $5)
     on conflict (review_id) do update set notice_served_on = excluded.notice_served_on, family_responded_on = excluded.family_responded_on,
       final_plan_issued_on = excluded.final_plan_issued_on, recorded_by = excluded.recorded_by`,
    [id, merged.noticeServedOn ?? null, merged.familyRespondedOn ?? null, merged.finalPlanIssuedOn ?? null, principal.personId],
  );
  const dates = cycleDates({ ...caseInputOf(row), amendmentNoticeServed: merged.noticeServedOn });
  const stage = merged.finalPlanIssuedOn ? 'concluded' : 'amending';
  const version = await updateReview(tx, row, { stage, final_plan_due: dates.final_plan_due });
  await appendAudit(tx, principal, merged.finalPlanIssuedOn ? 'amendment.final-plan-issued' : 'amendment.recorded', 'review', id, stored ?? null, merged);
  await scheduleReminders(tx, [id], today);
  return { etag: etagOf({ id, version }), amendment: merged, finalPlanDue: dates.final_plan_due };
}

function stripNulls(value: AmendmentInput | undefined): AmendmentInput {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== null && v !== undefined));
}
