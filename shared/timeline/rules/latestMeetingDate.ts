import { earlier, plusDays } from '../../calendar/londonDay';
import type { IsoDate } from '../types';

export const latestMeetingDateSource = 'CoP 9.169; Reg 18; H&F slides ("meeting by the 11th month")';

/**
 * Last day the review meeting can be held so the LA can still decide in time:
 * review deadline - 4 weeks. Before a phase transfer, also transfer deadline - 12
 * weeks (4 weeks for the decision, with the amendment notice, then 8 weeks to the
 * final plan), whichever is earlier.
 *
 * @example latestMeetingDate('2027-02-28') //=> '2027-01-31'
 * @example latestMeetingDate('2027-06-30', '2027-02-14') //=> '2026-11-22'
 * @see CoP 9.169; Reg 18(1)-(2); Reg 20(10); Reg 22(3)
 */
export function latestMeetingDate(reviewDeadline: IsoDate, transferDeadline?: IsoDate | null): IsoDate {
  const byReview = plusDays(reviewDeadline, -28);
  return transferDeadline ? earlier(byReview, plusDays(transferDeadline, -84)) : byReview;
}
