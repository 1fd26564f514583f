import { computeTimeline } from '../timeline/computeTimeline';
import type { CaseInput } from '../timeline/types';
import type { ReviewState } from './types';

/**
 * A review state from a case's history (as `ehcp-review timeline` reads it) and what
 * else has been recorded: the timeline is computed here; a meeting date without a
 * recorded meeting counts as booked with invitations sent; a decision and an amendment
 * notice in the case input count as recorded.
 *
 * @example reviewStateFor({ planIssued: '2026-01-10' }).timeline.latestMeetingDate //=> '2026-12-12'
 */
export function reviewStateFor(input: CaseInput, recorded: Partial<Omit<ReviewState, 'timeline'>> = {}): ReviewState {
  const timeline = computeTimeline(input);
  return {
    timeline,
    meeting: input.meetingDate ? { date: input.meetingDate, invitationsSentOn: input.meetingDate, mode: 'in-person', teamsJoinUrl: null } : null,
    invitees: [],
    adviceRequests: [],
    report: null,
    // A proposal to cease is the review's decision; a later 'cease' decision is the cease itself.
    decision: input.ceaseProposed ? { outcome: 'cease', notifiedOn: input.ceaseProposed } : (input.decision ?? null),
    cease: input.ceaseProposed ? { ceasedOn: input.decision?.notifiedOn ?? null, kept: false, planEndConfirmed: null } : undefined,
    amendment: input.amendmentNoticeServed ? { noticeServedOn: input.amendmentNoticeServed, familyRespondedOn: null, finalPlanIssuedOn: null } : null,
    ...recorded,
  };
}
