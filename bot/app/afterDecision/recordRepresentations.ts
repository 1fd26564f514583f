import type { WriteResult } from '../../store/idempotency';
import { recordRepresentation } from '../../store/reviews/amendmentOutcome';
import { type AfterDecisionDeps, OFFICERS, type ReviewCall, reviewWrite } from './reviewWrite';
import { representationsBody } from './schemas';

/**
 * Record the family's representations on the amendment notice with the date received, and
 * any school they asked for with its consultation (Reg 22(2)(b)-(c); CFA 2014 ss.38-39).
 */
export function recordRepresentations(deps: AfterDecisionDeps, call: ReviewCall): Promise<WriteResult> {
  return reviewWrite(deps, call, representationsBody, OFFICERS, async (tx, input, today) => {
    const { etag, ...recorded } = await recordRepresentation(tx, call.principal, call.reviewId, input, today, call.ifMatch);
    return { status: 201, body: recorded, etag };
  });
}
