import { englandTypicalTerms } from '../calendar/termDates';
import type { IsoDate } from '../timeline/types';
import { reminderKey } from './build';
import { adviceReminders } from './rules/advice';
import { amendmentNoticeReminders, familyResponseReminders, familyWindowReminders, finalPlanReminders } from './rules/amendment';
import { bookByReminders } from './rules/bookBy';
import { ceaseReminders } from './rules/cease';
import { decisionReminders } from './rules/decision';
import { dueListReminders } from './rules/dueList';
import { invitationsReminders } from './rules/invitations';
import { meetingSoonReminders } from './rules/meetingSoon';
import { nextReviewReminders } from './rules/nextReview';
import { reportReminders } from './rules/report';
import type { Reminder, ReminderRule, RemindersForOptions, ReviewState, RuleContext } from './types';

/** Every rule, in the order a review meets them. */
export const reminderRules: readonly ReminderRule[] = [
  dueListReminders,
  bookByReminders,
  invitationsReminders,
  adviceReminders,
  meetingSoonReminders,
  reportReminders,
  decisionReminders,
  amendmentNoticeReminders,
  familyWindowReminders,
  familyResponseReminders,
  finalPlanReminders,
  ceaseReminders,
  nextReviewReminders,
];

/**
 * The reminders a review's state implies as of `today`: every one not yet past its
 * last useful day, including those still to come (repeating ones up to the horizon),
 * in send order. A review that has moved on simply no longer implies its earlier
 * reminders: the outbox cancels whatever pending reminder is not in this list.
 *
 * @example remindersFor(reviewStateFor({ planIssued: '2026-01-10' }), '2026-11-02').map((r) => r.kind) //=> ['book-by', 'invitations-due']
 */
export function remindersFor(state: ReviewState, today: IsoDate, options: RemindersForOptions = {}): Reminder[] {
  const ctx: RuleContext = { today, terms: options.terms ?? englandTypicalTerms(), horizonDays: options.horizonDays ?? 7, escalateAfterDays: options.escalateAfterDays ?? 14 };
  const seen = new Set<string>();
  const out: Reminder[] = [];
  for (const rule of options.rules ?? reminderRules) {
    for (const r of rule(state, ctx)) {
      if (r.expiresOn !== null && r.expiresOn < today) continue;
      const key = reminderKey(r);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out.sort(bySendDayThenUrgency);
}

/**
 * The reminders to send on `today`: those whose send day has come and that are still
 * worth sending. One with an earlier send day is late (the caller decides whether it
 * was missed or only just learnt of).
 *
 * @example dueReminders(state, '2026-11-18') //=> the 'advice-due-soon' reminders for advice due 2026-11-25
 */
export function dueReminders(state: ReviewState, today: IsoDate, options: RemindersForOptions = {}): Reminder[] {
  return remindersFor(state, today, options).filter((r) => r.sendOn <= today);
}

/** Sweeper order for late reminders: most urgent kind first, then the nearest deadline. */
export function byUrgency(a: Reminder, b: Reminder): number {
  return a.urgency - b.urgency || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0);
}

function bySendDayThenUrgency(a: Reminder, b: Reminder): number {
  return a.sendOn < b.sendOn ? -1 : a.sendOn > b.sendOn ? 1 : byUrgency(a, b);
}
