import { transferReviewDeadline } from '../../transfer/planTransfer';
import { type CaseInput, defaultTimelineSettings, type IsoDate, type TimelineSettings, type TransferPlan } from '../types';
import { transferFor } from './inferTransfer';
import { latestMeetingDate } from './latestMeetingDate';
import { reviewDeadline } from './reviewDeadline';

/** The three dates every check of a cycle starts from. */
export interface CycleLimits {
  cycleStart: IsoDate;
  /** The s44 deadline, before a transfer in from another council moves it (Reg 15(5)). */
  s44Deadline: IsoDate;
  /** The day the plan came from another council, when this is its first review here. */
  transferredIn: IsoDate | null;
  reviewDeadline: IsoDate;
  transfer: TransferPlan | null;
  latestMeetingDate: IsoDate;
}

/**
 * A cycle's review deadline, the transfer it plans for (recorded or inferred) and its
 * latest meeting date, worked out once for the timeline, the meeting check and the
 * date proposals, so the three never disagree.
 *
 * @example cycleLimits({ planIssued: '2026-03-01' }).latestMeetingDate //=> '2027-01-31'
 * @see CFA 2014 s44(1); Reg 18(1)-(2); CoP 9.169
 */
export function cycleLimits(input: CaseInput, settings: Partial<TimelineSettings> = {}): CycleLimits {
  const allThrough = { ...defaultTimelineSettings, ...input.settings, ...settings }.allThroughTransfer;
  const cycleStart = input.lastReviewConcluded ?? input.planIssued;
  // A plan transferred in keeps its clock, but its first review with the new council may run to 3 months after the transfer (Reg 15(5)).
  const transferredIn = input.transferredIn && (!input.lastReviewConcluded || input.lastReviewConcluded < input.transferredIn) ? input.transferredIn : null;
  const s44Deadline = reviewDeadline(input.planIssued, input.lastReviewConcluded);
  const deadline = transferredIn ? transferReviewDeadline(s44Deadline, transferredIn) : s44Deadline;
  const transfer = transferFor(input, cycleStart, deadline, allThrough);
  return { cycleStart, s44Deadline, transferredIn, reviewDeadline: deadline, transfer, latestMeetingDate: latestMeetingDate(deadline, transfer?.deadline ?? null) };
}
