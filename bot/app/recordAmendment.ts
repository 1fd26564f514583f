import { type AmendmentInput, recordAmendment as storeAmendment } from '../store/reviews/recordAmendment';
import { amendmentBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/**
 * Record a step of an amendment after a decision to amend: the notice served, the family's
 * response, the final plan issued (Reg 22(2)-(4)).
 *
 * @example await recordAmendment(deps, { principal: officer, reviewId, input: { noticeServedOn: '2027-03-20' } }) //=> { status: 200, body: { reviewId, amendment, finalPlanDue } }
 */
export function recordAmendment(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/amendment', schema: amendmentBody, status: 200 }, async (tx, input, today) => {
    const { etag, ...body } = await storeAmendment(tx, call.principal, call.reviewId, input as AmendmentInput, today, call.ifMatch);
    return { body, etag };
  });
}
