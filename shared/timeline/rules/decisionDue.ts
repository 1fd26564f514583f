import { earlier } from '../../calendar/londonDay';
import { withinWeeksOf } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const decisionDueSource = 'Reg 20(10); CoP 9.169, 9.176';

/**
 * Last day the LA notifies its decision (maintain, amend or cease): within 4 weeks of
 * the meeting, but never after the review deadline.
 * @example decisionDue('2026-06-30', '2027-01-31') //=> '2026-07-28'
 * @example decisionDue('2027-01-20', '2027-01-31') //=> '2027-01-31'
 * @see Reg 20(10); CoP 9.169, 9.176
 */
export function decisionDue(meeting: IsoDate, reviewDeadline: IsoDate): IsoDate {
  return earlier(withinWeeksOf(meeting, 4), reviewDeadline);
}
