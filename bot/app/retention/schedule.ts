import { z } from 'zod';
import { plusDays, plusMonths } from '../../../shared';

/**
 * A council's retention schedule (#29 item 1): how long each kind of record is kept. Each
 * default names where it comes from; a council sets its own from its retention schedule,
 * then confirms it, and only a confirmed schedule deletes anything.
 */
export const retentionScheduleSchema = z.strictObject({
  /** A closed case (the plan ceased or transferred out): until the child's date of birth plus this many years. */
  caseYearsAfterBirth: z.number().int().min(0).max(100),
  /** ...and never sooner than this many years after the plan ended (the whole rule when the date of birth is unknown). */
  caseYearsAfterPlanEnd: z.number().int().min(0).max(100),
  /** A one-time advice or family-views link: this many days after it expired. */
  adviceLinkDaysAfterExpiry: z.number().int().min(0).max(3650),
  /** A reminder sent, cancelled or given up on: this many months after it was due. */
  reminderMonthsAfterSend: z.number().int().min(0).max(1200),
  /** An access record (who read a child's data): this many months after the read. */
  accessRecordMonths: z.number().int().min(0).max(1200),
});
export type RetentionSchedule = z.infer<typeof retentionScheduleSchema>;

/** The kinds a schedule covers, each with the rule as a person reads it. */
export const retentionKinds = ['case', 'adviceLink', 'reminder', 'accessRecord'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

/**
 * The defaults, and their sources:
 * - cases: the IRMS Information Management Toolkit for Schools keeps "SEN files, reviews and
 *   EHC plans" until the pupil's date of birth + 31 years (a plan can run to 25, plus the
 *   Limitation Act 1980's 6 years); a case with no date of birth is kept 6 years after the
 *   plan ended, the same limitation period.
 * - one-time links hold no personal data beyond which request they opened; 90 days after
 *   expiry leaves time to answer "did the family use the link?". The service's own choice.
 * - reminders: 24 months after their send day, two statutory cycles, so a late review's
 *   chasing can be shown at a complaint. The service's own choice.
 * - access records: 24 months, as the audit of reads. The service's own choice.
 * A council replaces any of these with its own schedule's figures.
 */
export const defaultRetentionSchedule: RetentionSchedule = {
  caseYearsAfterBirth: 31,
  caseYearsAfterPlanEnd: 6,
  adviceLinkDaysAfterExpiry: 90,
  reminderMonthsAfterSend: 24,
  accessRecordMonths: 24,
};

/** The day before which each kind is past its period, on `today` (London calendar dates). */
export interface RetentionCutoffs {
  /** A case whose child was born before this day is past the birth rule. */
  bornBefore: string;
  /** A case whose plan ended before this day is past the plan-end rule. */
  planEndedBefore: string;
  adviceLinkExpiredBefore: string;
  reminderSentBefore: string;
  accessRecordBefore: string;
}

/** What the schedule means today: a record dated before the cut-off is past its period. */
export function retentionCutoffs(schedule: RetentionSchedule, today: string): RetentionCutoffs {
  return {
    bornBefore: plusMonths(today, -12 * schedule.caseYearsAfterBirth),
    planEndedBefore: plusMonths(today, -12 * schedule.caseYearsAfterPlanEnd),
    adviceLinkExpiredBefore: plusDays(today, -schedule.adviceLinkDaysAfterExpiry),
    reminderSentBefore: plusMonths(today, -schedule.reminderMonthsAfterSend),
    accessRecordBefore: plusMonths(today, -schedule.accessRecordMonths),
  };
}

/** Each kind's rule in words, for the report and the audit tombstone (no personal data). */
export function retentionRule(kind: RetentionKind, schedule: RetentionSchedule): string {
  switch (kind) {
    case 'case':
      return `closed case: date of birth + ${schedule.caseYearsAfterBirth} years, and at least ${schedule.caseYearsAfterPlanEnd} years after the plan ended`;
    case 'adviceLink':
      return `one-time link: ${schedule.adviceLinkDaysAfterExpiry} days after it expired`;
    case 'reminder':
      return `reminder: ${schedule.reminderMonthsAfterSend} months after its send day`;
    case 'accessRecord':
      return `access record: ${schedule.accessRecordMonths} months after the read`;
  }
}
