import { bookBySource } from '../../planning/planReview';
import { oneReminder, URGENCY } from '../build';
import { staffRecipient } from '../recipients';
import type { ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';
import { awaitsBooking, bookByOf } from './dueList';

export const bookByReminderSource = bookBySource;

/**
 * SENCO, on the book-by date (latest meeting date - 8 weeks) while no meeting is booked:
 * book now, or the meeting cannot be held in time with advice and notice.
 *
 * @example latest meeting 2026-12-12 -> due 2026-10-17 (a Saturday), sent Friday 2026-10-16
 * @see EHC Hub guidance timeline; Reg 20(2)-(4)
 */
export const bookByReminders: ReminderRule = (state, ctx) => {
  if (!awaitsBooking(state)) return [];
  const bookBy = bookByOf(state);
  return [
    oneReminder('book-by', staffRecipient(state, 'senco'), bookBy, ctx, {
      deadline: bookBy,
      expiresOn: state.timeline.latestMeetingDate,
      shift: 'earlier',
      urgency: URGENCY.ahead,
      source: bookByReminderSource,
      action: `Book the review meeting now: it must be held by ${state.timeline.latestMeetingDate}, with advice requested and two weeks' notice.`,
    }),
  ];
};

export const bookByReminderInfo: ReminderKindInfo[] = [
  { kind: 'book-by', who: 'SENCO', when: 'the book-by date (latest meeting date - 8 weeks), while no meeting is booked', rule: 'book the meeting', source: bookByReminderSource },
];
