import type { TermCalendar } from '../calendar/termDates';
import type { InviteeRole } from '../compliance/inviteeRoles';
import type { DecisionOutcome, IsoDate, ReviewRunner, Timeline } from '../timeline/types';

/**
 * The contract between the reminder rules and their callers (the service's outbox,
 * `ehcp-review simulate`). Pure data: dates are ISO calendar dates in Europe/London.
 */

/** Every kind of reminder the rules produce; the outbox also carries 'nudge' (a person's manual nudge). */
export const reminderKinds = [
  'due-list',
  'book-by',
  'book-overdue',
  'invitations-due',
  'advice-requested',
  'advice-due-soon',
  'advice-due',
  'advice-overdue',
  'circulate-advice',
  'meeting-soon',
  'report-due',
  'report-overdue',
  'decision-needed',
  'decision-due-soon',
  'decision-due',
  'decision-overdue',
  'amendment-notice-missing',
  'family-window-closing',
  'family-response-reminder',
  'final-plan-due-soon',
  'final-plan-overdue',
  'cease-consultation-ends',
  'plan-end-confirm',
  'next-review-deadline',
] as const;

export type ReminderKind = (typeof reminderKinds)[number];

/** Who a reminder is for: the school's SENCO, the council's officer or manager, or anyone invited. */
export type ReminderRole = 'senco' | 'la-officer' | 'la-manager' | InviteeRole;

/**
 * A recipient by role and, where known, by person (a registered person's id) or email.
 * With neither, the service resolves the role when it delivers, or dead-letters it.
 */
export interface ReminderRecipient {
  role: ReminderRole;
  personId: number | null;
  email: string | null;
}

/**
 * Where a reminder's link points: the review in the app, the meeting's Teams join link, or
 * nowhere but a reply (the family, who cannot open the council's app, answer the email).
 */
export type ReminderLink = { to: 'review' } | { to: 'meeting'; joinUrl: string } | { to: 'reply' };

/** One reminder the rules say is due (or will be). */
export interface Reminder {
  kind: ReminderKind;
  recipient: ReminderRecipient;
  /** The day this occurrence is for, as the rule states it (part of the outbox's unique key). */
  dueOn: IsoDate;
  /** The day to send it: `dueOn`, or the school (or working) day before when `dueOn` is not one. Never after `dueOn`. */
  sendOn: IsoDate;
  /** Last day it is worth sending; after that a later reminder (or nothing) takes over. Null: until the review moves on. */
  expiresOn: IsoDate | null;
  /** The statutory (or good-practice) date at stake, e.g. the day advice is due. */
  deadline: IsoDate;
  /** The rule's source, e.g. "Reg 20(10); CoP 9.169, 9.176". */
  source: string;
  /** What the recipient does, in a sentence. */
  action: string;
  link: ReminderLink;
  /** Smaller is more urgent; the sweeper sends late reminders in this order (then by deadline). */
  urgency: number;
}

/** A person or address the review knows, invited or asked for advice. */
export interface ReviewContact {
  role: InviteeRole;
  personId?: number | null | undefined;
  email?: string | null | undefined;
}

export interface AdviceRequestState extends ReviewContact {
  requestedOn: IsoDate;
  dueOn: IsoDate;
  /** The day the advice arrived; null while outstanding. */
  receivedOn: IsoDate | null;
}

/** What the reminder rules need to know about one review, as the store (or a simulation) holds it. */
export interface ReviewState {
  /** `computeTimeline` of the review's case input. */
  timeline: Timeline;
  meeting: {
    date: IsoDate;
    invitationsSentOn: IsoDate | null;
    mode: 'in-person' | 'virtual' | 'hybrid' | null;
    teamsJoinUrl: string | null;
  } | null;
  invitees: ReviewContact[];
  adviceRequests: AdviceRequestState[];
  report: { sentOn: IsoDate } | null;
  decision: { outcome: DecisionOutcome; notifiedOn: IsoDate } | null;
  amendment: { noticeServedOn: IsoDate | null; familyRespondedOn: IsoDate | null; finalPlanIssuedOn: IsoDate | null } | null;
  /** After a proposal to cease (recorded as the review's decision 'cease'): the cease itself, or the plan kept, and the confirmed end. */
  cease?: { ceasedOn: IsoDate | null; kept: boolean; planEndConfirmed: IsoDate | null } | undefined;
  /** Who runs the review (default the school): where the council does, the officer gets the school's reminders and no school is chased. */
  runBy?: ReviewRunner | undefined;
  /**
   * How the family agreed to be written to (a contact preference on the case): `email`, or
   * `post` (no email reaches them); null or absent when none is recorded.
   */
  familyContact?: 'email' | 'post' | null | undefined;
  /** Days before the family's 15 days end that the family is reminded (a council setting; 0 = never); default 5. */
  familyReminderDaysBefore?: number | undefined;
  /** The school's SENCO and the council's officer and manager, where the caller knows them; otherwise reminders go to the role. */
  staff?: Partial<Record<'senco' | 'la-officer' | 'la-manager', { personId?: number | null | undefined; email?: string | null | undefined }>> | undefined;
}

export interface RemindersForOptions {
  /** The council's term dates; typical English dates by default. */
  terms?: TermCalendar | undefined;
  /** How far ahead a repeating (weekly) series is written out; default 7 days. */
  horizonDays?: number | undefined;
  /** Only these rules (default: every rule); a caller that wants one step's reminders saves the rest. */
  rules?: readonly ReminderRule[] | undefined;
  /** Days after the latest meeting date an unbooked review is escalated to the LA case officer (a council setting); default 14. */
  escalateAfterDays?: number | undefined;
}

/** What every rule gets besides the state: today, the calendar, the horizon. */
export interface RuleContext {
  today: IsoDate;
  terms: TermCalendar;
  horizonDays: number;
  escalateAfterDays: number;
}

/** One rule: the reminders a review's state implies, whatever their dates (the caller filters by today). */
export type ReminderRule = (state: ReviewState, context: RuleContext) => Reminder[];
