import { plusDays } from '../../calendar/londonDay';
import type { Term } from '../../calendar/termDates';
import { BOOKING_LEAD_DAYS, bookBySource } from '../../planning/planReview';
import { oneReminder, URGENCY } from '../build';
import { staffRecipient } from '../recipients';
import type { ReminderRule, ReviewState } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const dueListReminderSource = `CoP 9.172; ${bookBySource}`;

/** The day a review must be booked by: latest meeting date - 8 weeks (as the planner says). */
export function bookByOf(state: ReviewState): string {
  return plusDays(state.timeline.latestMeetingDate, -BOOKING_LEAD_DAYS);
}

/** Nothing to book once a meeting is booked or the LA has decided. */
export function awaitsBooking(state: ReviewState): boolean {
  return state.meeting === null && state.decision === null && state.report === null;
}

/**
 * SENCO, at the start of the term in which a review must be booked: the review is on
 * this term's due list because its book-by date falls before the next term starts.
 * The term is the last one starting on or before the book-by date (a book-by date in
 * the holiday belongs to the term before it). From the book-by day itself the
 * "book by" reminder takes over.
 *
 * @example book by 2026-11-11 -> sent 2026-09-03 (start of the autumn term 2026)
 * @see CoP 9.172 (the LA's list of reviews due in the coming term)
 */
export const dueListReminders: ReminderRule = (state, ctx) => {
  if (!awaitsBooking(state)) return [];
  const bookBy = bookByOf(state);
  let term: Term | undefined;
  for (const t of ctx.terms.terms) if (t.start <= bookBy) term = t;
  if (!term || term.start >= bookBy) return [];
  return [
    oneReminder('due-list', staffRecipient(state, 'senco'), term.start, ctx, {
      deadline: bookBy,
      expiresOn: plusDays(bookBy, -1),
      shift: 'earlier',
      urgency: URGENCY.notice,
      source: dueListReminderSource,
      action: `This review is due for booking this term: book the meeting by ${bookBy} so advice can be requested about 6 weeks ahead.`,
    }),
  ];
};

export const dueListReminderInfo: ReminderKindInfo[] = [
  {
    kind: 'due-list',
    who: 'SENCO',
    when: 'first day of the term in which the review must be booked (book-by date before the next term starts)',
    rule: 'reviews due in the coming term',
    source: dueListReminderSource,
  },
];
