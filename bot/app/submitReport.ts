import { type ReportInput, recordReport } from '../store/reviews/recordReport';
import { reportBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/**
 * Submit the school's report of the review meeting (Reg 20(7)-(8)): the review then awaits
 * the council's decision, and the report's reminders stop.
 *
 * @example await submitReport(deps, { principal: senco, reviewId, input: { sentOn: '2027-03-08', recommendation: 'maintain' } }) //=> { status: 201, body: { reviewId } }
 */
export function submitReport(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/report', schema: reportBody, status: 201 }, async (tx, input, today) => {
    const { etag, ...body } = await recordReport(tx, call.principal, call.reviewId, input as ReportInput, today, call.ifMatch);
    return { body, etag };
  });
}
