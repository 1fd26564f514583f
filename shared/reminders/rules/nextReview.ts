import { plusDays } from '../../calendar/londonDay';
import { nextReviewDeadlineSource } from '../../timeline/rules/nextReviewDeadline';
import { oneReminder, URGENCY } from '../build';
import { staffRecipient } from '../recipients';
import type { ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const nextReviewReminderSource = nextReviewDeadlineSource;

/**
 * SENCO, the day the LA notifies a decision to maintain or amend: when the next review
 * must be concluded, so it goes on the school's plan. Stale after 4 weeks.
 *
 * @example decision notified 2026-11-20 -> next review concluded by 2027-11-19
 * @see CFA 2014 s44(1); CoP 9.169
 */
export const nextReviewReminders: ReminderRule = (state, ctx) => {
  const next = state.timeline.nextReviewDeadline;
  if (!state.decision || state.decision.outcome === 'cease' || !next) return [];
  return [
    oneReminder('next-review-deadline', staffRecipient(state, 'senco'), state.decision.notifiedOn, ctx, {
      deadline: next,
      expiresOn: plusDays(state.decision.notifiedOn, 28),
      shift: 'later',
      urgency: URGENCY.notice,
      source: nextReviewReminderSource,
      action: `The LA has decided this review; the next review must be concluded by ${next}: plan its meeting.`,
    }),
  ];
};

export const nextReviewReminderInfo: ReminderKindInfo[] = [
  { kind: 'next-review-deadline', who: 'SENCO', when: 'the day a decision to maintain or amend is notified', rule: 'next review within 12 months', source: nextReviewReminderSource },
];
