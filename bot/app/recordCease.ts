import { confirmPlanEnd as storePlanEnd, recordCease as storeCease } from '../store/reviews/recordCease';
import { ceaseBody, planEndBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/** After the consultation on a proposal to cease: cease the plan (kept until the appeal window ends) or keep it. */
export function recordCease(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/cease', schema: ceaseBody, status: 201 }, async (tx, input, today) => {
    const { etag, ...body } = await storeCease(tx, call.principal, call.reviewId, input as Parameters<typeof storeCease>[3], today, call.ifMatch);
    return { body, etag };
  });
}

/** Confirm the day a ceased plan ends (not before the time to appeal ends, s45). */
export function confirmPlanEnd(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/plan-end', schema: planEndBody, status: 200 }, async (tx, input, today) => {
    const { etag, ...body } = await storePlanEnd(tx, call.principal, call.reviewId, input as Parameters<typeof storePlanEnd>[3], today, call.ifMatch);
    return { body, etag };
  });
}
