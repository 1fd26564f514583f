import { endOfPeriodStartingWith } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const nextReviewDeadlineSource = 'CFA 2014 s44(1); CoP 9.169';

/**
 * Deadline for the next review: the 12-month period starting with the date this
 * review was concluded (or, by local policy, its meeting date).
 * @example nextReviewDeadline('2026-07-28') //=> '2027-07-27'
 * @see CFA 2014 s44(1); CoP 9.169
 */
export function nextReviewDeadline(concludedOn: IsoDate): IsoDate {
  return endOfPeriodStartingWith(concludedOn, 12);
}
