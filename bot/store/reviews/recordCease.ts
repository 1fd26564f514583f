import { proposedPlanEnd } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { startNextCycle } from './recordDecision';
import { etagOf, loadReview } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface CeaseInput {
  /** After the consultation: cease the plan, or keep it (the proposal is withdrawn). */
  decision: 'cease' | 'keep';
  /** The day the family, the institution named and the commissioning body are told (Reg 31(2)). */
  decidedOn: string;
  reasons: string;
}

/**
 * Records the decision that follows a proposal to cease (Reg 31). It can only come after
 * the consultation the council set: deciding earlier would make the cease unlawful, so it
 * is refused. A cease keeps the plan in place (s45): the product proposes the day it ends,
 * the last day to appeal, and an officer confirms it later ({@link confirmPlanEnd}). Keeping
 * the plan concludes the review and starts the next 12 months from the day it is notified.
 */
export async function recordCease(tx: Queryable, principal: Principal, id: string, input: CeaseInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage !== 'ceasing' || !row.cease_proposed_on) throw new ConflictError('not-ceasing', `This review is ${row.status}; a cease is decided only after a proposal to cease.`);
  if (row.cease_decision) throw new ConflictError('not-ceasing', `The decision after the proposal was already recorded (${row.cease_decision} on ${row.cease_decided_on}).`);
  const ends = (await tx.query<{ ends: string }>('select consultation_ends::text as ends from cease_steps where review_id = $1', [id]))[0]?.ends ?? row.cease_proposed_on;
  if (input.decidedOn > today) throw new InvalidInputError([{ field: 'decidedOn', message: `${input.decidedOn} is in the future; record the decision on the day it is notified` }]);
  if (input.decidedOn <= ends) {
    throw new ConflictError(
      'cease-consultation-open',
      `The consultation on the proposal to cease runs until ${ends} (Reg 31(1)): the family and the institution named must be heard first. Record the decision on a day after ${ends}.`,
    );
  }
  const planEnd = input.decision === 'cease' ? proposedPlanEnd(input.decidedOn) : null;
  await tx.query('update cease_steps set decided_on = $2, decision = $3, reasons = $4, plan_end_proposed = $5 where review_id = $1', [id, input.decidedOn, input.decision, input.reasons, planEnd]);
  const stage = input.decision === 'cease' ? 'ceasing' : 'concluded';
  const version = await updateReview(tx, row, { stage });
  const nextReviewId = input.decision === 'keep' ? await startNextCycle(tx, row, input.decidedOn) : null;
  await appendAudit(tx, principal, input.decision === 'cease' ? 'cease.decided' : 'cease.withdrawn', 'review', id, { stage: row.stage }, { stage, ...input, planEndProposed: planEnd, nextReviewId });
  await scheduleReminders(tx, nextReviewId ? [id, nextReviewId] : [id], today);
  return {
    etag: etagOf({ id, version }),
    nextReviewId,
    // Who must be told, with the rights of appeal (Reg 31(2)-(3), Reg 32): the letter goes through the letter engine.
    notify: input.decision === 'cease' ? ['family', 'institution named in the plan', 'responsible commissioning body'] : ['family', 'institution named in the plan'],
    planMaintainedUntil: planEnd,
  };
}

/**
 * Confirms the day a ceased plan ends. The plan is maintained until the time to appeal has
 * passed with no appeal, or an appeal is finally decided (s45), so a day before the proposed
 * end (the last day to appeal) is refused; a later one (mediation, an appeal, a Tribunal
 * extension) is the officer's to give.
 */
export async function confirmPlanEnd(tx: Queryable, principal: Principal, id: string, input: { endsOn: string; note?: string | undefined }, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage !== 'ceasing' || row.cease_decision !== 'cease' || !row.cease_plan_end_proposed) {
    throw new ConflictError('not-ceasing', `This review is ${row.status}; a plan's end is confirmed only after a decision to cease.`);
  }
  if (input.endsOn < row.cease_plan_end_proposed) {
    throw new ConflictError(
      'plan-kept-until',
      `The plan must be kept until the time to appeal ends, ${row.cease_plan_end_proposed} (s45); confirm that day or a later one (after mediation, an appeal or a Tribunal extension).`,
    );
  }
  if (input.endsOn > today) throw new InvalidInputError([{ field: 'endsOn', message: `${input.endsOn} is in the future; confirm the end once the day has come` }]);
  await tx.query('update cease_steps set plan_end_confirmed = $2, confirmed_by = $3 where review_id = $1', [id, input.endsOn, principal.personId]);
  await tx.query('update plans set ceased_on = $2 where id = $1', [row.plan_id, input.endsOn]);
  const version = await updateReview(tx, row, { stage: 'concluded' });
  await appendAudit(tx, principal, 'cease.plan-ended', 'review', id, { stage: row.stage }, { stage: 'concluded', ...input });
  await scheduleReminders(tx, [id], today);
  return { etag: etagOf({ id, version }), planCeasedOn: input.endsOn };
}
