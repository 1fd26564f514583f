import { daysBetween } from '../calendar/londonDay';
import type { IsoDate } from '../timeline/types';

export const reviewLatenessSource = 'CFA 2014 s44(1); Reg 20(1); CoP 9.169';

/** How late an unbooked review is today, counted as the "book now, N days late" reminders count it. */
export interface ReviewLateness {
  /** Days past the latest meeting date (the reminders' "N days late"). */
  daysLate: number;
  /** Days past the review deadline itself; 0 while the deadline is still to come. */
  daysPastDeadline: number;
  latestMeetingDate: IsoDate;
  reviewDeadline: IsoDate;
  source: string;
}

/**
 * How late a review not yet booked is on `today`: `null` up to and including its latest
 * meeting date, otherwise the days past it and past the review deadline. Lateness is only
 * ever said, never a refusal: the review must still be held as soon as it can be (the s44
 * duty and Reg 20(1) continue). The count is the one the book-overdue reminder uses, so the
 * pane and the reminder say the same number.
 *
 * @example reviewLateness({ latestMeetingDate: '2026-10-08', reviewDeadline: '2026-11-05' }, '2026-11-24') //=> { daysLate: 47, daysPastDeadline: 19, ... }
 * @see CFA 2014 s44(1); Reg 20(1); CoP 9.169
 */
export function reviewLateness(dates: { latestMeetingDate: IsoDate; reviewDeadline: IsoDate }, today: IsoDate): ReviewLateness | null {
  if (today <= dates.latestMeetingDate) return null;
  return {
    daysLate: daysBetween(dates.latestMeetingDate, today),
    daysPastDeadline: today > dates.reviewDeadline ? daysBetween(dates.reviewDeadline, today) : 0,
    latestMeetingDate: dates.latestMeetingDate,
    reviewDeadline: dates.reviewDeadline,
    source: reviewLatenessSource,
  };
}

/** "1 day" or "47 days". */
export const dayCount = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
