import { invitationsBy } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { reviewStepsFrom } from '../reviews/reviewSteps';
import { timelinessCounts } from './timelinessCounts';

/** On time, late, or not known yet (not done and not yet due). */
export type OnTime = boolean | null;

export interface TimelinessRow {
  reviewId: string;
  laReference: string;
  upn: string | null;
  schoolId: string | null;
  reviewDeadline: string;
  meetingDate: string;
  outcome: 'M' | 'A' | 'C' | null;
  decisionNotifiedOn: string | null;
  amendmentNoticeServedOn: string | null;
  finalPlanIssuedOn: string | null;
  onTime: { invitations: OnTime; meeting: OnTime; report: OnTime; decision: OnTime; amendmentNotice: OnTime; finalPlan: OnTime };
}

interface Row {
  review_id: string;
  la_reference: string;
  upn: string | null;
  school_id: string | null;
  review_deadline: string;
  latest_meeting_date: string;
  meeting_date: string;
  invitations_sent_on: string | null;
  report_sent_on: string | null;
  report_due: string | null;
  outcome: 'maintain' | 'amend' | 'cease' | null;
  notified_on: string | null;
  decision_due: string | null;
  notice_served_on: string | null;
  final_plan_issued_on: string | null;
  final_plan_due: string | null;
}

const OUTCOME_CODE = { maintain: 'M', amend: 'A', cease: 'C' } as const;
const steps = ['invitations', 'meeting', 'report', 'decision', 'amendmentNotice', 'finalPlan'] as const;

/** Done by the due date: true; done late or overdue now: false; otherwise not known yet. */
function judge(doneOn: string | null, due: string | null, today: string): OnTime {
  if (!due) return doneOn ? true : null;
  if (doneOn) return doneOn <= due;
  return due < today ? false : null;
}

/**
 * The SEN2 annual-review items and the council's own timeliness view: per plan, its most
 * recent review meeting in the census period, the outcome (M/A/C), the date the decision
 * was notified, the amendment dates, and whether each step was on time; with totals, and
 * `timeliness`: the reviews, reports and decisions due in the period (done or not), the
 * figures the dashboard's Timeliness view shows.
 */
export async function timelinessReport(tx: Queryable, principal: Principal, period: { from: string; to: string }, today: string) {
  const rows = await tx.query<Row>(
    `select distinct on (r.plan_id) r.id as review_id, c.la_reference, c.upn, r.school_id, r.review_deadline, r.latest_meeting_date,
            r.meeting_date, m.invitations_sent_on, rp.sent_on as report_sent_on, r.report_due, d.outcome, d.notified_on, r.decision_due,
            a.notice_served_on, a.final_plan_issued_on, r.final_plan_due
       from ${reviewStepsFrom}
      where r.council_id = $1 and r.meeting_date between $2::date and $3::date
      order by r.plan_id, r.meeting_date desc`,
    [principal.orgId, period.from, period.to],
  );
  const plans: TimelinessRow[] = rows
    .map((r) => ({
      reviewId: r.review_id,
      laReference: r.la_reference,
      upn: r.upn,
      schoolId: r.school_id,
      reviewDeadline: r.review_deadline,
      meetingDate: r.meeting_date,
      outcome: r.outcome ? OUTCOME_CODE[r.outcome] : null,
      decisionNotifiedOn: r.notified_on,
      amendmentNoticeServedOn: r.notice_served_on,
      finalPlanIssuedOn: r.final_plan_issued_on,
      onTime: {
        invitations: r.invitations_sent_on ? r.invitations_sent_on <= invitationsBy(r.meeting_date, 'strict') : null,
        meeting: r.meeting_date <= r.latest_meeting_date,
        report: judge(r.report_sent_on, r.report_due, today),
        decision: judge(r.notified_on, r.decision_due, today),
        // The notice goes with the decision (amendmentNoticeDue = decisionDue).
        amendmentNotice: r.outcome === 'amend' ? judge(r.notice_served_on, r.decision_due, today) : null,
        finalPlan: r.outcome === 'amend' && r.notice_served_on ? judge(r.final_plan_issued_on, r.final_plan_due, today) : null,
      },
    }))
    .sort((a, b) => a.laReference.localeCompare(b.laReference));
  const totals = {
    reviewsHeld: plans.length,
    outcomes: { M: 0, A: 0, C: 0, pending: 0 },
    steps: Object.fromEntries(steps.map((s) => [s, { onTime: 0, late: 0, notYetKnown: 0 }])) as Record<(typeof steps)[number], { onTime: number; late: number; notYetKnown: number }>,
  };
  for (const plan of plans) {
    if (plan.outcome) totals.outcomes[plan.outcome]++;
    else totals.outcomes.pending++;
    for (const s of steps) {
      const v = plan.onTime[s];
      const t = totals.steps[s];
      if (v === true) t.onTime++;
      else if (v === false) t.late++;
      else t.notYetKnown++;
    }
  }
  // The headline figures count what was due in the period (done or not), as the dashboard does: one query for both.
  const { overall } = await timelinessCounts(tx, principal, period, today);
  return { council: principal.orgId, period, plans, totals, timeliness: overall };
}
