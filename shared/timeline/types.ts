/**
 * The contract between the timeline core and everything that calls it (the CLI,
 * the service, the add-in). Dates are ISO calendar dates ("2026-03-31") meaning
 * a day in Europe/London; time of day never enters.
 */

import type { IsoDate, NoticeReading } from '../types';

// The common types live in shared/types.ts; re-exported here for the timeline's callers.
export type { IsoDate, NoticeReading };

/** What the next 12-month cycle starts with: the LA's decision (CoP 9.169) or, by local policy, the meeting. */
export type CycleAnchor = 'decision' | 'meeting';

export type TransferKind = 'school' | 'post16' | 'post16-move';

export type DecisionOutcome = 'maintain' | 'amend' | 'cease';

export interface TimelineSettings {
  notice: NoticeReading;
  anchor: CycleAnchor;
}

export const defaultTimelineSettings: TimelineSettings = { notice: 'strict', anchor: 'decision' };

/** One child's plan history, as the CLI's `timeline` command and the service read it. */
export interface CaseInput {
  planIssued: IsoDate;
  /** Date the LA notified its decision on the previous review. */
  lastReviewConcluded?: IsoDate | undefined;
  dateOfBirth?: IsoDate | undefined;
  /** National Curriculum year: -1 nursery, 0 reception, 1..14. */
  ncYear?: number | undefined;
  transfer?: { kind: TransferKind; date: IsoDate } | undefined;
  meetingDate?: IsoDate | undefined;
  decision?: { outcome: DecisionOutcome; notifiedOn: IsoDate } | undefined;
  amendmentNoticeServed?: IsoDate | undefined;
  mediationCertificate?: IsoDate | undefined;
  /** The day the plan was transferred to this council from another (Reg 15): its first review here follows Reg 15(5). */
  transferredIn?: IsoDate | undefined;
  settings?: Partial<TimelineSettings> | undefined;
}

export interface TimelineWarning {
  code: string;
  message: string;
}

/** Where a step stands against "today". */
export type StepState = 'done' | 'due' | 'overdue';

/** One dated step of the review, for lists a SENCO reads. */
export interface TimelineStep {
  id: string;
  label: string;
  date: IsoDate | null;
  source: string;
  doneOn: IsoDate | null;
  state?: StepState;
}

/** Every statutory date of one review cycle; `null` where the input does not determine it. */
export interface Timeline {
  reviewDeadline: IsoDate;
  latestMeetingDate: IsoDate;
  transferDeadline: IsoDate | null;
  invitationsBy: IsoDate | null;
  adviceRequestedBy: IsoDate | null;
  adviceCirculatedBy: IsoDate | null;
  reportDue: IsoDate | null;
  decisionDue: IsoDate | null;
  amendmentNoticeDue: IsoDate | null;
  familyResponseBy: IsoDate | null;
  finalAmendedPlanDue: IsoDate | null;
  nextReviewDeadline: IsoDate | null;
  appealDeadline: IsoDate | null;
  under5ReviewBy: IsoDate | null;
  preparingForAdulthood: boolean;
  warnings: TimelineWarning[];
  steps: TimelineStep[];
}
