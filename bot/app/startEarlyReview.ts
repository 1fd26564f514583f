import { startEarlyReview as storeEarly } from '../store/reviews/startEarlyReview';
import { earlyReviewBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/** Start a review now, before its annual turn (early: it restarts the 12 months; interim: it does not unless the council says so), with the reason. */
export function startEarlyReview(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/early', schema: earlyReviewBody, status: 201 }, async (tx, input, today) => {
    const { etag, ...body } = await storeEarly(tx, call.principal, call.reviewId, input, today, call.ifMatch);
    return { body, etag };
  });
}
