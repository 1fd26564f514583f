import { bookBySource } from '../../planning/planReview';
import { earlyReviewSource, interimReviewSource } from '../../timeline/rules/earlyReview';
import { daysBetween, plusDays } from '../../calendar/londonDay';
import { oneReminder, URGENCY, weeklyReminders } from '../build';
import { staffRecipient } from '../recipients';
import type { ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';
import { awaitsBooking, bookByOf } from './dueList';

export const bookByReminderSource = bookBySource;
export const bookByOverdueSource = 'CFA 2014 s44(1); Reg 20(1); CoP 9.169';

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
  const latest = state.timeline.latestMeetingDate;
  const booker = staffRecipient(state, state.runBy === 'council' || state.runBy === 'reg21' ? 'la-officer' : 'senco');
  // Past the latest meeting date the review must still be held as soon as it can be (s44; Reg 20(1)): keep asking, weekly, and escalate.
  const daysLate = Math.max(1, daysBetween(latest, ctx.today));
  const late = {
    deadline: latest,
    urgency: URGENCY.overdue,
    source: bookByOverdueSource,
    action: `Book the review meeting now: it is ${daysLate} ${daysLate === 1 ? 'day' : 'days'} past the latest meeting date ${latest} (review deadline ${state.timeline.reviewDeadline}). Book the earliest date with two weeks' notice; a late review must still be held.`,
  };
  const escalateFrom = plusDays(latest, 1 + ctx.escalateAfterDays);
  // A review started before its turn is to be booked now, not at the usual book-by date (the same steps, brought forward).
  const early = state.timeline.outOfTurn;
  const bookEarly =
    early && early.startedOn < bookBy
      ? [
          oneReminder('book-by', booker, early.startedOn, ctx, {
            deadline: bookBy,
            expiresOn: bookBy,
            shift: 'later',
            urgency: URGENCY.ahead,
            source: early.kind === 'early' ? earlyReviewSource : interimReviewSource,
            action: `Book the ${early.kind} review started on ${early.startedOn}: it follows the same steps, with advice requested and two weeks' notice.`,
          }),
        ]
      : [];
  return [
    ...bookEarly,
    ...weeklyReminders('book-overdue', booker, plusDays(latest, 1), ctx, late),
    ...(booker.role === 'senco' ? weeklyReminders('book-overdue', staffRecipient(state, 'la-officer'), escalateFrom, ctx, late) : []),
    oneReminder('book-by', booker, bookBy, ctx, {
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
  {
    kind: 'book-by',
    who: 'SENCO (LA officer where the council runs the review)',
    when: 'the book-by date (latest meeting date - 8 weeks), and the day an early or interim review is started, while no meeting is booked',
    rule: 'book the meeting',
    source: bookByReminderSource,
  },
  {
    kind: 'book-overdue',
    who: 'SENCO weekly; the LA case officer too once it is a council-set number of days late (default 14)',
    when: 'the day after the latest meeting date, then weekly while no meeting is booked ("book now, N days late")',
    rule: 'a late review must still be held',
    source: bookByOverdueSource,
  },
];
