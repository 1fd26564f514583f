/**
 * The shapes of the dashboard endpoints' answers (see /api/openapi.json). Written out here
 * rather than imported from the service: the tab shares only shared/ with the rest.
 */
export const steps = ['booking', 'invitations', 'advice', 'meeting', 'report', 'decision', 'amendment-notice', 'final-plan'] as const;
export type Step = (typeof steps)[number];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface OverdueReview {
  reviewId: string;
  child: string;
  laReference: string;
  step: Step;
  due: string;
  daysOverdue: number;
  school: { id: string | null; name: string | null };
  officer: { id: number | null; name: string | null };
  owner: { kind: 'school' | 'council'; name: string };
}

export interface TodayReport extends Page<OverdueReview> {
  today: string;
  counts: Record<Step, number>;
}

export interface ComingReview {
  reviewId: string;
  child: string;
  laReference: string;
  reviewDeadline: string;
  latestMeetingDate: string;
  meetingDate: string | null;
  step: Step;
  school: { id: string | null; name: string | null };
}

export interface ComingReport extends Page<ComingReview> {
  weeks: 4 | 8 | 12;
  counts: { within4Weeks: number; within8Weeks: number; within12Weeks: number };
}

export interface PhaseTransfer {
  reviewId: string | null;
  child: string;
  laReference: string;
  kind: 'school' | 'post16' | 'post16-move';
  transferDate: string;
  deadline: string;
  rule: string;
  latestMeetingDate: string;
  status: 'on-track' | 'at-risk' | 'done';
  school: { id: string | null; name: string | null };
}

export const measures = ['concludedIn12Months', 'reportsIn2Weeks', 'decisionsIn4Weeks'] as const;
export type Measure = (typeof measures)[number];
export interface Share {
  total: number;
  onTime: number;
  share: number | null;
}
export type Shares = Record<Measure, Share>;
export interface TimelinessTrend {
  from: string;
  to: string;
  overall: Shares;
  byMonth: ({ month: string } & Shares)[];
  bySchool: ({ schoolId: string | null; schoolName: string | null } & Shares)[];
}

export interface Sen2Item {
  laReference: string;
  upn: string | null;
  schoolId: string | null;
  reviewMeetingDate: string;
  outcome: 'M' | 'A' | 'C' | null;
  decisionNotifiedOn: string | null;
  amendmentNoticeServedOn: string | null;
  finalPlanIssuedOn: string | null;
}
export interface Sen2Report extends Page<Sen2Item> {
  census: string;
  excluded: { reason: string; explanation: string; count: number }[];
}
export interface Sen2Excluded {
  laReference: string;
  schoolId: string | null;
  planIssuedOn: string;
  reason: string;
  explanation: string;
}

export interface OfficerLoad {
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

export interface Nudge {
  reviewId: string;
  reminderId: number;
  queued: boolean;
  step: Step;
  recipientRole: 'senco' | 'la-officer';
}

export interface SignedIn {
  orgId: string;
  orgName: string;
  role: string;
  displayName: string | null;
}

export interface Filters {
  schools: { id: string; name: string }[];
  officers: { id: number; name: string }[];
}
