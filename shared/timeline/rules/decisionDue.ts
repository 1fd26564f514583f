import { earlier, later, plusDays } from '../../calendar/londonDay';
import { withinWeeksOf } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const decisionDueSource = 'Reg 20(10); Reg 19(c); CoP 9.169, 9.176; Reg 18(1) (transfer)';

/**
 * Last day the LA notifies its decision (maintain, amend or cease): within 4 weeks of
 * the meeting (whether or not the school's report has arrived), never after the review
 * deadline, and before a phase transfer by its deadline less 8 weeks, so the amendment
 * notice that goes with the decision leaves time for the family's 15 days, any school
 * consultation and the final plan. A meeting already later than that gives the meeting
 * day itself: the decision is then late for the transfer, and the timeline says so.
 *
 * @example decisionDue('2026-06-30', '2027-01-31') //=> '2026-07-28'
 * @example decisionDue('2027-01-20', '2027-01-31') //=> '2027-01-31'
 * @example decisionDue('2025-12-01', '2026-06-15', '2026-02-14') //=> '2025-12-20'
 * @see Reg 20(10); Reg 19(c); CoP 9.169, 9.176; Reg 18(1)
 */
export function decisionDue(meeting: IsoDate, reviewDeadline: IsoDate, transferDeadline?: IsoDate | null): IsoDate {
  const due = earlier(withinWeeksOf(meeting, 4), reviewDeadline);
  return transferDeadline ? later(meeting, earlier(due, plusDays(transferDeadline, -56))) : due;
}
