import { type CaseInput, computeTimeline } from '../../../shared';

/** The dates stored on a review row so lists can filter and sort in SQL. */
export interface CycleDates {
  review_deadline: string;
  latest_meeting_date: string;
  report_due: string | null;
  decision_due: string | null;
  final_plan_due: string | null;
}

/** Works the stored dates out with the shared timeline core, the one source of every rule. */
export function cycleDates(input: CaseInput): CycleDates {
  const t = computeTimeline(input);
  return {
    review_deadline: t.reviewDeadline,
    latest_meeting_date: t.latestMeetingDate,
    report_due: t.reportDue,
    decision_due: t.decisionDue,
    final_plan_due: t.finalAmendedPlanDue,
  };
}
