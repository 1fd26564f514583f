import type { CycleAnchor, IsoDate } from '../types';

/** Which review this is: the annual one, one brought forward (early), or one held between annual reviews (interim). */
export type ReviewKind = 'annual' | 'early' | 'interim';
export const reviewKinds = ['annual', 'early', 'interim'] as const satisfies readonly ReviewKind[];

// As ../shared/DOMAIN.md's earlyReview rule cites it (the Hertfordshire practice slides for the early review itself).
export const earlyReviewSource = 'CFA 2014 s44(1); H&F slides';
export const interimReviewSource = 'CFA 2014 s44(1); CoP 9.178';

export interface NextCycleStartInput {
  kind: ReviewKind;
  /** The LA's decision notified (the review concluded, CoP 9.169). */
  concludedOn: IsoDate;
  meetingDate: IsoDate | null;
  /** What the next 12 months start with: the decision (default) or, by local policy, the meeting. */
  anchor: CycleAnchor;
  /** The day the current 12 months started with: the previous review's conclusion, or the plan's issue. */
  currentCycleStart: IsoDate;
  /** Interim only: the council treats this review as the s44 review, so it restarts the 12 months. */
  restartsCycle?: boolean | undefined;
}

/**
 * The day the next 12-month period starts with once this review is concluded.
 *
 * An annual review, and an early one (a review brought forward: a significant change, a
 * transfer review held in the autumn), is the s44 review: its conclusion restarts the 12
 * months ("starting with the date on which the plan was last reviewed", s44(1)), early or
 * not. An interim review (held between annual reviews, such as the 3-to-6-monthly review of
 * an under-5, CoP 9.178) goes through the same steps but does not conclude the s44 review,
 * so the current 12 months run on: unless the council says it is the review (it followed
 * the Reg 20 steps, so it may), when it restarts them like an early one.
 *
 * @example nextCycleStart({ kind: 'early', concludedOn: '2026-11-20', meetingDate: '2026-11-02', anchor: 'decision', currentCycleStart: '2026-03-10' }) //=> '2026-11-20'
 * @example nextCycleStart({ kind: 'interim', concludedOn: '2026-11-20', meetingDate: '2026-11-02', anchor: 'decision', currentCycleStart: '2026-03-10' }) //=> '2026-03-10'
 * @see CFA 2014 s44(1); CoP 9.169, 9.178
 */
export function nextCycleStart(input: NextCycleStartInput): IsoDate {
  if (input.kind === 'interim' && !input.restartsCycle) return input.currentCycleStart;
  return input.anchor === 'meeting' && input.meetingDate ? input.meetingDate : input.concludedOn;
}
