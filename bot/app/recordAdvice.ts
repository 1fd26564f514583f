import { type AdviceInput, recordAdvice as storeAdvice } from '../store/reviews/recordAdvice';
import { adviceBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/**
 * Record that advice arrived for a review (who sent it, when, and where the file is kept),
 * which closes that adviser's request and stops its reminders. A file sent as advice (the
 * one-time upload link, a file in the bot's personal chat) goes through
 * `bot/advice/acceptAdviceFile`, which stores the file first and records it the same way.
 *
 * @example await recordAdvice(deps, { principal: senco, reviewId, input: { fromRole: 'health', receivedOn: '2027-02-10' } }) //=> { status: 201, body: { reviewId, adviceId: 7 } }
 */
export function recordAdvice(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/advice', schema: adviceBody, status: 201 }, async (tx, input, today) => {
    const { etag, ...body } = await storeAdvice(tx, call.principal, call.reviewId, input as AdviceInput, today, call.ifMatch);
    return { body, etag };
  });
}
