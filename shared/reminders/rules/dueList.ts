import { plusDays } from '../../calendar/londonDay';
import type { Term } from '../../calendar/termDates';
import { BOOKING_LEAD_DAYS, bookBySource } from '../../planning/planReview';
import { dueListBy } from '../../timeline/rules/dueList';
import { oneReminder, URGENCY } from '../build';
import { contactRecipient } from '../recipients';
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
 * The head teacher, principal or early years provider (the school's role: its SENCO in
 * this service), and the health and social care contacts the review knows, at least two
 * weeks before the term in which a review must be booked: the LA's list of reviews due
 * in the coming term (guidance, a "should"). The term is the last one starting on or
 * before the book-by date (a book-by date in the holiday belongs to the term before
 * it), by the council's term dates. From the book-by day the "book by" reminder takes over.
 *
 * @example book by 2026-11-11, autumn term starts 2026-09-03 -> sent 2026-08-19 (strict notice)
 * @see CoP 9.172 (the LA's list of reviews due in the coming term)
 */
export const dueListReminders: ReminderRule = (state, ctx) => {
  if (!awaitsBooking(state)) return [];
  const bookBy = bookByOf(state);
  let term: Term | undefined;
  for (const t of ctx.terms.terms) if (t.start <= bookBy) term = t;
  if (!term || term.start >= bookBy) return [];
  const by = dueListBy(term.start, 'strict');
  const known = state.invitees.filter((i) => i.role === 'health' || i.role === 'social-care');
  const recipients = [{ role: 'school' as const, personId: state.staff?.senco?.personId ?? null, email: state.staff?.senco?.email?.trim() || null }, ...known.map(contactRecipient)];
  return recipients.map((to) =>
    oneReminder('due-list', to, by, ctx, {
      deadline: bookBy,
      expiresOn: plusDays(bookBy, -1),
      shift: 'earlier',
      urgency: URGENCY.notice,
      source: dueListReminderSource,
      action: `This review is on the council's list for the term starting ${term.start}: book the meeting by ${bookBy} so advice can be requested about 6 weeks ahead.`,
    }),
  );
};

export const dueListReminderInfo: ReminderKindInfo[] = [
  {
    kind: 'due-list',
    who: 'head teacher, principal or early years provider (the school), and the health and social care contacts known',
    when: 'at least two weeks before the term in which the review must be booked, by the council’s term dates',
    rule: 'reviews due in the coming term',
    source: dueListReminderSource,
  },
];
