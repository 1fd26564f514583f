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

/** A transfer between phases as recorded, with the day the child moves. */
export interface RecordedTransfer {
  kind: TransferKind;
  date: IsoDate;
}

/** Who runs the review: the school (where Reg 20(12) lets the council require it), the council under Reg 20, or under Reg 21 (no school or institution). */
export type ReviewRunner = 'school' | 'council' | 'reg21';

/** The setting's phase, which with the year group says whether a Reg 18 transfer is coming. */
export const settingPhases = ['early-years', 'infant', 'junior', 'primary', 'middle', 'secondary', 'all-through', 'special', 'college'] as const;
export type SettingPhase = (typeof settingPhases)[number];

/** What the timeline needs to know about the child's setting. */
export interface SettingInput {
  phase: SettingPhase;
  /** A school sixth form (secondary, all-through or special): staying in it is not a post-16 transfer (CFA 2014 s83(2)). */
  sixthForm?: boolean | undefined;
  /** The setting's last year group where it is not the usual one (a 9-13 middle school: 8). */
  lastYear?: number | undefined;
}

export type DecisionOutcome = 'maintain' | 'amend' | 'cease';

export interface TimelineSettings {
  notice: NoticeReading;
  anchor: CycleAnchor;
  /** Whether moving from Year 6 to Year 7 inside an all-through (or all-age special) school is a Reg 18 transfer: unsettled, so a setting; default yes. */
  allThroughTransfer: boolean;
  /** Days the family and the institution are consulted on a proposal to cease (Reg 31(1)); the regulations set no period, so a council setting. */
  ceaseConsultationDays: number;
}

export const defaultTimelineSettings: TimelineSettings = { notice: 'strict', anchor: 'decision', allThroughTransfer: true, ceaseConsultationDays: 15 };

/** One child's plan history, as the CLI's `timeline` command and the service read it. */
export interface CaseInput {
  planIssued: IsoDate;
  /** Date the LA notified its decision on the previous review. */
  lastReviewConcluded?: IsoDate | undefined;
  dateOfBirth?: IsoDate | undefined;
  /** National Curriculum year: -1 nursery, 0 reception, 1..14, in the school year `ncYearSchoolYear`. */
  ncYear?: number | undefined;
  /** The school year `ncYear` refers to, by the calendar year it starts in: 2025 means 2025/26. Default: the school year in which this review cycle starts. */
  ncYearSchoolYear?: number | undefined;
  /** The child's setting; with the year group it lets the timeline infer a Reg 18 transfer. */
  setting?: SettingInput | undefined;
  /** A transfer as recorded (overrides any inferred one), or 'none' when no transfer is coming. */
  transfer?: RecordedTransfer | 'none' | undefined;
  /** The plan already names the setting the child moves to, so keeping it unchanged at a transfer is lawful (Reg 18(1)). */
  namesNextPlacement?: boolean | undefined;
  meetingDate?: IsoDate | undefined;
  decision?: { outcome: DecisionOutcome; notifiedOn: IsoDate } | undefined;
  /** The day the family was told the LA proposes to cease the plan (the review's decision, Reg 31(1)(a)); a later `decision` with outcome 'cease' is the cease itself. */
  ceaseProposed?: IsoDate | undefined;
  amendmentNoticeServed?: IsoDate | undefined;
  mediationCertificate?: IsoDate | undefined;
  /** A review held out of its annual turn: brought forward (`early`, the s44 review held early) or `interim` (between annual reviews); absent: the annual review. */
  review?: { kind: 'early' | 'interim'; startedOn: IsoDate; reason: string; restartsCycle?: boolean | undefined } | undefined;
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
/** The Reg 18 transfer this cycle plans for, recorded or inferred, and its deadline. */
export interface TransferPlan extends RecordedTransfer {
  deadline: IsoDate;
  inferred: boolean;
  /** Why, in words: "Year 6 at a primary school moves to secondary school in September 2026". */
  reason: string;
}

export interface Timeline {
  reviewDeadline: IsoDate;
  latestMeetingDate: IsoDate;
  transferDeadline: IsoDate | null;
  transfer: TransferPlan | null;
  /** Cease: the consultation on the proposal ends, and the day the plan is proposed to end (an officer confirms it; s45). */
  ceaseConsultationEnds: IsoDate | null;
  planMaintainedUntil: IsoDate | null;
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
  /** A review started out of its annual turn (early or interim), and the day it was started; null for the annual review. */
  outOfTurn: { kind: 'early' | 'interim'; startedOn: IsoDate } | null;
  preparingForAdulthood: boolean;
  warnings: TimelineWarning[];
  steps: TimelineStep[];
}
