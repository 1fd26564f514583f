import { endOfPeriodStartingWith } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const reviewDeadlineSource = 'CFA 2014 s44(1); CoP 9.169';

/**
 * Last day by which the review must be concluded (LA decision notified): the end of
 * the 12-month period starting with the plan's issue date for the first review, and
 * with the date the previous review was concluded after that. An amended plan does
 * not restart the clock, so only these two dates matter.
 *
 * @example reviewDeadline('2026-03-01') //=> '2027-02-28'
 * @example reviewDeadline('2025-01-10', '2026-02-04') //=> '2027-02-03'
 * @see CFA 2014 s44(1); CoP 9.169
 */
export function reviewDeadline(planIssued: IsoDate, lastReviewConcluded?: IsoDate): IsoDate {
  return endOfPeriodStartingWith(lastReviewConcluded ?? planIssued, 12);
}
