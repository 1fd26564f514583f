import { type DecisionInput, recordDecision as storeDecision } from '../store/reviews/recordDecision';
import { decisionBody } from './schemas';
import { type LetterOutcome, letterAfterDecision } from './sendLetter';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/** The endpoint whose permission a decision needs, whichever face it comes through. */
export const DECISION = 'POST /api/reviews/{id}/decision';

/**
 * Record the council's decision after the review (Reg 20(10)), from the API or the Teams
 * card alike:
 * 1. only an LA SEND officer may (the permission table), and only of the review's council
 *    (the store's scoping answers 404 to any other);
 * 2. the input is parsed with the decision schema (400 listing each field);
 * 3. the decision, the next review cycle and the reminders are written in one idempotent
 *    transaction (a repeat with the same key records nothing more);
 * 4. then the family's letter goes (`letterAfterDecision`), once: not on a replay. The
 *    decision stands if the letter cannot go; the answer's `letter` says what to fix.
 *
 * @example await recordDecision(deps, { principal: officer, reviewId, input: { outcome: 'maintain', notifiedOn: '2027-03-20', reasons: '...' } })
 * //=> { status: 201, body: { reviewId, nextReviewId, rightsNotice }, once: { letter: { status: 'sent', message } } }
 */
export async function recordDecision(deps: AppDeps, call: ReviewCall): Promise<TaskResult & { letter?: LetterOutcome }> {
  const result = await reviewWrite(deps, call, { endpoint: DECISION, schema: decisionBody, status: 201 }, async (tx, input, today) => {
    const { etag, ...body } = await storeDecision(tx, call.principal, call.reviewId, input as DecisionInput, today, call.ifMatch);
    return { body, etag };
  });
  if (result.replayed) return result;
  const letter = await letterAfterDecision(deps, call.principal, call.reviewId);
  return { ...result, letter, once: { ...result.once, letter } };
}
