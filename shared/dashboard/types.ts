/**
 * The answers of the council dashboard's endpoints (`/api/dashboard/...`): one definition
 * for the service that builds them and the Teams tab that shows them, so the two cannot drift.
 * Types and constants only.
 */

/** The steps of an annual review the dashboard tracks, in the order they come. */
export const dashboardSteps = ['booking', 'invitations', 'advice', 'meeting', 'report', 'decision', 'amendment-notice', 'final-plan'] as const;

export type DashboardStep = (typeof dashboardSteps)[number];

/** One page of a table the dashboard shows: never more than `pageSize` rows leave the store. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface OverdueReview {
  reviewId: string;
  /** Initials and council reference only: the tab is shown on shared screens and in meetings. */
  child: string;
  laReference: string;
  step: DashboardStep;
  due: string;
  daysOverdue: number;
  school: { id: string | null; name: string | null };
  officer: { id: number | null; name: string | null };
  /** Who must act next, as a person: the school's SENCO or the council's case officer. */
  owner: { kind: 'school' | 'council'; name: string };
  /** The last day a nudge was sent (or is due to go) about this review; null if never. */
  lastNudgedOn: string | null;
}

export interface TodayReport extends Page<OverdueReview> {
  today: string;
  /** Overdue reviews at each step, with the school and officer filters applied. */
  counts: Record<DashboardStep, number>;
}

/** The windows the Coming view counts: reviews due within 4, 8 and 12 weeks. */
export const comingHorizons = [4, 8, 12] as const;
export type ComingHorizon = (typeof comingHorizons)[number];

export interface ComingReview {
  reviewId: string;
  child: string;
  laReference: string;
  reviewDeadline: string;
  latestMeetingDate: string;
  meetingDate: string | null;
  step: DashboardStep;
  school: { id: string | null; name: string | null };
}

export interface ComingReport extends Page<ComingReview> {
  today: string;
  weeks: ComingHorizon;
  /** Open reviews whose deadline (the date the review must be concluded) falls within 4, 8 and 12 weeks. */
  counts: Record<`within${ComingHorizon}Weeks`, number>;
}

export interface PhaseTransfer {
  reviewId: string | null;
  child: string;
  laReference: string;
  kind: 'school' | 'post16' | 'post16-move';
  transferDate: string;
  /** The last day the review and any amendment must be finalised (Reg 18). */
  deadline: string;
  /** "before 15 February", "before 31 March" or "5 months before the move". */
  rule: string;
  /** The latest day the meeting can be held to finish by the deadline (deadline - 12 weeks). */
  latestMeetingDate: string;
  status: 'on-track' | 'at-risk' | 'done';
  school: { id: string | null; name: string | null };
}

export const timelinessMeasures = ['concludedIn12Months', 'reportsIn2Weeks', 'decisionsIn4Weeks'] as const;

export type TimelinessMeasure = (typeof timelinessMeasures)[number];

/**
 * One measure over the things expected in a period (due in it), as the DfE counts them:
 * `total` = on time + late (done late) + lateOpen (still not done, due date passed);
 * `pending` (due date still ahead, not done) is outside the share. `share` is on time /
 * total, null when nothing is due: "no data", never 0%.
 */
export interface Share {
  total: number;
  onTime: number;
  late: number;
  lateOpen: number;
  pending: number;
  share: number | null;
}

export type Shares = Record<TimelinessMeasure, Share>;

export interface TimelinessTrend {
  from: string;
  to: string;
  /** What the figures count: the reviews expected in the period (due in it), done or not. */
  counting: string;
  overall: Shares;
  /** Every month of the year, oldest first, including months with nothing in them. */
  byMonth: ({ month: string } & Shares)[];
  bySchool: ({ schoolId: string | null; schoolName: string | null } & Shares)[];
}

/** Why a plan has no SEN2 annual-review items for a census date. */
export const exclusionReasons = {
  'plan-after-census': 'The plan was issued after the census date.',
  'first-review-not-due': 'No review meeting yet, and the first review was not due by the census date.',
  'meeting-not-yet-held': 'A review meeting is booked on or before the census date but has not been held yet.',
  'no-meeting-held': 'No review meeting was held on or before the census date, though a review was due: chase it.',
} as const;

export type ExclusionReason = keyof typeof exclusionReasons;

export interface Sen2Item {
  laReference: string;
  upn: string | null;
  schoolId: string | null;
  /** The most recent review meeting on or before the census date. */
  reviewMeetingDate: string;
  /** M maintain, A amend, C cease; null while the decision is awaited. */
  outcome: 'M' | 'A' | 'C' | null;
  decisionNotifiedOn: string | null;
  amendmentNoticeServedOn: string | null;
  finalPlanIssuedOn: string | null;
}

export interface Sen2Excluded {
  laReference: string;
  schoolId: string | null;
  planIssuedOn: string;
  reason: ExclusionReason;
  explanation: string;
}

export interface Sen2Report extends Page<Sen2Item> {
  census: string;
  /** Plans left out, by reason (the list itself is paged by `sen2Excluded`). */
  excluded: { reason: ExclusionReason; explanation: string; count: number }[];
}

export interface OfficerLoad {
  /** Null: plans with no case officer. */
  officerId: number | null;
  name: string;
  openCases: number;
  overdue: number;
  decisionsDueThisWeek: number;
}

export interface Workload {
  week: { from: string; to: string };
  officers: OfficerLoad[];
}

export interface UndeliveredReminder {
  id: number;
  reviewId: string;
  child: string;
  kind: string;
  recipientRole: string;
  sendOn: string;
  attempts: number;
  lastError: string | null;
}
