import { type MeetingInput, recordMeeting } from '../store/reviews/recordMeeting';
import { meetingBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/**
 * Book the review meeting (the SENCO from Outlook, or an officer): the proposal checked
 * (`checkMeetingProposal`: a `block` finding refuses it, warnings come back with the 201),
 * invitations stored, advice requests opened and their reminders scheduled in the same
 * transaction. With a public address, each new advice and views request gets a one-time
 * link, returned in the first answer only (never kept for an idempotent replay).
 *
 * @example await bookMeeting(deps, { principal: senco, reviewId, input: { meetingDate: '2027-03-01', ... } }) //=> { status: 201, body: { reviewId, warnings: [...] }, once: { adviceLinks } }
 */
export function bookMeeting(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/meeting', schema: meetingBody, status: 201 }, async (tx, input, today) => {
    const publicUrl = deps.publicUrl?.();
    const { findings, etag, adviceLinks } = await recordMeeting(tx, call.principal, call.reviewId, input as MeetingInput, today, call.ifMatch, { publicUrl });
    return { body: { warnings: findings }, etag, once: publicUrl ? { adviceLinks } : undefined };
  });
}
