import { z } from 'zod';
import { queueNudge } from '../store/reminders/queueNudge';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/** A nudge takes no input: whatever the face received is ignored, but still part of the idempotency fingerprint. */
const anyBody = z.unknown();

/**
 * Nudge whoever holds a review up: the reminder for its most overdue open step is queued
 * now (201), or the answer says why none was (200: nothing overdue, or one already queued).
 * The reminder sweeper delivers it like any other.
 *
 * @example await nudge(deps, { principal: manager, reviewId, input: null }) //=> { status: 201, body: { reviewId, queued: true, ... } }
 */
export function nudge(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/nudge', schema: anyBody, status: 201 }, async (tx, _input, today) => {
    const queued = await queueNudge(tx, call.principal, call.reviewId, today, call.ifMatch);
    return { body: { ...queued }, status: queued.queued ? 201 : 200 };
  });
}
