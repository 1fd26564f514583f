import { englandTypicalTerms, type TermCalendar } from '../../shared/calendar/termDates';
import { remindersFor } from '../../shared/reminders/remindersFor';
import { adviceReminders } from '../../shared/reminders/rules/advice';
import { finalPlanReminders } from '../../shared/reminders/rules/amendment';
import { bookByReminders } from '../../shared/reminders/rules/bookBy';
import { decisionReminders } from '../../shared/reminders/rules/decision';
import { dueListReminders } from '../../shared/reminders/rules/dueList';
import { reportReminders } from '../../shared/reminders/rules/report';
import type { ReminderRule, ReviewState } from '../../shared/reminders/types';
import { computeTimeline } from '../../shared/timeline/computeTimeline';
import type { CaseInput, DecisionOutcome } from '../../shared/timeline/types';

/** What a reminder schedule needs to know to build the review's state for the rules. */
export interface ReminderStateInput {
  case: CaseInput;
  bookedOn: string | null;
  meetingDate: string | null;
  invitationsSentOn: string | null;
  adviceDueOn: string | null;
  reportSentOn: string | null;
  decision: { outcome: DecisionOutcome; notifiedOn: string } | null;
  noticeServedOn: string | null;
  /** `cycleKeyOf(case)`, when the caller keeps it for the cycle (it is asked about a million times a command). */
  cycleKey?: string | undefined;
}


/**
 * The actions a reminder can prompt, each with the reminder kinds (shared/reminders) that
 * prompt it. 'book-overdue' (weekly "book now, N days late", escalated to the case officer)
 * is the kind branch `every` adds to bookByReminders: listed here by name so that its
 * reminders count as soon as the rule sends them, with no copy of the rule.
 */
export const promptingKinds: Record<'book' | 'advice' | 'report' | 'decide' | 'final-plan', readonly string[]> = {
  book: ['due-list', 'book-by', 'book-overdue'],
  advice: ['advice-requested', 'advice-due-soon', 'advice-due', 'advice-overdue'],
  report: ['report-due', 'report-overdue'],
  decide: ['decision-needed', 'decision-due-soon', 'decision-due', 'decision-overdue'],
  'final-plan': ['final-plan-due-soon', 'final-plan-overdue'],
};

/** The shared rules that can produce each action's kinds: only these are asked. */
export const promptingRules: Record<keyof typeof promptingKinds, readonly ReminderRule[]> = {
  book: [dueListReminders, bookByReminders],
  advice: [adviceReminders],
  report: [reportReminders],
  decide: [decisionReminders],
  'final-plan': [finalPlanReminders],
};

export type PromptedAction = keyof typeof promptingKinds;

/** Send days (ISO, in order) of the reminders that prompt `action`, from `since` on. */
export interface ReminderSchedule {
  /** `untilDays`: only reminders up to that many days after `since` matter (the person acts by then anyway). */
  days(action: PromptedAction, query: { live: ReminderStateInput; since: string; untilDays: number }): readonly string[];
}

// Repeating reminders are written out as far as they can matter, rounded up to whole
// four-week blocks so that nearby queries share cached answers; never beyond a year.
const HORIZON_BLOCK_DAYS = 28;
const MAX_HORIZON_DAYS = 366;

/**
 * The reminders the product would send, straight from the shared reminder rules
 * (`remindersFor`), never a copy of them: the review's state is built as the service
 * builds it, and the rules say when each reminder goes out. The same state gives the
 * same days, so answers are kept for the length of a `simulate` command (its runs
 * share one schedule).
 */
export function reminderScheduleFromRules(terms: TermCalendar = englandTypicalTerms()): ReminderSchedule {
  const cache = new Map<string, readonly string[]>();
  return {
    days(action, { live, since, untilDays }) {
      const horizon = Math.min(MAX_HORIZON_DAYS, Math.ceil(Math.max(1, untilDays) / HORIZON_BLOCK_DAYS) * HORIZON_BLOCK_DAYS);
      const key = `${horizon}|${cacheKey(action, live, since)}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const kinds = new Set<string>(promptingKinds[action]);
      const days = remindersFor(reviewState(action, live), since, { terms, horizonDays: horizon, rules: promptingRules[action] })
        .filter((r) => kinds.has(r.kind) && r.sendOn >= since)
        .map((r) => r.sendOn)
        .sort();
      if (cache.size > 500_000) cache.clear();
      cache.set(key, days);
      return days;
    },
  };
}

/**
 * Everything the state built for `action` depends on: the case input as the timeline
 * reads it for the cycle (whatever fields it has: the year group and the setting, from
 * which a transfer can be inferred, included), less what happens within the cycle. The
 * plan's issue date matters only for a first review, so plans that share dates share
 * answers.
 */
/**
 * The part of the cache key the whole cycle shares: the case input less what happens
 * within the cycle (the meeting, the decision, the notice), and the plan's issue date only
 * for a first review. The same for every question asked about one cycle.
 */
export function cycleKeyOf(c: CaseInput): string {
  const { meetingDate: _m, decision: _d, amendmentNoticeServed: _a, planIssued, ...rest } = c;
  return `${rest.lastReviewConcluded ? '' : planIssued}|${JSON.stringify(rest)}`;
}

function cacheKey(action: PromptedAction, live: ReminderStateInput, since: string): string {
  const c = live.case;
  const cycle = live.cycleKey ?? cycleKeyOf(c);
  switch (action) {
    case 'book':
      return `b|${since}|${cycle}`;
    case 'advice':
      return `a|${since}|${cycle}|${live.meetingDate}|${live.invitationsSentOn ?? live.bookedOn}|${live.bookedOn}|${live.adviceDueOn}`;
    case 'report':
      return `r|${since}|${cycle}|${live.meetingDate ?? c.meetingDate}|${live.invitationsSentOn ?? live.bookedOn}`;
    case 'decide':
      return `d|${since}|${cycle}|${live.meetingDate ?? c.meetingDate}|${live.reportSentOn}`;
    case 'final-plan':
      return `f|${since}|${cycle}|${live.meetingDate ?? c.meetingDate}|${live.reportSentOn}|${c.decision?.outcome}:${c.decision?.notifiedOn}|${live.noticeServedOn}`;
  }
}

/** The review as the reminder rules see it at the moment `action` is awaited. */
function reviewState(action: PromptedAction, live: ReminderStateInput): ReviewState {
  const c = live.case;
  const meetingDate = action === 'book' ? null : (live.meetingDate ?? c.meetingDate ?? null);
  const timeline = computeTimeline({ ...c, meetingDate: meetingDate ?? undefined });
  return {
    timeline,
    meeting: meetingDate ? { date: meetingDate, invitationsSentOn: live.invitationsSentOn ?? live.bookedOn, mode: 'in-person', teamsJoinUrl: null } : null,
    invitees: [],
    adviceRequests:
      action === 'advice' && live.bookedOn && live.adviceDueOn
        ? [{ role: 'health', personId: null, email: null, requestedOn: live.bookedOn, dueOn: live.adviceDueOn, receivedOn: null }]
        : [],
    report: action === 'decide' || action === 'final-plan' ? { sentOn: live.reportSentOn ?? (meetingDate as string) } : null,
    decision: action === 'final-plan' && c.decision ? c.decision : null,
    amendment: action === 'final-plan' ? { noticeServedOn: live.noticeServedOn, familyRespondedOn: null, finalPlanIssuedOn: null } : null,
  };
}
