import { recordAddressee as storeAddressee } from '../store/reviews/recordAddressee';
import { addresseeBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/** Record who the family's letters and invitations go to over compulsory school age (CFA 2014 s80; Regs 63-64). */
export function recordAddressee(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/addressee', schema: addresseeBody, status: 200 }, async (tx, input, today) => {
    const { etag, ...body } = await storeAddressee(tx, call.principal, call.reviewId, input, today, call.ifMatch);
    return { body, etag };
  });
}
