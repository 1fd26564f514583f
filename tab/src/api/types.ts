/**
 * The shapes of the dashboard endpoints' answers (see /api/openapi.json): the service's own
 * definitions, from shared/ (the one thing the tab shares with the service), under the
 * names the tab's views use.
 */
export {
  dashboardSteps as steps,
  timelinessMeasures as measures,
} from '../../../shared/dashboard/types';
export type {
  ComingReport,
  ComingReview,
  DashboardStep as Step,
  OfficerLoad,
  OverdueReview,
  Page,
  PhaseTransfer,
  Sen2Excluded,
  Sen2Item,
  Sen2Report,
  Share,
  Shares,
  TimelinessMeasure as Measure,
  TimelinessTrend,
  TodayReport,
  UndeliveredReminder,
  Workload,
} from '../../../shared/dashboard/types';
import type { DashboardStep as Step } from '../../../shared/dashboard/types';

export interface Nudge {
  reviewId: string;
  reminderId: number;
  queued: boolean;
  step: Step;
  recipientRole: 'senco' | 'la-officer';
}

/** One row of GET /api/reviews as a school's list shows it (#26). */
export interface SchoolReview {
  id: string;
  status: string;
  due: string | null;
  overdue: boolean;
  childName: string;
  laReference: string;
  councilId: string;
  councilName: string;
  reviewDeadline: string;
}

export interface SignedIn {
  orgId: string;
  orgName: string;
  role: string;
  /** The signed-in person's id: an officer's "my cases" filter. */
  personId: number;
  displayName: string | null;
}

export interface Filters {
  schools: { id: string; name: string }[];
  officers: { id: number; name: string }[];
}
